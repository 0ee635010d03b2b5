// The committed generated/ is exactly what the spec gives, and generation is deterministic.
// (`npm test` type-checks generated/ with tsc before the tests run.)
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadConfig } from '../generator/config.js'
import { generate } from '../generator/generate.js'
import { planOutput } from '../generator/output.js'
import { oicp } from './support/cli.js'

const config = loadConfig()

test('regenerating gives exactly the committed generated/', async () => {
  const files = await generate(config)
  const plan = planOutput(files, config.output)
  assert.equal([...plan.write, ...plan.remove, ...plan.inTheWay], [])
})

test('generation is byte-identical on rerun', async () => {
  const a = await generate(config)
  const b = await generate(config)
  assert.equal([...a.keys()], [...b.keys()])
  for (const [path, text] of a) assert.ok(b.get(path) === text, `${path} differs between two runs`)
})

test('every generated file carries a do-not-edit header', async () => {
  for (const [path, text] of await generate(config)) assert.match(text.slice(0, 400), /Do not edit/, path)
})

test('generate --check names a stale file and exits 1; generate mends it (spec named by its packaged name)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-golden-'))
  const cfg = join(dir, 'oicp.config.yaml')
  writeFileSync(cfg, `output: ${join(dir, 'out')}\nruntime: oicp/runtime/internal\nreleases:\n  - spec: oicp-2.3\n`)
  assert.is((await oicp('generate', '--config', cfg)).code, 0)
  assert.is((await oicp('generate', '--check', '--config', cfg)).code, 0)
  const schemas = join(dir, 'out', 'oicp-2.3', 'schemas.ts')
  appendFileSync(schemas, '// edited by hand\n')
  const stale = await oicp('generate', '--check', '--config', cfg)
  assert.is(stale.code, 1)
  assert.match(stale.stderr, /oicp-2\.3\/schemas\.ts/)
  assert.is((await oicp('generate', '--config', cfg)).code, 0)
  assert.is((await oicp('generate', '--check', '--config', cfg)).code, 0)
  assert.not.match(readFileSync(schemas, 'utf8'), /edited by hand/)
  assert.ok(
    readFileSync(schemas, 'utf8').includes("export * from '../modules/"),
    'the release schemas gather the spec-file modules',
  )
})

test.run()
