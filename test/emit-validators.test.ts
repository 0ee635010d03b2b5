// The validators emitter alone, on tiny releases under test/fixtures/emit/validators/<case>/:
// the spec in oicp-0.1/, and in out/ the module the emitter makes of each spec file (and, for
// the rules, the schemas module, whose doc comments state each rule). UPDATE=1 rewrites the
// expected files (see test/support/emit-fixture.ts).
import { basename, join, relative } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { emitSchemas } from '../generator/emit/schemas.js'
import { emitValidators } from '../generator/emit/validators.js'
import { planModules, type SpecModule } from '../generator/modules.js'
import type { Release } from '../generator/spec/model.js'
import { runCheck, type Validator } from '../runtime/internal.js'
import { emitted, fixtureRelease, matchesExpected } from './support/emit-fixture.js'

const stem = (specFile: string) => basename(specFile).replace(/\.ya?ml$/, '')
/** Spec files of a case import each other's modules by name, beside each other in out/. */
const sibling = (suffix: string) => (specFile: string) => `./${stem(specFile)}${suffix}`
// The expected modules import the runtime by path, so that a test can load them.
const runtime = (name: string) =>
  relative(join('test/fixtures/emit', `validators/${name}`, 'out'), 'runtime/internal.js')

function fixture(name: string): { release: Release; modules: Map<string, SpecModule> } {
  const release = fixtureRelease(`validators/${name}`)
  return { release, modules: new Map(planModules(release, 'src').map((m) => [stem(m.specFile), m])) }
}

async function matchesValidators(name: string, file: string): Promise<void> {
  const { release, modules } = fixture(name)
  const m = modules.get(file)
  assert.ok(m, `${name} has no spec file ${file}.yaml`)
  const text = await emitted((f) => emitValidators(f, release, m, runtime(name), sibling('.validators.js')))
  matchesExpected(`validators/${name}`, `${file}.validators.ts`, text)
}

test('fields: each kind of field, in the fast test and the full check; leaf types of another file imported by name', async () => {
  await matchesValidators('fields', 'leaves')
  await matchesValidators('fields', 'types')
})

test('rules: one rule of each kind, checked by the run-time function of its kind', async () => {
  await matchesValidators('rules', 'types')
})

test('rules: the schemas state each rule in a sentence of its own', async () => {
  const { release, modules } = fixture('rules')
  const text = await emitted((f) => emitSchemas(f, release, modules.get('types')!, sibling('.schemas.js')))
  matchesExpected('validators/rules', 'types.schemas.ts', text)
})

test('extends: base and extender call shared checks of the fields the extender keeps; an extender in another file does not change the base', async () => {
  await matchesValidators('extends', 'types')
  await matchesValidators('extends', 'other')
})

/** The validators of the extends case, as emitted. */
async function extendsCase(): Promise<Record<'record' | 'pulled' | 'remote', Validator>> {
  const types = await import('./fixtures/emit/validators/extends/out/types.validators.js')
  const other = await import('./fixtures/emit/validators/extends/out/other.validators.js')
  return {
    record: { is: types.isRecord, check: types.validateRecord },
    pulled: { is: types.isPulledRecord, check: types.validatePulledRecord },
    remote: { is: other.isRemoteRecord, check: other.validateRemoteRecord },
  }
}

const errorsOf = (validator: Validator, value: unknown, mode: 'exact' | 'strict' | 'lenient' = 'exact') => {
  const r = runCheck(validator, value, { mode })
  return r.ok ? [] : r.errors.map((e) => `${e.path} ${e.message}`)
}

test('extends: the shared checks hold for the base and for each extender', async () => {
  const { record, pulled, remote } = await extendsCase()
  for (const [validator, own] of [
    [record, {}],
    [pulled, { Operator: 'op' }],
    [remote, {}],
  ] as const) {
    const value = { Id: 7, Open: false, ...own }
    assert.equal(errorsOf(validator, value), [
      '/Id must be a string (got 7)',
      '/Closing is required when Open is false',
    ])
    assert.equal(errorsOf(validator, { ...value, Id: 'a', Closing: '22:00' }), [])
  }
})

test("extends: what an extender leaves out, replaces or limits is checked as that type's own", async () => {
  const { record, pulled } = await extendsCase()
  const value = { Id: 'a', Open: true, Power: 1.5, StationId: 's' }
  assert.equal(errorsOf(record, value, 'strict'), [])
  assert.equal(errorsOf(pulled, { ...value, Operator: 'op' }, 'strict'), [
    '/Power must be a whole number (got 1.5)',
    '/StationId is not a field of this message (strict mode)',
  ])
  const lenient = runCheck<Record<string, unknown>>(
    pulled,
    { Id: 'a', Open: true, StationId: 's', Operator: 'op' },
    { mode: 'lenient' },
  )
  assert.ok(lenient.ok && lenient.value.StationID === 's', "the extender reads the base's spelling as its own alias")
  assert.equal(errorsOf(record, { ...value, Mode: 'Slow' }), ['/Mode must be "Fast" in Record (got "Slow")'])
  assert.equal(errorsOf(pulled, { Id: 'a', Open: true, Operator: 'op', Mode: 'Slow' }), [
    '/Mode must be "Fast" in PulledRecord (got "Slow")',
  ])
})

test.run()
