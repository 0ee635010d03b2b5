// OICP identifiers as the hub compares them: OperatorIDs, ProviderIDs and EvseIDs without
// the optional '*' or '-' separators and in upper case (DE*ABC = DEABC, DE-8EO = DE8EO).
import type * as S from 'oicp/2.3/schemas'

/** An OperatorID, ProviderID or EvseID in the form used as a key. */
export function idKey(id: string): string {
  return id.replace(/[*-]/g, '').toUpperCase()
}

/** Whether an EvseID belongs to the operator: its leading part is the OperatorID. */
export function evseBelongsTo(evseId: string, operatorId: string): boolean {
  const evse = idKey(evseId)
  const operator = idKey(operatorId)
  if (!evse.startsWith(operator)) return false
  // ISO form: country, operator, then "E" (DE*ABC*E1 is not an EVSE of DE*AB1).
  return !/^[A-Z]{2}/.test(operator) || evse[operator.length] === 'E'
}

/** Whether two OperatorIDs or ProviderIDs name the same partner. */
export function sameId(a: string, b: string): boolean {
  return idKey(a) === idKey(b)
}

/**
 * The key an identification is looked up by in authentication data: the card UID for RFID,
 * the contract ID otherwise. Undefined for an identification without either.
 */
export function identificationKey(identification: S.Identification): string | undefined {
  const i = identification as Record<string, { UID?: string; EvcoID?: string } | undefined>
  const rfid = i.RFIDMifareFamilyIdentification ?? i.RFIDIdentification
  if (rfid?.UID) return `uid:${rfid.UID.toUpperCase()}`
  const evco = i.QRCodeIdentification?.EvcoID ?? i.PlugAndChargeIdentification?.EvcoID ?? i.RemoteIdentification?.EvcoID
  return evco ? `evco:${idKey(evco)}` : undefined
}

/** The contract ID an identification carries, if any (not for RFID cards). */
export function evcoIdOf(identification: S.Identification): string | undefined {
  const i = identification as Record<string, { EvcoID?: string } | undefined>
  return i.QRCodeIdentification?.EvcoID ?? i.PlugAndChargeIdentification?.EvcoID ?? i.RemoteIdentification?.EvcoID ?? i.RFIDIdentification?.EvcoID
}

/** The ProviderID an EvcoID starts with (country code and three characters), in key form. */
export function providerKeyOfEvco(evcoId: string): string {
  return idKey(evcoId).slice(0, 5)
}
