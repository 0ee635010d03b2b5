// The spec linter reports every problem as file:line: message, exits 2 and writes nothing.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SpecError, formatDiagnostic } from '../generator/spec/diagnostics.js'
import { loadRelease } from '../generator/spec/load.js'
import { oicp } from './support/cli.js'

const FIXTURE = 'test/fixtures/broken-spec'
const FIXTURE_DIR = resolve(FIXTURE)

test('a broken spec gives every problem with its file and line', () => {
  const expected = readFileSync(join(FIXTURE, 'expected.txt'), 'utf8').trim().split('\n')
  try {
    loadRelease(FIXTURE)
    assert.unreachable('the broken spec loaded')
  } catch (e) {
    assert.instance(e, SpecError)
    assert.equal((e as SpecError).diagnostics.map(formatDiagnostic), expected)
  }
})

test('the linter names each kind of mistake', () => {
  const text = readFileSync(join(FIXTURE, 'expected.txt'), 'utf8')
  for (const kind of [
    'unknown type "Plugg"',
    'duplicate name "Plug"',
    'invalid regular expression',
    'must be anchored',
    'missing "doc"',
    'unknown key "requird"',
    'unknown message',
    'cannot be read',
    'extends "Nothing"',
    'omits "Colour"',
    'minimum applies to integer or decimal',
  ])
    assert.ok(text.includes(kind), kind)
})

test('oicp lint exits 2 with the problems on stderr, and 0 on the real spec', async () => {
  const bad = await oicp('lint', FIXTURE)
  assert.is(bad.code, 2)
  assert.match(bad.stderr, /types\.yaml:25: type Record: field Plugs: unknown type "Plugg"/)
  const good = await oicp('lint')
  assert.is(good.code, 0, good.stderr)
  assert.match(good.stdout, /spec\/oicp-2\.3: OICP 2\.3/)
})

test('a YAML syntax error is reported with its line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-lint-'))
  writeFileSync(join(dir, 'release.yaml'), 'release: "1.0"\ndoc: x\ninclude:\n  - a.yaml\n')
  writeFileSync(join(dir, 'a.yaml'), 'types:\n  A:\n    doc: ok\n   fields: {}\n')
  try {
    loadRelease(dir)
    assert.unreachable()
  } catch (e) {
    const [d] = (e as SpecError).diagnostics
    assert.is(d?.file, relative(process.cwd(), join(dir, 'a.yaml')))
    assert.is(d?.line, 4)
  }
})

test('generate with a broken spec exits 2 and writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-gen-'))
  const out = join(dir, 'out')
  const config = join(dir, 'oicp.config.yaml')
  writeFileSync(config, `output: ${out}\nreleases:\n  - spec: ${FIXTURE_DIR}\n`)
  const r = await oicp('generate', '--config', config)
  assert.is(r.code, 2)
  assert.match(r.stderr, /unknown type "Plugg"/)
  assert.not.ok(existsSync(out), 'output folder was created')
})

test('a config with an unknown key or role is refused with its line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-cfg-'))
  const config = join(dir, 'oicp.config.yaml')
  writeFileSync(config, 'output: x\nreleases:\n  - spec: spec/oicp-2.3\n    roles: [cpo, operator]\nextra: 1\n')
  const r = await oicp('generate', '--config', config)
  assert.is(r.code, 2)
  assert.match(r.stderr, /:4: unknown role "operator"/)
  assert.match(r.stderr, /:5: .*unknown key "extra"/)
})

test.run()
