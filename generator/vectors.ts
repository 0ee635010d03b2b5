// Test vectors: for every message of a release, a complete valid instance and the
// single-fault mutations of it that a validator must reject, each with the one error it
// must give (JSON pointer and keyword). The test suite checks our validators against them;
// `oicp vectors` publishes them so an implementation in any language can do the same.
import { ruleBreaks, ruleConflicts, ruleDemand, type RuleSite } from './rules.js'
import type { Case, Edit, Json, Mutation } from './json.js'
import { Sampler, setAt, type Spot } from './samples.js'
import { isMessage, type Field, type ObjectType, type Release } from './spec/model.js'

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

/** The mutations of one field's value and the error each must give. */
function fieldCases(spot: Spot, release: Release, at: (pointer: string) => Json): Case[] {
  const { field: f, pointer } = spot
  const t = release.types.get(f.type)
  const out: Case[] = []
  const single = !f.list || spot.listItem
  if (!spot.listItem && f.required) out.push({ what: 'missing', pointer, value: undefined, keyword: 'required' })
  if (!spot.listItem && f.list) {
    out.push({ what: 'not a list', pointer, value: 'x', keyword: 'type' })
    if (f.minItems) out.push({ what: `fewer than ${f.minItems} entries`, pointer, value: [], keyword: 'minItems' })
    if (f.maxItems !== undefined)
      out.push({
        what: `more than ${f.maxItems} entries`,
        pointer,
        value: Array.from({ length: f.maxItems + 1 }, () => at(`${pointer}/0`)),
        keyword: 'maxItems',
      })
    const solo = t?.kind === 'enum' ? t.solo.find((v) => t.values.some((o) => o.value !== v)) : undefined
    if (t?.kind === 'enum' && solo !== undefined && (f.maxItems ?? 2) >= 2)
      out.push({
        what: `"${solo}" with another value`,
        pointer,
        value: [solo, t.values.find((o) => o.value !== solo)!.value],
        keyword: 'solo',
      })
  }
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
      if (f.digits?.total !== undefined)
        out.push({ what: 'too many digits', pointer, value: 10 ** f.digits.total, keyword: 'digits' })
      if (f.minimum !== undefined)
        out.push({ what: 'below the minimum', pointer, value: f.minimum - 1, keyword: 'minimum' })
      break
    case 'decimal':
      out.push({ what: 'not a number', pointer, value: '1.5', keyword: 'type' })
      if (f.digits?.fraction !== undefined)
        out.push({
          what: 'too many fraction digits',
          pointer,
          value: Number(`1.${'1'.repeat(f.digits.fraction + 1)}`),
          keyword: 'digits',
        })
      if (f.minimum !== undefined)
        out.push({ what: 'below the minimum', pointer, value: f.minimum - 0.5, keyword: 'minimum' })
      break
    case 'dateTime':
      out.push({ what: 'date-time without offset', pointer, value: '2024-05-01T14:30:00', keyword: 'format' })
      out.push({ what: 'impossible date', pointer, value: '2024-02-30T14:30:00Z', keyword: 'format' })
      break
    default: {
      out.push({ what: 'not a string', pointer, value: 42, keyword: 'type' })
      const bound = stringBound(f, release)
      if (bound !== undefined)
        out.push({ what: 'over-long string', pointer, value: 'A'.repeat(bound + 1), keyword: 'maxLength' })
      const pattern = f.pattern ?? (t?.kind === 'string' ? t.pattern : undefined)
      const least = f.minLength ?? (t?.kind === 'string' ? t.minLength : undefined)
      // Only where no pattern applies: an empty string breaks a pattern as well.
      if (least !== undefined && least > 0 && pattern === undefined)
        out.push({ what: 'too short a string', pointer, value: 'x'.repeat(least - 1), keyword: 'minLength' })
      if (pattern !== undefined)
        out.push({ what: `not a valid ${t?.name ?? 'value'}`, pointer, value: '#not-valid#', keyword: 'pattern' })
      if (t?.kind === 'enum' && !t.open)
        out.push({ what: 'unknown enumeration value', pointer, value: 'Not A Known Value', keyword: 'enum' })
      if (t?.kind === 'enum' && f.only && t.values.some((v) => !f.only!.includes(v.value)))
        out.push({
          what: 'value outside "only"',
          pointer,
          value: t.values.find((v) => !f.only!.includes(v.value))!.value,
          keyword: 'const',
        })
    }
  }
  return out
}

/** The fields that rules of `t` forbid in the object at `path` (steps joined by "/"). */
function forbiddenIn(t: ObjectType, path: string): string[] {
  return t.rules.flatMap((r) => {
    const demand = ruleDemand(r)
    return demand && demand.path.join('/') === path ? demand.forbid : []
  })
}

/** A valid value of one field of an object type, as the sampler builds it. */
function fieldValue(t: ObjectType, name: string, sampler: Sampler): Json {
  return sampler.object({ ...t, fields: t.fields.filter((f) => f.name === name), rules: [] })[name]!
}

/**
 * The edits that add field `name` to an object while keeping its rules whole: the fields
 * they do not allow beside it go. Undefined when one of those must stay (`keep`).
 */
function adding(
  t: ObjectType,
  pointer: string,
  here: Record<string, Json>,
  name: string,
  keep: Set<string>,
  sampler: Sampler,
): Edit[] | undefined {
  const edits: Edit[] = [{ pointer: `${pointer}/${name}`, value: fieldValue(t, name, sampler) }]
  for (const r of t.rules)
    for (const other of ruleConflicts(r, name).filter((o) => o in here)) {
      if (keep.has(other)) return undefined
      edits.push({ pointer: `${pointer}/${other}`, value: undefined })
    }
  return edits
}

const objectAt = (root: Json, steps: string[]): Record<string, Json> | undefined => {
  let cur: Json | undefined = root
  for (const s of steps) cur = cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? cur[s] : undefined
  return cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? cur : undefined
}

/** The object type a path of fields leads to from `t`. */
function typeAt(t: ObjectType, steps: string[], release: Release): ObjectType | undefined {
  return steps.reduce<ObjectType | undefined>((cur, step) => {
    const next = cur && release.types.get(cur.fields.find((f) => f.name === step)?.type ?? '')
    return next?.kind === 'object' ? next : undefined
  }, t)
}

/** The object of type `t` at `pointer` in the sample, as the rules' `breaks` sees it. */
function ruleSite(
  t: ObjectType,
  pointer: string,
  here: Record<string, Json>,
  forbidden: string[],
  sampler: Sampler,
): RuleSite {
  const at = (path: string[]) => {
    const type = typeAt(t, path, sampler.release)
    return type && { type, pointer: [pointer, ...path].join('/'), here: objectAt(here, path) }
  }
  return {
    type: t,
    pointer,
    here,
    forbidden,
    value: (name) => fieldValue(t, name, sampler),
    at,
    forbids: (path, name) => forbiddenIn(t, path.join('/')).includes(name),
    adding: (path, name, keep = []) => {
      const inner = at(path)
      if (!inner?.here) return undefined
      // A required field always stays.
      const kept = new Set([...keep, ...inner.type.fields.filter((f) => f.required).map((f) => f.name)])
      return adding(inner.type, inner.pointer, inner.here, name, kept, sampler)
    },
  }
}

/** Each rule of one object (at `pointer` in the sample) broken once: requiredWhen, then the object's rules. */
function ruleCases(
  t: ObjectType,
  pointer: string,
  here: Record<string, Json>,
  forbiddenHere: string[],
  sampler: Sampler,
): Case[] {
  const out: Case[] = []
  for (const f of t.fields) {
    if (!f.requiredWhen || !(f.name in here)) continue
    const when = Object.entries(f.requiredWhen)
    out.push({
      what: `${f.name} missing while ${when.map(([k, v]) => `${k} is ${String(v)}`).join(' and ')}`,
      pointer: `${pointer}/${f.name}`,
      value: undefined,
      also: when.map(([k, v]) => ({ pointer: `${pointer}/${k}`, value: v })),
      keyword: 'required',
      owner: t.name,
      field: f.name,
    })
  }
  const site = ruleSite(t, pointer, here, forbiddenHere, sampler)
  for (const r of t.rules) out.push(...ruleBreaks(r, site))
  return out
}

/** Every single-fault mutation of a message's complete sample. */
export function mutations(
  release: Release,
  message: ObjectType,
  sampler = new Sampler(release),
): { sample: Json; mutations: Mutation[] } {
  const spots: Spot[] = []
  const sample = sampler.object(message, '', spots)
  const at = (pointer: string) =>
    pointer
      .split('/')
      .slice(1)
      .reduce<Json>((v, k) => (Array.isArray(v) ? v[Number(k)]! : (v as Record<string, Json>)[k]!), sample)
  const out: Mutation[] = []
  const add = ({ also, ...c }: Case, spot?: Spot) =>
    out.push({
      ...c,
      ...(also && also.length > 0 ? { also } : {}),
      path: c.path ?? c.pointer,
      owner: c.owner ?? spot?.owner ?? message.name,
      field: c.field ?? spot?.field.name ?? '',
    })
  for (const c of ruleCases(message, '', sample, [], sampler)) add(c)
  for (const spot of spots) {
    for (const c of fieldCases(spot, release, at)) add(c, spot)
    const t = release.types.get(spot.field.type)
    // The rules of an object in the message, less the options the message forbids there.
    if (t?.kind === 'object' && (!spot.field.list || spot.listItem))
      for (const c of ruleCases(
        t,
        spot.pointer,
        at(spot.pointer) as Record<string, Json>,
        forbiddenIn(message, spot.pointer.slice(1)),
        sampler,
      ))
        add(c, spot)
  }
  return { sample, mutations: out }
}

/** A mutation applied to a copy of the sample. */
export function mutated(sample: Json, m: Mutation): Json {
  const value = structuredClone(sample)
  // Copies of the edits' values: a later edit may change inside an earlier one's.
  for (const e of [...(m.also ?? []), m])
    setAt(value, e.pointer, e.value === undefined ? undefined : structuredClone(e.value))
  return value
}

/** The vectors of one message: its complete sample (valid), then each mutation. */
export function messageVectors(release: Release, message: ObjectType, sampler = new Sampler(release)): Vector[] {
  const { sample, mutations: list } = mutations(release, message, sampler)
  return [
    { message: message.name, case: 'complete instance', valid: true, payload: sample, errors: [] },
    ...list.map((m) => ({
      message: message.name,
      case: `${m.what} at ${m.pointer}`,
      valid: false,
      payload: mutated(sample, m),
      errors: [{ path: m.path, keyword: m.keyword }],
    })),
  ]
}

/** The vectors of every message of a release, by message name (in code-unit order, as files are listed). */
export function releaseVectors(release: Release): Map<string, Vector[]> {
  const sampler = new Sampler(release)
  const messages = [...release.types.values()]
    .filter(isMessage)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return new Map(messages.map((m) => [m.name, messageVectors(release, m, sampler)]))
}

/** One file's text: a vector per line. */
export function ndjson(vectors: Vector[]): string {
  return vectors.map((v) => `${JSON.stringify(v)}\n`).join('')
}
