// Offline authorization from pushed authentication data. An RFID card or a contract is
// known by its UID or EvcoID; a QR code also needs its PIN, sent in clear by the CPO and
// checked against the HashedPIN the EMP pushed (bcrypt, the one hash function OICP 2.3
// names). A QR code record without a HashedPIN authorizes nothing offline.
import type * as S from 'oicp/2.3/schemas'
import { identificationKey } from './ids.js'
import type { HubStore } from './store.js'

/** The provider whose pushed data authorizes an identification; else whether a QR code's PIN was wrong. */
export type OfflineAuthorization = { providerId: string } | { providerId?: undefined; wrongPin: boolean }

/** Whether a pushed record lets the hub authorize this identification itself. */
export async function authorizesOffline(
  held: S.AuthenticationDataRecord,
  identification: S.Identification,
): Promise<boolean> {
  const qr = identification.QRCodeIdentification
  if (!qr) return true
  const hashed = held.Identification.QRCodeIdentification?.HashedPIN
  if (!hashed || hashed.Function !== 'Bcrypt' || qr.PIN === undefined) return false
  // Loaded on first use: only a hub with QR code authentication data needs it.
  const { default: bcrypt } = await import('bcryptjs')
  try {
    return await bcrypt.compare(qr.PIN, hashed.Value)
  } catch {
    return false // a value that is no bcrypt hash matches no PIN
  }
}

/** Looks the identification up in every provider's pushed data; the first that authorizes it wins. */
export async function offlineAuthorization(
  store: HubStore,
  identification: S.Identification,
): Promise<OfflineAuthorization> {
  const key = identificationKey(identification)
  let wrongPin = false
  if (key === undefined) return { wrongPin }
  for (const held of store.authData.values()) {
    const record = held.records.get(key)
    if (!record) continue
    if (await authorizesOffline(record, identification)) return { providerId: held.providerId }
    wrongPin ||= identification.QRCodeIdentification !== undefined
  }
  return { wrongPin }
}
