// Test vectors: for every message of a release, a complete valid instance and the
// single-fault mutations of it that a validator must reject, each with the one error it
// must give (JSON pointer and keyword). The test suite checks our validators against them;
// `oicp vectors` publishes them so an implementation in any language can do the same.
import { Sampler, setAt, type Json, type Spot } from './samples.js'
import { isMessage, type Field, type ObjectType, type Release } from './spec/model.js'

/** One mutation of a message's sample and the error it must give. */
export interface Mutation {
  /** What was changed, in words. */
  what: string
  /** Where the value was changed (or removed, when `value` is undefined). */
  pointer: string
  value: Json | undefined
  keyword: string
  /** Where the error is reported: the pointer, or for choice groups the object holding them. */
  path: string
  /** The type whose field was changed, and the field. */
  owner: string
  field: string
}

export interface VectorError {
  path: string
  keyword: string
}

/** One line of a vector file. */
export interface Vector {
  message: string
  /** What the case is, in words. */
  case: string
  valid: boolean
  payload: Json
  errors: VectorError[]
}

function stringBound(f: Field, release: Release): number | undefined {
  const t = release.types.get(f.type)
  if (f.maxLength !== undefined) return f.maxLength
  if (t?.kind === 'string' || (t?.kind === 'enum' && t.open)) return t.maxLength
  return undefined
}

type Case = Omit<Mutation, 'path' | 'owner' | 'field'> & { path?: string }

/** The mutations of one field's value and the error each must give. */
function fieldCases(spot: Spot, release: Release): Case[] {
  const { field: f, pointer } = spot
  const t = release.types.get(f.type)
  const out: Case[] = []
  const single = !f.list || spot.listItem
  if (!spot.listItem && f.required) out.push({ what: 'missing', pointer, value: undefined, keyword: 'required' })
  if (!spot.listItem && f.list) out.push({ what: 'not a list', pointer, value: 'x', keyword: 'type' })
  if (!single) return out
  if (t?.kind === 'object') {
    out.push({ what: 'not an object', pointer, value: 'x', keyword: 'type' })
    return out
  }
  switch (f.type) {
    case 'boolean':
      out.push({ what: 'not a boolean', pointer, value: 'true', keyword: 'type' })
      break
    case 'integer':
      out.push({ what: 'not an integer', pointer, value: 1.5, keyword: 'type' })
      if (f.digits?.total !== undefined) out.push({ what: 'too many digits', pointer, value: 10 ** f.digits.total, keyword: 'digits' })
      if (f.minimum !== undefined) out.push({ what: 'below the minimum', pointer, value: f.minimum - 1, keyword: 'minimum' })
      break
    case 'decimal':
      out.push({ what: 'not a number', pointer, value: '1.5', keyword: 'type' })
      if (f.digits?.fraction !== undefined) out.push({ what: 'too many fraction digits', pointer, value: Number(`1.${'1'.repeat(f.digits.fraction + 1)}`), keyword: 'digits' })
      if (f.minimum !== undefined) out.push({ what: 'below the minimum', pointer, value: f.minimum - 0.5, keyword: 'minimum' })
      break
    case 'dateTime':
      out.push({ what: 'date-time without offset', pointer, value: '2024-05-01T14:30:00', keyword: 'format' })
      out.push({ what: 'impossible date', pointer, value: '2024-02-30T14:30:00Z', keyword: 'format' })
      break
    default: {
      out.push({ what: 'not a string', pointer, value: 42, keyword: 'type' })
      const bound = stringBound(f, release)
      if (bound !== undefined) out.push({ what: 'over-long string', pointer, value: 'A'.repeat(bound + 1), keyword: 'maxLength' })
      const pattern = f.pattern ?? (t?.kind === 'string' ? t.pattern : undefined)
      if (pattern !== undefined) out.push({ what: `not a valid ${t?.name ?? 'value'}`, pointer, value: '#not-valid#', keyword: 'pattern' })
      if (t?.kind === 'enum' && !t.open) out.push({ what: 'unknown enumeration value', pointer, value: 'Not A Known Value', keyword: 'enum' })
      if (t?.kind === 'enum' && f.only && t.values.some((v) => !f.only!.includes(v.value)))
        out.push({ what: 'value outside "only"', pointer, value: t.values.find((v) => !f.only!.includes(v.value))!.value, keyword: 'const' })
    }
  }
  return out
}

/** Choice groups: adding a second option, or removing the only one, must fail at the object. */
function choiceCases(spot: Spot, message: ObjectType, sample: Json, sampler: Sampler): Case[] {
  const t = sampler.release.types.get(spot.field.type)
  if (t?.kind !== 'object' || (spot.field.list && !spot.listItem)) return []
  // Options a rule of the message forbids at this place cannot serve as the extra one.
  const forbidden = message.rules.flatMap((r) => (r.kind === 'within' && `/${r.path.join('/')}` === spot.pointer ? r.forbid : []))
  const here = spot.pointer.split('/').slice(1).reduce<Json>((v, k) => (v as Record<string, Json>)[k]!, sample) as Record<string, Json>
  const out: Case[] = []
  for (const r of t.rules) {
    if (r.kind !== 'exactlyOne') continue
    const present = r.fields.find((n) => n in here)
    const extra = r.fields.find((n) => n !== present && !forbidden.includes(n))
    if (present === undefined || extra === undefined) continue
    const extraField = t.fields.find((x) => x.name === extra)!
    const extraValue = sampler.object({ ...t, fields: [extraField], rules: [] } as ObjectType)[extra]
    out.push({ what: `choice ${present} plus ${extra}`, pointer: `${spot.pointer}/${extra}`, value: extraValue, keyword: 'exactlyOne', path: spot.pointer })
    out.push({ what: `choice without ${present}`, pointer: `${spot.pointer}/${present}`, value: undefined, keyword: 'exactlyOne', path: spot.pointer })
  }
  return out
}

/** Every single-fault mutation of a message's complete sample. */
export function mutations(release: Release, message: ObjectType, sampler = new Sampler(release)): { sample: Json; mutations: Mutation[] } {
  const spots: Spot[] = []
  const sample = sampler.object(message, '', spots)
  const out: Mutation[] = []
  for (const spot of spots)
    for (const c of [...fieldCases(spot, release), ...choiceCases(spot, message, sample, sampler)])
      out.push({ ...c, path: c.path ?? c.pointer, owner: spot.owner, field: spot.field.name })
  return { sample, mutations: out }
}

/** A mutation applied to a copy of the sample. */
export function mutated(sample: Json, m: Mutation): Json {
  const value = structuredClone(sample)
  setAt(value, m.pointer, m.value)
  return value
}

/** The vectors of one message: its complete sample (valid), then each mutation. */
export function messageVectors(release: Release, message: ObjectType, sampler = new Sampler(release)): Vector[] {
  const { sample, mutations: list } = mutations(release, message, sampler)
  return [
    { message: message.name, case: 'complete instance', valid: true, payload: sample, errors: [] },
    ...list.map((m) => ({ message: message.name, case: `${m.what} at ${m.pointer}`, valid: false, payload: mutated(sample, m), errors: [{ path: m.path, keyword: m.keyword }] })),
  ]
}

/** The vectors of every message of a release, by message name (sorted). */
export function releaseVectors(release: Release): Map<string, Vector[]> {
  const sampler = new Sampler(release)
  const messages = [...release.types.values()].filter(isMessage).sort((a, b) => a.name.localeCompare(b.name))
  return new Map(messages.map((m) => [m.name, messageVectors(release, m, sampler)]))
}

/** One file's text: a vector per line. */
export function ndjson(vectors: Vector[]): string {
  return vectors.map((v) => `${JSON.stringify(v)}\n`).join('')
}
