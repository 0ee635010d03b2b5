// `oicp init`: what it writes, and that it never overwrites anything. (The whole flow, with
// the hub and the backend running over mutual TLS, is the README tour test.)
import { X509Certificate } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { parse } from 'yaml'
import { loadHubConfig } from '../hub/index.js'
import { oicp } from './support/cli.js'

const fresh = () => mkdtempSync(join(tmpdir(), 'oicp-init-'))

test('init cpo writes the config, a typed backend, certificates for the OperatorID, a hub config that knows them, and npm scripts', async () => {
  const dir = fresh()
  const r = await oicp('init', 'cpo', '--operator-id', 'DE*XYZ', '--dir', dir)
  assert.is(r.code, 0, r.stderr)
  for (const file of [
    'oicp.config.yaml',
    'hub.yaml',
    'tsconfig.json',
    'src/main.ts',
    'src/handlers.ts',
    'src/stations.ts',
    'certs/ca.pem',
    'certs/cpo.pem',
    'certs/hub.pem',
    'package.json',
    '.gitignore',
  ])
    assert.ok(existsSync(join(dir, file)), file)
  assert.is(new X509Certificate(readFileSync(join(dir, 'certs', 'cpo.pem'))).subject, 'CN=cpo:DE*XYZ')
  assert.ok(readFileSync(join(dir, 'src', 'main.ts'), 'utf8').includes('process.env.OPERATOR_ID ?? "DE*XYZ"'))
  const hub = loadHubConfig(join(dir, 'hub.yaml'))
  assert.ok(
    hub.partners.some((p) => p.operatorIds?.includes('DE*XYZ') && p.endpoint === 'https://127.0.0.1:9001/api/oicp'),
  )
  assert.is(hub.play?.emp?.providerId, 'DE-EMP')
  const config = parse(readFileSync(join(dir, 'oicp.config.yaml'), 'utf8')) as {
    output: string
    releases: { spec: string; roles: string[] }[]
  }
  assert.equal(config.releases, [{ spec: 'oicp-2.3', roles: ['cpo'] }])
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    type: string
    scripts: Record<string, string>
  }
  assert.is(pkg.type, 'module')
  assert.is(pkg.scripts.hub, 'oicp hub --config hub.yaml')
  assert.match(readFileSync(join(dir, '.gitignore'), 'utf8'), /^certs\/$/m)
  assert.match(r.stdout, /npm run hub/)
})

test('init never overwrites: a second run keeps every file, a changed one included; package.json and .gitignore only gain what they lack', async () => {
  const dir = fresh()
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'mine', type: 'commonjs', scripts: { start: 'node server.js' } }),
  )
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n*.log\n')
  assert.is((await oicp('init', 'emp', '--provider-id', 'DE-8EO', '--dir', dir)).code, 0)
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string
    type: string
    scripts: Record<string, string>
  }
  assert.is(pkg.name, 'mine')
  assert.is(pkg.scripts.start, 'node server.js', 'the user script stays')
  assert.is(pkg.scripts.hub, 'oicp hub --config hub.yaml')
  assert.is(pkg.type, 'module')
  assert.is(readFileSync(join(dir, '.gitignore'), 'utf8'), 'node_modules\n*.log\ndist/\ncerts/\n.hub/\n')
  writeFileSync(join(dir, 'src', 'handlers.ts'), '// mine now\n')
  const ca = readFileSync(join(dir, 'certs', 'ca.pem'), 'utf8')
  const again = await oicp('init', 'emp', '--provider-id', 'DE-8EO', '--dir', dir)
  assert.is(again.code, 0)
  assert.not.match(again.stdout, /^created/m)
  assert.match(again.stdout, /kept\s+src\/handlers\.ts/)
  assert.is(readFileSync(join(dir, 'src', 'handlers.ts'), 'utf8'), '// mine now\n')
  assert.is(readFileSync(join(dir, 'certs', 'ca.pem'), 'utf8'), ca)
})

test("init refuses a bad ID, a missing role and the other role's ID with one line and exit 2, writing nothing", async () => {
  for (const args of [
    ['cpo', '--operator-id', 'DE*ABCD'],
    ['emp', '--provider-id', 'nope'],
    ['cpo', '--provider-id', 'DE-8EO'],
    [],
    ['csms'],
  ]) {
    const dir = fresh()
    const r = await oicp('init', ...args, '--dir', dir)
    assert.is(r.code, 2, args.join(' '))
    assert.is(r.stderr.trim().split('\n').length <= 2, true, r.stderr)
    assert.not.ok(existsSync(join(dir, 'oicp.config.yaml')))
  }
})

test.run()
