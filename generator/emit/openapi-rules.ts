// The spec's rules that JSON Schema cannot say, as the `x-oicp-rules` extension of the
// schema they belong to: each names its rule, so that a reader (or a validator written
// against the document) knows what it must check by itself.
import type { ObjectType, Release } from '../spec/model.js'

/** Every rule name the documents use, with what it asks. docs/openapi.md lists the same. */
export const RULES = {
  fractionDigits:
    'A Decimal field allows at most the given number of digits after the decimal point. JSON Schema could say it only with multipleOf, which binary floating point breaks (0.3 is no multiple of 0.1 there); the integer digits are bounded by the schema.',
  totalDigits:
    'A Decimal field with a total field length allows at most that many digits in all, before and after the point; the schema bounds only its size.',
  sequential:
    'Requests of this push are processed in order: a sender sends the next only after the answer to the previous one.',
} as const

export type RuleName = keyof typeof RULES

export interface ListedRule {
  rule: RuleName
  /** The field the rule is about, when it is about one. */
  field?: string
  description: string
}

function digitRules(t: ObjectType): ListedRule[] {
  const out: ListedRule[] = []
  for (const f of t.fields) {
    if (f.type !== 'decimal' || !f.digits) continue
    const { total, fraction } = f.digits
    if (fraction !== undefined)
      out.push({
        rule: 'fractionDigits',
        field: f.name,
        description: `${f.name} has at most ${fraction} digit${fraction === 1 ? '' : 's'} after the decimal point.`,
      })
    else if (total !== undefined)
      out.push({ rule: 'totalDigits', field: f.name, description: `${f.name} has at most ${total} digits in all.` })
  }
  return out
}

/** The request messages of operations whose requests must be processed one after another. */
function sequentialRules(t: ObjectType, release: Release): ListedRule[] {
  const ops = release.services
    .flatMap((s) => s.operations)
    .filter((op) => op.sequential && 'message' in op.request && op.request.message === t.name)
  return ops.map((op) => ({
    rule: 'sequential',
    description: `${op.name} requests are processed in order: send the next only after the answer to the previous one.`,
  }))
}

/** The rules of a type or message that its schema does not express. */
export function rulesNotExpressed(t: ObjectType, release: Release): ListedRule[] {
  return [...digitRules(t), ...sequentialRules(t, release)]
}
