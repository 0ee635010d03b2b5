// Several releases side by side: shared spec files are generated once to the same bytes
// whichever releases a run generates; --check catches a stale one in each case; a new
// release made by reference generates and type-checks; a template can be replaced.
import { spawnSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { Config } from '../generator/config.js'
import { generate, type FileSet } from '../generator/generate.js'
import { diff, releaseSide } from '../generator/diff.js'
import { loadRelease } from '../generator/spec/load.js'
import * as oicp22 from '../generated/oicp-2.2/index.js'
import * as oicp23 from '../generated/oicp-2.3/index.js'
import { oicp } from './support/cli.js'

const ROLES = ['cpo', 'emp', 'hub'] as const
const config = (output: string, ...specs: string[]): Config => ({
  output,
  file: 'test',
  releases: specs.map((spec) => ({ spec, roles: [...ROLES] })),
})
const SHARED = 'generated/modules/oicp-2.3/services/eRoamingAuthorization_2.1.validators.ts'

let only22: FileSet
let only23: FileSet
let both: FileSet

test.before(async () => {
  only22 = await generate(config('generated', 'spec/oicp-2.2'))
  only23 = await generate(config('generated', 'spec/oicp-2.3'))
  both = await generate(config('generated', 'spec/oicp-2.3', 'spec/oicp-2.2'))
})

test('a spec file both releases include is one module, the same bytes in every run', () => {
  assert.ok(only22.has(SHARED), '2.2 alone reuses the 2.3 authorization module')
  assert.ok(only23.has(SHARED))
  let shared = 0
  for (const [path, text] of both) {
    if (!path.startsWith('generated/modules/')) continue
    for (const alone of [only22, only23]) {
      const other = alone.get(path)
      if (other === undefined) continue
      shared++
      assert.ok(other === text, `${path} differs between a run of one release and a run of both`)
    }
  }
  assert.ok(shared > 20, `only ${shared} shared modules`)
  assert.not.ok(
    [...both.keys()].some((p) => p.startsWith('generated/modules/oicp-2.2/services/eRoamingAuthorization')),
    'no second copy',
  )
})

test('each release has its own import path, types and operation ids', () => {
  assert.is(oicp22.release, '2.2')
  assert.is(oicp23.release, '2.3')
  const push22 = oicp22.operations.find((o) => o.name === 'eRoamingPushEvseData')!
  const push23 = oicp23.operations.find((o) => o.name === 'eRoamingPushEvseData')!
  assert.is(push22.id, 'eRoamingPushEvseData_V2.2')
  assert.is(push23.id, 'eRoamingPushEvseData_V2.3')
  assert.is.not(push22.path, push23.path)
})

test('generate --check names a stale shared module in each case', async () => {
  const dir = mkdtempSync(join(process.cwd(), '.tmp-releases-'))
  try {
    for (const [name, specs] of [
      ['22', ['spec/oicp-2.2']],
      ['23', ['spec/oicp-2.3']],
      ['both', ['spec/oicp-2.3', 'spec/oicp-2.2']],
    ] as const) {
      const out = join(dir, name)
      const cfg = join(dir, `${name}.yaml`)
      writeFileSync(cfg, `output: ${out}\nreleases:\n${specs.map((s) => `  - spec: ${resolve(s)}\n`).join('')}`)
      assert.is((await oicp('generate', '--config', cfg)).code, 0, name)
      const module = join(out, 'modules/oicp-2.3/types/identification.validators.ts')
      appendFileSync(module, '// stale\n')
      const r = await oicp('generate', '--check', '--config', cfg)
      assert.is(r.code, 1, name)
      assert.ok(r.stderr.includes(relative(process.cwd(), module)), `${name}: ${r.stderr}`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('an OICP 2.2 EVSE data push validates against 2.2; what 2.3 rejects, oicp diff reports', () => {
  const push = JSON.parse(readFileSync('test/fixtures/oicp-2.2/pushEvseData.json', 'utf8')) as unknown
  const as22 = oicp22.validate('eRoamingPushEvseData', structuredClone(push), { mode: 'strict' })
  assert.ok(as22.ok, JSON.stringify(!as22.ok && as22.errors))
  const as23 = oicp23.validate('eRoamingPushEvseData', structuredClone(push))
  assert.not.ok(as23.ok)
  const changes = diff(releaseSide(loadRelease('spec/oicp-2.2')), releaseSide(loadRelease('spec/oicp-2.3')))
  // Every field 2.3 misses is one the diff lists as added to, or made mandatory in, 2.3.
  const errors = as23.ok ? [] : as23.errors
  assert.ok(errors.length > 0)
  for (const e of errors) {
    const field = e.path.split('/').pop()!
    assert.is(e.keyword, 'required', e.path)
    assert.ok(
      changes.some((c) => c.subject.endsWith(`.${field}`) && (c.kind === 'added' || c.aspect === 'required')),
      `2.3 rejects ${e.path} (${e.message}) but the diff says nothing about ${field}`,
    )
  }
})

test('a new release made by reference generates, type-checks, and honours a template folder', async () => {
  const dir = mkdtempSync(join(process.cwd(), '.tmp-release-'))
  try {
    const out = join(dir, 'out')
    const cfg = join(dir, 'oicp.config.yaml')
    writeFileSync(
      cfg,
      `output: ${out}\ntemplates: ${resolve('test/fixtures/templates')}\nreleases:\n  - spec: ${resolve('test/fixtures/oicp-2.4')}\n`,
    )
    const r = await oicp('generate', '--config', cfg)
    assert.is(r.code, 0, r.stderr)
    assert.match(readFileSync(join(out, 'oicp-2.4', 'README.md'), 'utf8'), /Our own OICP 2\.4 notes/)
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(dir, 'tsconfig.json'),
        include: ['out/**/*.ts'],
        compilerOptions: { rootDir: relative(dir, '.') },
      }),
    )
    const tsc = spawnSync(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', join(dir, 'tsconfig.json'), '--noEmit'],
      { encoding: 'utf8' },
    )
    assert.is(tsc.status, 0, tsc.stdout + tsc.stderr)
    const m = (await import(join(out, 'oicp-2.4', 'index.ts'))) as {
      operations: readonly { id: string }[]
      validate: typeof oicp23.validate
    }
    assert.ok(m.operations.some((o) => o.id === 'eRoamingPushTariffHint_V1.0'))
    const status = {
      ActionType: 'update',
      OperatorEvseStatus: {
        OperatorID: 'DE*ABC',
        EvseStatusRecord: [{ EvseID: 'DE*ABC*E1', EvseStatus: 'Available', StatusReason: 'maintenance done' }],
      },
    }
    assert.ok(
      m.validate('eRoamingPushEvseStatus', structuredClone(status), { mode: 'strict' }).ok,
      'the new field is known to 2.4',
    )
    assert.not.ok(
      oicp23.validate('eRoamingPushEvseStatus', structuredClone(status), { mode: 'strict' }).ok,
      'and unknown to 2.3',
    )
    assert.not.ok(m.validate('eRoamingPushTariffHint', { EvseID: 'DE*ABC*E1' }).ok)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a config can pick service versions, and refuses one the release lacks', async () => {
  const picked = await generate({
    output: 'generated',
    file: 'test',
    releases: [{ spec: 'spec/oicp-2.2', roles: ['hub'], services: ['eRoamingEvseData@2.2'] }],
  })
  const ops = picked.get('generated/oicp-2.2/operations.ts')!
  assert.match(ops, /eRoamingPushEvseData_V2\.2/)
  assert.not.match(ops, /eRoamingAuthorizeStart/)
  try {
    await generate({
      output: 'generated',
      file: 'test',
      releases: [{ spec: 'spec/oicp-2.2', roles: ['hub'], services: ['eRoamingEvseData@2.3'] }],
    })
    assert.unreachable('an unknown service version was accepted')
  } catch (e) {
    assert.match(String(e), /has no service version eroamingevsedata@2\.3/i)
  }
})

test.run()
