// `oicp generate` in a user's project: it owns only the files it wrote, never touches another,
// and its module paths do not depend on where the spec folder lies.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { oicp } from './support/cli.js'

function project(): string {
  return mkdtempSync(join(tmpdir(), 'oicp-out-'))
}

function config(dir: string, output: string, ...specs: string[]): string {
  const file = join(dir, 'oicp.config.yaml')
  writeFileSync(
    file,
    `output: ${output}\nreleases:\n${specs.map((s) => `  - spec: ${s}\n    roles: [cpo]\n`).join('')}`,
  )
  return file
}

test('a user file in the output folder survives every run; a release dropped from the config is removed', async () => {
  const dir = project()
  const cfg = config(dir, 'src', 'oicp-2.3', 'oicp-2.2')
  mkdirSync(join(dir, 'src'))
  writeFileSync(join(dir, 'src', 'app.ts'), 'console.log("mine")\n')
  const first = await oicp('generate', '--config', cfg)
  assert.is(first.code, 0, first.stderr)
  assert.match(first.stdout, /written, 0 unchanged, 0 removed/)
  assert.ok(existsSync(join(dir, 'src', 'oicp-2.2', 'index.ts')))
  config(dir, 'src', 'oicp-2.3')
  const second = await oicp('generate', '--config', cfg, '--verbose')
  assert.is(second.code, 0, second.stderr)
  assert.not.ok(existsSync(join(dir, 'src', 'oicp-2.2', 'index.ts')), '2.2 files removed')
  assert.match(second.stdout, /removed .*oicp-2\.2[\\/]index\.ts/)
  assert.ok(
    existsSync(join(dir, 'src', 'modules', 'oicp-2.3', 'services', 'eRoamingAuthorization_2.1.validators.ts')),
    'shared module kept',
  )
  assert.is(readFileSync(join(dir, 'src', 'app.ts'), 'utf8'), 'console.log("mine")\n')
  assert.ok(existsSync(cfg), 'the config survives')
  const third = await oicp('generate', '--config', cfg)
  assert.match(third.stdout, / 0 written, \d+ unchanged, 0 removed/)
})

test('output "." keeps the config, the spec and the sources', async () => {
  const dir = project()
  cpSync(resolve('spec'), join(dir, 'spec'), { recursive: true })
  const cfg = config(dir, '.', 'spec/oicp-2.3')
  mkdirSync(join(dir, 'src'))
  writeFileSync(join(dir, 'src', 'main.ts'), 'export {}\n')
  const r = await oicp('generate', '--config', cfg)
  assert.is(r.code, 0, r.stderr)
  for (const kept of ['oicp.config.yaml', 'spec/oicp-2.3/release.yaml', 'spec/oicp-2.2/release.yaml', 'src/main.ts'])
    assert.ok(existsSync(join(dir, kept)), kept)
  assert.ok(existsSync(join(dir, 'oicp-2.3', 'index.ts')))
})

test('a file oicp did not write where generated code goes stops the run before anything is written (exit 2)', async () => {
  const dir = project()
  const cfg = config(dir, 'src/generated', 'oicp-2.3')
  mkdirSync(join(dir, 'src', 'generated', 'oicp-2.3'), { recursive: true })
  writeFileSync(join(dir, 'src', 'generated', 'oicp-2.3', 'client.ts'), '// my own client\n')
  const r = await oicp('generate', '--config', cfg)
  assert.is(r.code, 2)
  assert.match(r.stderr, /not written by oicp/)
  assert.match(r.stderr, /src[\\/]generated[\\/]oicp-2\.3[\\/]client\.ts/)
  assert.is(readFileSync(join(dir, 'src', 'generated', 'oicp-2.3', 'client.ts'), 'utf8'), '// my own client\n')
  assert.not.ok(existsSync(join(dir, 'src', 'generated', 'oicp-2.3', 'index.ts')), 'nothing written')
  const check = await oicp('generate', '--check', '--config', cfg)
  assert.is(check.code, 2)
})

test('module paths are the same whether the spec lies in node_modules, a sibling folder or an absolute path', async () => {
  const outputs: string[][] = []
  for (const where of ['node_modules/oicp-dev/spec', '../specs', 'ABS']) {
    const dir = project()
    const target = where === 'ABS' ? join(project(), 'elsewhere') : join(dir, where)
    cpSync(resolve('spec'), target, { recursive: true })
    const cfg = config(dir, 'src/generated', where === 'ABS' ? join(target, 'oicp-2.2') : `${where}/oicp-2.2`)
    const r = await oicp('generate', '--config', cfg)
    assert.is(r.code, 0, r.stderr)
    const manifest = JSON.parse(readFileSync(join(dir, 'src', 'generated', '.oicp-manifest.json'), 'utf8')) as {
      files: string[]
    }
    assert.not.ok(
      manifest.files.some((f) => f.includes('node_modules') || f.includes('..')),
      manifest.files.join('\n'),
    )
    assert.ok(
      manifest.files.includes('modules/oicp-2.3/services/eRoamingAuthorization_2.1.validators.ts'),
      'a file 2.2 includes from 2.3 keeps its release folder name',
    )
    outputs.push(manifest.files)
  }
  assert.equal(outputs[0], outputs[1])
  assert.equal(outputs[0], outputs[2])
})

test('an unknown spec name is refused with the config line and the packaged names', async () => {
  const dir = project()
  const cfg = config(dir, 'src', 'oicp-9.9')
  const r = await oicp('generate', '--config', cfg)
  assert.is(r.code, 2)
  assert.match(r.stderr, /oicp\.config\.yaml:3: spec "oicp-9\.9": no release folder/)
  assert.match(r.stderr, /oicp-2\.2, oicp-2\.3/)
})

test.run()
