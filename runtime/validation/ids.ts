// OICP identifiers as the spec text defines them (03 Data Types: OperatorIDType,
// ProviderIDType, EvseIDType, EvcoIDType), split into their parts and compared in one
// canonical form. What the text makes equivalent is equal here, nothing else:
// - the optional separators ("*" in ISO OperatorIDs and EvseIDs, "-" or "*" in ProviderIDs
//   and EvcoIDs, "*" inside an EvseID instance) carry no meaning and are dropped;
// - in the DIN form (E.164 country code) the "+" is optional, but the "*" between country
//   code and operator is mandatory: it is kept, since "+4*981" and "+49*810" differ only there;
// - letters compare without case: an OperatorID may be written in lower case, but it is
//   the head of an EvseID, which the spec allows in upper case only.

/** The identifiers the spec defines patterns for. */
export type IdType = 'OperatorID' | 'ProviderID' | 'EvseID' | 'EvcoID'

/** An identifier's parts, letters in upper case, separators removed. */
export interface IdParts {
  type: IdType
  /** `iso`: alpha-2 country code; `din`: E.164 country code (OperatorID and EvseID only). */
  form: 'iso' | 'din'
  country: string
  /** The operator (OperatorID, EvseID) or provider (ProviderID, EvcoID) part. */
  party: string
  /** What follows the party in an EvseID or EvcoID ("E…" of an ISO EvseID included). */
  instance: string
}

// The spec's patterns with the parts captured; matched against the upper-cased text.
const PATTERNS: Readonly<Record<IdType, readonly { form: 'iso' | 'din'; re: RegExp }[]>> = {
  OperatorID: [
    { form: 'iso', re: /^([A-Z]{2})\*?([A-Z0-9]{3})$/ },
    { form: 'din', re: /^\+?([0-9]{1,3})\*([0-9]{3})$/ },
  ],
  ProviderID: [{ form: 'iso', re: /^([A-Z]{2})[*-]?([A-Z0-9]{3})$/ }],
  EvseID: [
    { form: 'iso', re: /^([A-Z]{2})\*?([A-Z0-9]{3})\*?(E[A-Z0-9*]{1,30})$/ },
    { form: 'din', re: /^\+?([0-9]{1,3})\*([0-9]{3})\*([0-9*]{1,32})$/ },
  ],
  EvcoID: [
    { form: 'iso', re: /^([A-Z]{2})-?([A-Z0-9]{3})-?(C[A-Z0-9]{8}-?[0-9A-Z])$/ },
    { form: 'iso', re: /^([A-Z]{2})[*-]?([A-Z0-9]{3})[*-]?([A-Z0-9]{6}[*-]?[0-9X])$/ },
  ],
}

/** The parts of `id` read as `type`, or undefined when it is not one. */
export function parseId(type: IdType, id: string): IdParts | undefined {
  if (typeof id !== 'string' || id.length > 64) return undefined
  const text = id.toUpperCase()
  for (const { form, re } of PATTERNS[type]) {
    const m = re.exec(text)
    if (m) return { type, form, country: m[1]!, party: m[2]!, instance: (m[3] ?? '').replace(/[*-]/g, '') }
  }
  return undefined
}

/** The canonical form of parsed parts: ISO "DEABC", "DEABCE1"; DIN "+49*810", "+49*810*000438". */
export function canonicalId(parts: IdParts): string {
  if (parts.form === 'iso') return `${parts.country}${parts.party}${parts.instance}`
  return `+${parts.country}*${parts.party}${parts.instance ? `*${parts.instance}` : ''}`
}

/** The canonical form of `id` read as `type`; undefined when it is not a valid one. */
export function idKey(type: IdType, id: string): string | undefined {
  const parts = parseId(type, id)
  return parts && canonicalId(parts)
}

/** Whether `a` and `b` are valid IDs of `type` naming the same thing. */
export function sameId(type: IdType, a: string, b: string): boolean {
  const ka = idKey(type, a)
  return ka !== undefined && ka === idKey(type, b)
}

/**
 * Whether an EvseID belongs to an operator: same form, country code and operator part,
 * compared part by part (operator "+4*981" is not the head of EVSE "+49*810*000*438").
 */
export function evseOfOperator(evseId: string, operatorId: string): boolean {
  const evse = parseId('EvseID', evseId)
  const operator = parseId('OperatorID', operatorId)
  return (
    evse !== undefined &&
    operator !== undefined &&
    evse.form === operator.form &&
    evse.country === operator.country &&
    evse.party === operator.party
  )
}

/** The canonical ProviderID an EvcoID starts with, or undefined when it is not an EvcoID. */
export function providerOfEvco(evcoId: string): string | undefined {
  const evco = parseId('EvcoID', evcoId)
  return evco && canonicalId({ ...evco, type: 'ProviderID', instance: '' })
}
