// For every message of OICP 2.3: a complete instance built from the spec is valid, and
// each targeted mutation (missing mandatory field, over-long string, broken pattern,
// unknown enumeration value, date-time without offset, wrong type, negative quantity,
// wrong choice count)
// is rejected with exactly one error at the right JSON pointer.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadRelease } from '../generator/spec/load.js'
import { isMessage, type Field, type ObjectType } from '../generator/spec/model.js'
import { messages } from '../generated/oicp-2.3/index.js'
import type { ValidationMode } from '../runtime/index.js'
import { Sampler, setAt, type Json, type Spot } from './support/samples.js'

const release = loadRelease('spec/oicp-2.3')
const sampler = new Sampler(release)
const all = [...release.types.values()].filter(isMessage)

interface Case {
  what: string
  pointer: string
  value: Json | undefined
  keyword: string
}

function stringBound(f: Field): number | undefined {
  const t = release.types.get(f.type)
  if (f.maxLength !== undefined) return f.maxLength
  if (t?.kind === 'string' || (t?.kind === 'enum' && t.open)) return t.maxLength
  return undefined
}

/** The mutations of one spot and the error each must give. */
function casesFor(spot: Spot): Case[] {
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
      const bound = stringBound(f)
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
function choiceCases(spot: Spot, message: ObjectType, sample: Json): Case[] {
  const t = release.types.get(spot.field.type)
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
    out.push({ what: `choice ${present} plus ${extra}`, pointer: `${spot.pointer}/${extra}`, value: extraValue, keyword: 'exactlyOne' })
    out.push({ what: `choice without ${present}`, pointer: `${spot.pointer}/${present}`, value: undefined, keyword: 'exactlyOne' })
  }
  return out
}

function check(name: string, value: unknown, mode: ValidationMode = 'exact') {
  return messages.validate(name, value, { mode })
}

for (const m of all) {
  test(`${m.name}: a complete instance is valid in every mode`, () => {
    const sample = sampler.object(m)
    for (const mode of ['exact', 'strict', 'lenient'] as const) {
      const r = check(m.name, structuredClone(sample), mode)
      assert.ok(r.ok, `${m.name} (${mode}): ${JSON.stringify(!r.ok && r.errors)}`)
      assert.equal(r.warnings, [], `${m.name} (${mode}) warns`)
    }
  })

  test(`${m.name}: every targeted mutation is rejected at its JSON pointer`, () => {
    const spots: Spot[] = []
    const sample = sampler.object(m, '', spots)
    const problems: string[] = []
    let count = 0
    for (const spot of spots)
      for (const c of [...casesFor(spot), ...choiceCases(spot, m, sample)]) {
        count++
        const value = structuredClone(sample) as Json
        setAt(value, c.pointer, c.value)
        const r = check(m.name, value)
        const expectedPath = c.keyword === 'exactlyOne' ? spot.pointer : c.pointer
        const errors = r.ok ? [] : r.errors
        if (errors.length !== 1 || errors[0]!.path !== expectedPath || errors[0]!.keyword !== c.keyword)
          problems.push(`${c.what} at ${c.pointer}: expected one ${c.keyword} error at ${expectedPath}, got ${JSON.stringify(errors)}`)
      }
    assert.ok(count > 0, `${m.name}: no mutations generated`)
    assert.equal(problems, [], problems.join('\n'))
  })

  test(`${m.name}: unknown enumeration values are errors in exact and strict mode, warnings in lenient`, () => {
    const spots: Spot[] = []
    const sample = sampler.object(m, '', spots)
    for (const spot of spots) {
      const t = release.types.get(spot.field.type)
      if (t?.kind !== 'enum' || t.open || (spot.field.list && !spot.listItem)) continue
      const value = structuredClone(sample) as Json
      setAt(value, spot.pointer, 'Brand New Plug')
      for (const mode of ['exact', 'strict'] as const) {
        const r = check(m.name, value, mode)
        assert.ok(!r.ok && r.errors.some((e) => e.path === spot.pointer && e.keyword === 'enum'), `${mode} at ${spot.pointer}`)
      }
      const r = check(m.name, value, 'lenient')
      assert.ok(r.ok, `lenient at ${spot.pointer}: ${JSON.stringify(!r.ok && r.errors)}`)
      assert.equal(r.warnings.map((w) => [w.path, w.keyword]), [[spot.pointer, 'enum']])
    }
  })
}

test('every request and response message of both chapters is covered', () => {
  assert.ok(all.length >= 30, `only ${all.length} messages`)
})

test.run()
