// `oicp scaffold`: handler files written once, type-checked against the generated types,
// served as "not implemented"; reruns add what is missing and never overwrite a change.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { cpoRoutes, type CpoHandlers } from '../generated/oicp-2.3/index.js'
import { createServerCore, mount } from '../runtime/index.js'
import { isFailureAck, remoteStart, REMOTE_START } from './support/server-fixtures.js'
import { closeClients, send, start } from './support/server-harness.js'
import { oicp } from './support/cli.js'
import { writeTsconfig } from './support/consumer.js'

const dir = mkdtempSync(join(tmpdir(), 'oicp-scaffold-'))
const out = join(dir, 'handlers')
const modules = [
  '--release-module',
  resolve('generated/oicp-2.3/index.js'),
  '--runtime-module',
  resolve('runtime/index.js'),
]
const FILES = [
  'authorizeRemoteStart.ts',
  'authorizeRemoteStop.ts',
  'authorizeRemoteReservationStart.ts',
  'authorizeRemoteReservationStop.ts',
  'index.ts',
]

/** Each report line as "outcome file". */
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => {
      const [outcome, path] = l.split(/\s+/)
      return `${outcome} ${path!.replace(/:$/, '').slice(out.length + 1)}`
    })

test('scaffold cpo writes one handler file per operation and an index', async () => {
  const r = await oicp('scaffold', 'cpo', '--out', out, ...modules)
  assert.is(r.code, 0, r.stderr)
  assert.equal(
    lines(r.stdout),
    FILES.map((f) => `created ${f}`),
  )
  const text = readFileSync(join(out, 'authorizeRemoteStart.ts'), 'utf8')
  assert.match(
    text,
    /export const authorizeRemoteStart: CpoHandlers\['authorizeRemoteStart'\] = async \(request, context\) =>/,
  )
  assert.match(text, /throw notImplemented\('eRoamingAuthorizeRemoteStart'\)/)
})

test('the scaffolded files type-check against the generated handler types', () => {
  writeTsconfig(dir, { noEmit: true, types: ['node'], typeRoots: [resolve('node_modules/@types')] }, ['handlers/*.ts'])
  const r = spawnSync(
    process.execPath,
    [resolve('node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')],
    { encoding: 'utf8', timeout: 120_000 },
  )
  assert.is(r.status, 0, r.stdout + r.stderr)
})

test('mounted as they are, the scaffolded handlers answer 501 with a clear "not implemented" acknowledgement', async () => {
  const { handlers } = (await import(pathToFileURL(join(out, 'index.ts')).href)) as { handlers: CpoHandlers }
  const server = await start('node', createServerCore(mount(cpoRoutes, handlers)))
  try {
    const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()) })
    assert.is(r.status, 501)
    assert.is(isFailureAck(r.json, '021'), undefined)
    assert.is(r.json.StatusCode.Description, 'Not implemented: eRoamingAuthorizeRemoteStart')
  } finally {
    await server.close()
    closeClients()
  }
})

test('a rerun keeps changed files, restores missing ones, and leaves the rest as they are', async () => {
  const changed = join(out, 'authorizeRemoteStop.ts')
  const mine = readFileSync(changed, 'utf8').replace(
    "throw notImplemented('eRoamingAuthorizeRemoteStop')",
    "return { Result: true, StatusCode: { Code: '000' } }",
  )
  writeFileSync(changed, mine)
  rmSync(join(out, 'authorizeRemoteReservationStop.ts'))
  const r = await oicp('scaffold', 'cpo', '--out', out, ...modules)
  assert.is(r.code, 0)
  assert.equal(lines(r.stdout), [
    'unchanged authorizeRemoteStart.ts',
    'kept authorizeRemoteStop.ts',
    'unchanged authorizeRemoteReservationStart.ts',
    'created authorizeRemoteReservationStop.ts',
    'unchanged index.ts',
  ])
  assert.match(r.stdout, /kept +\S*authorizeRemoteStop\.ts: changed since scaffolded, not overwritten\n/)
  assert.is(readFileSync(changed, 'utf8'), mine)
  assert.ok(existsSync(join(out, 'authorizeRemoteReservationStop.ts')))
})

test('an untouched file from an older scaffold is brought up to date; a changed index is reported with what it lacks', async () => {
  const manifestPath = join(out, '.oicp-scaffold.json')
  const old = '// an older scaffold\n'
  writeFileSync(join(out, 'authorizeRemoteStart.ts'), old)
  const index = readFileSync(join(out, 'index.ts'), 'utf8')
    .replace(/\n\s*authorizeRemoteReservationStop,/, '')
    .replace(/import \{ authorizeRemoteReservationStop \}.*\n/, '')
  writeFileSync(join(out, 'index.ts'), index)
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  manifest.files['authorizeRemoteStart.ts'] = createHash('sha256').update(old).digest('hex')
  writeFileSync(manifestPath, JSON.stringify(manifest))
  const r = await oicp('scaffold', 'cpo', '--out', out, ...modules)
  assert.match(r.stdout, /updated\s+\S*authorizeRemoteStart\.ts/)
  assert.match(readFileSync(join(out, 'authorizeRemoteStart.ts'), 'utf8'), /notImplemented/)
  assert.match(
    r.stdout,
    /kept +\S*index\.ts: changed since scaffolded, not overwritten; add authorizeRemoteReservationStop to it yourself/,
  )
  assert.is(readFileSync(join(out, 'index.ts'), 'utf8'), index)
})

test('scaffold honours a templates folder: --templates, or the templates: of the oicp.config.yaml in the working folder', async () => {
  const own = mkdtempSync(join(tmpdir(), 'oicp-scaffold-tpl-'))
  writeFileSync(join(own, 'handler.ts.hbs'), '// our house style for {{operation}}\nexport {}\n')
  const a = join(own, 'a')
  assert.is((await oicp('scaffold', 'cpo', '--out', a, '--templates', own, ...modules)).code, 0)
  assert.is(
    readFileSync(join(a, 'authorizeRemoteStart.ts'), 'utf8'),
    '// our house style for eRoamingAuthorizeRemoteStart\nexport {}\n',
  )
  const project = mkdtempSync(join(tmpdir(), 'oicp-scaffold-cfg-'))
  writeFileSync(
    join(project, 'oicp.config.yaml'),
    `output: src/generated\ntemplates: ${own}\nreleases:\n  - spec: oicp-2.3\n`,
  )
  const cwd = process.cwd()
  process.chdir(project)
  try {
    assert.is((await oicp('scaffold', 'cpo', '--out', 'h', ...modules)).code, 0)
  } finally {
    process.chdir(cwd)
  }
  assert.match(
    readFileSync(join(project, 'h', 'authorizeRemoteStop.ts'), 'utf8'),
    /our house style for eRoamingAuthorizeRemoteStop/,
  )
})

test('scaffold refuses an unknown role', async () => {
  const r = await oicp('scaffold', 'dso', '--out', out)
  assert.is(r.code, 2)
  assert.match(r.stderr, /unknown role "dso"/)
})

test.after(() => rmSync(dir, { recursive: true, force: true }))

test.run()
