// Builds a complete valid instance of any type of a release from the spec model (every
// field filled, rules honoured), and lists the places where a targeted mutation must be
// rejected. The test vectors, the OpenAPI examples and the tests use it, so that every
// message is covered without payloads written by hand.
import type { Json } from './json.js'
import { ruleDemand, ruleSkips, type Demand } from './rules.js'
import type { Field, ObjectType, Release, TypeDef } from './spec/model.js'

/** Values for field-level patterns, which carry no examples of their own. */
const PATTERN_SAMPLES: Record<string, string> = {
  '^[0-9]{2}:[0-9]{2}$': '08:30',
}

/** One place in a sample: its JSON pointer and the field that stands there. */
export interface Spot {
  pointer: string
  owner: string
  field: Field
  /** Set on the sample's own value (not on list entries). */
  listItem: boolean
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

export class Sampler {
  constructor(readonly release: Release) {}

  type(name: string): TypeDef {
    const t = this.release.types.get(name)
    if (!t) throw new Error(`no type ${name}`)
    return t
  }

  /** A string that satisfies a leaf type. */
  leaf(t: TypeDef): string {
    if (t.kind === 'enum') return t.values[0]!.value
    if (t.kind === 'string') {
      const ex = t.examples[0]
      if (ex !== undefined) return ex
      return 'x'.repeat(Math.max(1, t.minLength ?? 1))
    }
    throw new Error(`${t.name} is not a leaf type`)
  }

  private value(f: Field, pointer: string, spots: Spot[], ctx: Demand[]): Json {
    switch (f.type) {
      case 'string': {
        if (f.pattern !== undefined) {
          const s = PATTERN_SAMPLES[f.pattern]
          if (s === undefined)
            throw new Error(`add a sample for field pattern ${f.pattern} to PATTERN_SAMPLES in generator/samples.ts`)
          return s
        }
        return 'x'.repeat(Math.max(1, f.minLength ?? 1))
      }
      case 'boolean':
        return true
      case 'integer':
        return 1
      case 'decimal':
        return 1.5
      case 'dateTime':
        return '2024-05-01T14:30:00+02:00'
    }
    const t = this.type(f.type)
    if (t.kind === 'object') return this.object(t, pointer, spots, ctx)
    if (f.only) return f.only[0]!
    return this.leaf(t)
  }

  /**
   * Fields that rules keep out of a sample: those its own rules leave out (each rule kind
   * says which, given what is demanded here) and those a rule of an enclosing object forbids
   * here.
   */
  private skipped(t: ObjectType, ctx: Demand[]): Set<string> {
    const here = ctx.filter((c) => c.path.length === 0)
    const demanded = {
      forbid: new Set(here.flatMap((c) => c.forbid)),
      require: new Set(here.flatMap((c) => c.require)),
    }
    return new Set([...demanded.forbid, ...t.rules.flatMap((r) => ruleSkips(r, demanded))])
  }

  /** A complete instance of an object type; `spots` receives every field placed. */
  object(t: ObjectType, pointer = '', spots: Spot[] = [], inherited: Demand[] = []): { [key: string]: Json } {
    const ctx = [...inherited, ...t.rules.flatMap((r) => ruleDemand(r) ?? [])]
    const skip = this.skipped(t, ctx)
    const out: { [key: string]: Json } = {}
    for (const f of t.fields) {
      if (skip.has(f.name)) continue
      const inner = ctx.filter((c) => c.path[0] === f.name).map((c) => ({ ...c, path: c.path.slice(1) }))
      const at = `${pointer}/${escape(f.name)}`
      spots.push({ pointer: at, owner: t.name, field: f, listItem: false })
      if (f.list) {
        const n = Math.max(1, f.minItems ?? 1)
        out[f.name] = Array.from({ length: n }, (_, i) => {
          if (i === 0) spots.push({ pointer: `${at}/0`, owner: t.name, field: f, listItem: true })
          return this.value(f, `${at}/${i}`, i === 0 ? spots : [], inner)
        })
      } else out[f.name] = this.value(f, at, spots, inner)
    }
    return out
  }
}

/** Reads the value at a JSON pointer's parent and the last key, for mutating it. */
export function locate(
  root: Json,
  pointer: string,
): { parent: { [key: string]: Json } | Json[]; key: string | number } {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  let cur: Json = root
  for (const p of parts.slice(0, -1)) cur = Array.isArray(cur) ? cur[Number(p)]! : (cur as { [key: string]: Json })[p]!
  const last = parts[parts.length - 1]!
  return Array.isArray(cur) ? { parent: cur, key: Number(last) } : { parent: cur as { [key: string]: Json }, key: last }
}

export function setAt(root: Json, pointer: string, value: Json | undefined): void {
  const { parent, key } = locate(root, pointer)
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1)
    else delete parent[key as string]
  } else if (Array.isArray(parent)) parent[key as number] = value
  else parent[key as string] = value
}
