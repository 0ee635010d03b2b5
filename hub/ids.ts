// OICP identifiers as the hub keys and compares them: the runtime's one canonical form
// (oicp/runtime idKey: separators the spec makes optional dropped, letters in upper case,
// the DIN country code kept apart), so that the store's keys, the partner lookups and the
// server's 017 check agree. An ID that is not valid for its type gets a key no valid ID
// has, so it never matches one.
import { evseOfOperator, idKey as runtimeKey, providerOfEvco, type IdType } from 'oicp/runtime'
import type * as S from 'oicp/2.3/schemas'

/** Keys of invalid IDs start with "?", which no canonical form does. */
function keyAs(type: IdType, id: string): string {
  return runtimeKey(type, id) ?? `?${String(id)}`
}

export const operatorKey = (operatorId: string): string => keyAs('OperatorID', operatorId)
export const providerKey = (providerId: string): string => keyAs('ProviderID', providerId)
export const evseKey = (evseId: string): string => keyAs('EvseID', evseId)

const TYPES: readonly IdType[] = ['EvseID', 'OperatorID', 'ProviderID', 'EvcoID']

/**
 * The key of an OperatorID, ProviderID, EvseID or EvcoID whose type the caller does not
 * say. The same as the typed keys: where one text is valid as two types (DEABC), both
 * canonical forms are the same.
 */
export function idKey(id: string): string {
  for (const type of TYPES) {
    const key = runtimeKey(type, id)
    if (key !== undefined) return key
  }
  return `?${String(id)}`
}

/** Whether an EvseID belongs to the operator: country code and operator part, compared as parts. */
export function evseBelongsTo(evseId: string, operatorId: string): boolean {
  return evseOfOperator(evseId, operatorId)
}

/** Whether two OperatorIDs (or two ProviderIDs) name the same partner. */
export function sameId(type: 'OperatorID' | 'ProviderID', a: string, b: string): boolean {
  return keyAs(type, a) === keyAs(type, b)
}

/**
 * The key an identification is looked up by in authentication data: the card UID for RFID,
 * the contract ID otherwise. Undefined for an identification without either.
 */
export function identificationKey(identification: S.Identification): string | undefined {
  const i = identification as Record<string, { UID?: string; EvcoID?: string } | undefined>
  const rfid = i.RFIDMifareFamilyIdentification ?? i.RFIDIdentification
  if (typeof rfid?.UID === 'string' && rfid.UID !== '') return `uid:${rfid.UID.toUpperCase()}`
  const evco = i.QRCodeIdentification?.EvcoID ?? i.PlugAndChargeIdentification?.EvcoID ?? i.RemoteIdentification?.EvcoID
  return typeof evco === 'string' ? `evco:${keyAs('EvcoID', evco)}` : undefined
}

/** The contract ID an identification carries, if any (not for RFID cards). */
export function evcoIdOf(identification: S.Identification): string | undefined {
  const i = identification as Record<string, { EvcoID?: string } | undefined>
  return (
    i.QRCodeIdentification?.EvcoID ??
    i.PlugAndChargeIdentification?.EvcoID ??
    i.RemoteIdentification?.EvcoID ??
    i.RFIDIdentification?.EvcoID
  )
}

/** The key of the ProviderID an EvcoID starts with. */
export function providerKeyOfEvco(evcoId: string): string {
  return providerOfEvco(evcoId) ?? `?${String(evcoId)}`
}
