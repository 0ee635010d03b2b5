// Offline authorization from pushed authentication data. An RFID card or a contract is
// known by its UID or EvcoID; a QR code also needs its PIN, sent in clear by the CPO and
// checked against the HashedPIN the EMP pushed (bcrypt, the one hash function OICP 2.3
// names). A QR code record without a HashedPIN authorizes nothing offline.
import type * as S from 'oicp/2.3/schemas'

/** Whether a pushed record lets the hub authorize this identification itself. */
export async function authorizesOffline(held: S.AuthenticationDataRecord, identification: S.Identification): Promise<boolean> {
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
