// `oicp hub` on the command line: clear usage errors, a config file checked field by
// field, and examples that use nothing but the published package.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { oicp, oicpChild } from './support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'oicp-hub-cli-'))
test.after(() => rmSync(dir, { recursive: true, force: true }))

test('usage errors exit 2 with a reason', async () => {
  const port = await oicp('hub', '--port', 'seventy')
  assert.is(port.code, 2)
  assert.match(port.stderr, '--port must be 0 to 65535')
  const certs = await oicp('hub', '--tls', '--certs', join(dir, 'nowhere'))
  assert.is(certs.code, 2)
  assert.match(certs.stderr, 'oicp certs --out')
})

test('a config file is checked field by field', async () => {
  const file = join(dir, 'hub.yaml')
  writeFileSync(file, 'partners:\n  - name: cpo\n    endpoint: http://plain.example\n')
  const r = await oicp('hub', '--config', file)
  assert.is(r.code, 2)
  assert.match(r.stderr, 'partners[0].endpoint must be an https:// URL')
  writeFileSync(file, 'tls: { cert: missing.pem, key: k.pem, ca: c.pem }\npartners: []\n')
  assert.match((await oicp('hub', '--config', file)).stderr, 'tls.cert: cannot read missing.pem')
})

test('a busy port: one line, exit 1, and the process ends (a real process)', async () => {
  const taken = createServer().listen(0, '127.0.0.1')
  await once(taken, 'listening')
  const port = (taken.address() as AddressInfo).port
  try {
    const r = await oicpChild(['hub', '--port', String(port), '--quiet'])
    assert.is(r.code, 1, r.stderr)
    assert.is(r.stderr, `oicp hub: port ${port} on 127.0.0.1 is in use; choose another with --port\n`)
    assert.is(r.stdout, '')
  } finally {
    taken.close()
  }
})

test('a config key typo is named with its line and the key meant; every problem gets its own line', async () => {
  const file = join(dir, 'typo.yaml')
  writeFileSync(
    file,
    [
      '# a hub for two partners',
      'port: 8443',
      'partners:',
      '  - name: cpo',
      '    operatorIds: [DE*ABC]',
      '  - name: emp',
      '    operatorIDs: [DE*XYZ]',
      '  - name: other',
      '    operatorIds: [DEABC]',
      'partner: []',
      'host: [not, a, string]',
    ].join('\n'),
  )
  const r = await oicp('hub', '--config', file)
  assert.is(r.code, 2)
  assert.equal(r.stderr.trimEnd().split('\n'), [
    `${file}:7: partners[1]: unknown key "operatorIDs" (did you mean "operatorIds"?)`,
    `${file}:8: OperatorID DEABC belongs to both cpo and other`,
    `${file}:10: the hub config: unknown key "partner" (did you mean "partners"?)`,
    `${file}:11: host must be a non-empty string`,
  ])
  assert.is(r.stdout, '')
})

test('the backends oicp init writes import only their generated code, the runtime package, node built-ins and each other', () => {
  const allowed = new Set([
    './generated/oicp-2.3/index.js',
    'oicp/runtime',
    'oicp/server/node',
    './handlers.js',
    './stations.js',
  ])
  for (const role of ['cpo', 'emp']) {
    const dir = join('templates', 'init', role, 'src')
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'utf8')
      const specifiers = [...text.matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1]!)
      assert.ok(specifiers.length > 0, name)
      for (const s of specifiers) assert.ok(allowed.has(s) || s.startsWith('node:'), `${role}/${name} imports ${s}`)
    }
  }
})

test.run()
