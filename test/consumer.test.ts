// The packages as users consume them: packed with npm, installed from the tarballs into a
// fresh project, code generated into the project's own src/, compiled and run three ways.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { consumerProject, run, writeTsconfig } from './support/consumer.js'

const MB = 1024 * 1024

function folderBytes(dir: string): number {
  let total = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name)
    if (e.isDirectory()) total += folderBytes(path)
    else if (e.isFile()) total += statSync(path).size
  }
  return total
}

// A small CPO service: validates a push, serves AuthorizeRemoteStart on node:http, calls it once.
const APP = `import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpoRoutes, validate, type CpoHandlers } from './generated/oicp-2.3/index.js'
import { createServerCore, mount } from 'oicp/runtime'
import { nodeListener } from 'oicp/server/node'

const push = validate('eRoamingPushEvseStatus', {
  ActionType: 'fullLoad',
  OperatorEvseStatus: { OperatorID: 'DE*ABC', EvseStatusRecord: [{ EvseID: 'DE*ABC*E1', EvseStatus: 'Available' }] },
})
const ok = { Result: true, StatusCode: { Code: '000' } } as const
const handlers: CpoHandlers = {
  authorizeRemoteStart: async (request) => ({ ...ok, SessionID: request.SessionID }),
  authorizeRemoteStop: async () => ok,
  authorizeRemoteReservationStart: async () => ok,
  authorizeRemoteReservationStop: async () => ok,
}
const server = createServer(nodeListener(createServerCore(mount(cpoRoutes, handlers)))).listen(0, '127.0.0.1')
await new Promise((resolve) => server.once('listening', resolve))
const { port } = server.address() as AddressInfo
const answer = await fetch(\`http://127.0.0.1:\${port}/api/oicp/charging/v21/providers/DE-8EO/authorize-remote/start\`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ ProviderID: 'DE-8EO', EvseID: 'DE*ABC*E1', SessionID: 'b2688855-7f00-0002-6d8e-48d883f6abb6', Identification: { RemoteIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3' } } }),
})
console.log(JSON.stringify({ pushValid: push.ok, status: answer.status, answer: await answer.json() }))
server.close()
`

const EXPECTED = {
  pushValid: true,
  status: 200,
  answer: { Result: true, StatusCode: { Code: '000' }, SessionID: 'b2688855-7f00-0002-6d8e-48d883f6abb6' },
}

let project = ''

test.before(() => {
  project = consumerProject({ tools: ['tsx', 'esbuild'], skipInstallScripts: true })
})

test('a production install of oicp is at most 15 MB and holds only what runs', () => {
  const dir = consumerProject({ productionOnly: true })
  const modules = join(dir, 'node_modules')
  const bytes = folderBytes(modules)
  assert.ok(bytes <= 15 * MB, `node_modules is ${(bytes / MB).toFixed(1)} MB`)
  const installed = readdirSync(modules).filter((n) => !n.startsWith('.'))
  for (const tool of ['ts-morph', 'prettier', 'handlebars', 'node-forge', 'yaml', 'oicp-dev'])
    assert.not.ok(installed.includes(tool), `${tool} installed`)
})

test("generate into the project's src/ with the README's config, with the spec read from the installed package; tsc emit and run", () => {
  mkdirSync(join(project, 'src'), { recursive: true })
  writeFileSync(join(project, 'src', 'app.ts'), APP)
  writeFileSync(
    join(project, 'oicp.config.yaml'),
    'output: src/generated\nreleases:\n  - spec: node_modules/oicp-dev/spec/oicp-2.3\n    roles: [cpo]\n',
  )
  const out = run(project, 'npx', ['oicp', 'generate'])
  assert.match(out, /written, 0 unchanged, 0 removed/)
  assert.ok(existsSync(join(project, 'src', 'generated', 'modules', 'oicp-2.3', 'types', 'geo.validators.ts')))
  assert.not.ok(
    existsSync(join(project, 'src', 'generated', 'modules', 'node_modules')),
    'no module path through node_modules',
  )
  writeTsconfig(project, { rootDir: 'src', outDir: 'dist' }, ['src'])
  run(project, 'npx', ['tsc', '-p', '.'])
  assert.equal(JSON.parse(run(project, 'node', ['dist/app.js'])), EXPECTED)
  // The short form names the same packaged spec and gives the same files.
  writeFileSync(
    join(project, 'oicp.config.yaml'),
    'output: src/generated\nreleases:\n  - spec: oicp-2.3\n    roles: [cpo]\n',
  )
  assert.match(run(project, 'npx', ['oicp', 'generate']), / 0 written, \d+ unchanged, 0 removed/)
})

test('the generated code runs with tsx and bundled with esbuild', () => {
  assert.equal(JSON.parse(run(project, 'npx', ['tsx', 'src/app.ts'])), EXPECTED)
  run(project, 'npx', [
    'esbuild',
    'src/app.ts',
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--outfile=bundle/app.mjs',
    '--log-level=warning',
  ])
  assert.equal(JSON.parse(run(project, 'node', ['bundle/app.mjs'])), EXPECTED)
})

test('a user file in the output folder survives, and generate refuses to overwrite a file it did not write', () => {
  writeFileSync(join(project, 'src', 'generated', 'notes.md'), 'mine\n')
  run(project, 'npx', ['oicp', 'generate'])
  assert.is(readFileSync(join(project, 'src', 'generated', 'notes.md'), 'utf8'), 'mine\n')
  const client = join(project, 'src', 'generated', 'oicp-2.3', 'client.ts')
  writeFileSync(client, '// my client now\n')
  let failed: Error | undefined
  try {
    run(project, 'npx', ['oicp', 'generate'])
  } catch (e) {
    failed = e as Error
  }
  assert.ok(failed, 'generate must refuse')
  assert.match(failed.message, /exited 2/)
  assert.match(failed.message, /oicp-2\.3[\\/]client\.ts/)
  assert.is(readFileSync(client, 'utf8'), '// my client now\n')
})

test.run()
