// For every message of OICP 2.3: a complete instance built from the spec is valid, and
// each targeted mutation of it (generator/vectors.ts: missing mandatory field, over-long
// string, broken pattern, unknown enumeration value, date-time without offset, wrong type,
// negative quantity, wrong choice count, broken list bounds and rules) is rejected with
// exactly one error at the right JSON pointer. The published test vectors are these cases.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadRelease } from '../generator/spec/load.js'
import { isMessage } from '../generator/spec/model.js'
import { mutated, mutations } from '../generator/vectors.js'
import { messages } from '../generated/oicp-2.3/index.js'
import type { ValidationMode } from '../runtime/index.js'
import { Sampler, setAt, type Json, type Spot } from './support/samples.js'

const release = loadRelease('spec/oicp-2.3')
const sampler = new Sampler(release)
const all = [...release.types.values()].filter(isMessage)

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
    const { sample, mutations: list } = mutations(release, m, sampler)
    const problems: string[] = []
    for (const c of list) {
      const r = check(m.name, mutated(sample, c))
      const errors = r.ok ? [] : r.errors
      if (errors.length !== 1 || errors[0]!.path !== c.path || errors[0]!.keyword !== c.keyword)
        problems.push(
          `${c.what} at ${c.pointer}: expected one ${c.keyword} error at ${c.path}, got ${JSON.stringify(errors)}`,
        )
    }
    assert.ok(list.length > 0, `${m.name}: no mutations generated`)
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
        assert.ok(
          !r.ok && r.errors.some((e) => e.path === spot.pointer && e.keyword === 'enum'),
          `${mode} at ${spot.pointer}`,
        )
      }
      const r = check(m.name, value, 'lenient')
      assert.ok(r.ok, `lenient at ${spot.pointer}: ${JSON.stringify(!r.ok && r.errors)}`)
      assert.equal(
        r.warnings.map((w) => [w.path, w.keyword]),
        [[spot.pointer, 'enum']],
      )
    }
  })
}

test('every request and response message of both chapters is covered', () => {
  assert.ok(all.length >= 30, `only ${all.length} messages`)
})

test.run()
