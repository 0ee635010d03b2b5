// `oicp pull evse-data` against the hub over mutual TLS, holding a few thousand records:
// one validated record per line in EvseID order, quiet when standard error is not a
// terminal, a progress line when it is, a summary at the end; usage errors exit 2, a hub
// that refuses or cannot be reached exits 1 and leaves no file. And the full
// pull loop of docs/clients.md, run as written.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { unquoted } from './support/quoted.js'
import { main } from '../cli/main.js'
import { createEmpClient } from '../generated/oicp-2.3/index.js'
import { oicpChild } from './support/cli.js'
import { evse, hubCerts, OPERATOR, PROVIDER, startWorld, type World } from './support/hub-setup.js'

const COUNT = 3000
const dir = mkdtempSync(join(tmpdir(), 'oicp-cli-pull-'))
let w: World
let ids: string[]
const pem = (name: string) => join(dir, name)

test.before(async () => {
  w = await startWorld()
  const c = hubCerts()
  writeFileSync(pem('emp.pem'), c.emp.cert)
  writeFileSync(pem('emp-key.pem'), c.emp.key)
  writeFileSync(pem('ca.pem'), c.ca)
  const records = Array.from({ length: COUNT + 1 }, (_, i) => evse(COUNT + 1 - i))
  for (let i = 0; i < records.length; i += 1000) {
    await w.cpo.pushEvseData({
      ActionType: i === 0 ? 'fullLoad' : 'insert',
      OperatorEvseData: { OperatorID: OPERATOR, OperatorName: 'ABC', EvseDataRecord: records.slice(i, i + 1000) },
    })
  }
  await w.cpo.pushEvseData({
    ActionType: 'delete',
    OperatorEvseData: { OperatorID: OPERATOR, OperatorName: 'ABC', EvseDataRecord: [evse(17)] },
  })
  ids = records
    .map((r) => r.EvseID)
    .filter((id) => id !== evse(17).EvseID)
    .sort()
})

test.after(async () => {
  await w?.close()
  rmSync(dir, { recursive: true, force: true })
})

const args = (out: string, more: string[] = []) => [
  'pull',
  'evse-data',
  '--out',
  out,
  '--provider-id',
  PROVIDER,
  '--url',
  w.hub.url,
  '--cert',
  pem('emp.pem'),
  '--key',
  pem('emp-key.pem'),
  '--ca',
  pem('ca.pem'),
  ...more,
]

async function inProcess(
  argv: string[],
  stderrIsTTY: boolean,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTTY })
  return { code, stdout, stderr }
}

test('as a process, standard error not a terminal: every record, one per line, in order; only the summary', async () => {
  const out = pem('evses.ndjson')
  const r = await oicpChild(args(out, ['--size', '700']), 60_000)
  assert.is(r.code, 0, r.stderr)
  assert.is(r.stderr, '')
  assert.match(
    r.stdout,
    new RegExp(
      `^pulled 3,000 EVSE records \\(5 pages\\) into ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in \\d+s, [\\d,]+ records/s\\n$`,
    ),
  )
  const lines = readFileSync(out, 'utf8').split('\n')
  assert.is(lines.pop(), '')
  const records = lines.map((l) => JSON.parse(l) as { EvseID: string; OperatorID: string; GeoCoordinates: unknown })
  assert.equal(
    records.map((r) => r.EvseID),
    ids,
  )
  assert.ok(records.every((r) => r.OperatorID === OPERATOR && 'Google' in (r.GeoCoordinates as object)))
  assert.not.ok(existsSync(`${out}.partial`))
})

test('on a terminal: a progress line redrawn in place, ending at 100%, then the summary', async () => {
  const out = pem('tty.ndjson')
  const r = await inProcess(args(out, ['--size', '300']), true)
  assert.is(r.code, 0, r.stderr)
  const frames = r.stderr.split('\r').filter(Boolean)
  assert.ok(frames.length >= 2, r.stderr)
  assert.match(frames[0]!, /^\[[#-]{24}\] \d+% [\d,]+ of 3,000 records, page \d+ of 10, [\d,]+ records\/s/)
  assert.match(frames.at(-1)!, /^\[#{24}\] 100% 3,000 of 3,000 records, page 10 of 10, [\d,]+ records\/s, 0s left *\n$/)
  assert.match(r.stdout, /^pulled 3,000 EVSE records \(10 pages\)/)
  assert.is(readFileSync(out, 'utf8').split('\n').length, COUNT + 1)
})

test('usage errors exit 2 with a reason', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['pull'], /what to pull: evse-data \(got nothing\)/],
    [['pull', 'cdrs', '--out', 'x'], /what to pull: evse-data \(got cdrs\)/],
    [['pull', 'evse-data', '--provider-id', PROVIDER], /--out FILE is required/],
    [['pull', 'evse-data', '--out', pem('x.ndjson')], /--provider-id ID is required/],
    [args(pem('x.ndjson'), ['--size', '2001']), /--size must be 1 to 2000/],
    [
      ['pull', 'evse-data', '--out', pem('x.ndjson'), '--provider-id', PROVIDER, '--cert', pem('none.pem')],
      /--cert .*none\.pem: cannot read it/,
    ],
  ]
  for (const [argv, message] of cases) {
    const r = await inProcess(argv, false)
    assert.is(r.code, 2, argv.join(' '))
    assert.match(r.stderr, message)
  }
  assert.not.ok(existsSync(pem('x.ndjson')))
})

test('a hub that refuses, or is not there: exit 1, one line, no file', async () => {
  const refused = await inProcess([...args(pem('refused.ndjson')), '--provider-id', 'DE-XYZ'], false)
  assert.is(refused.code, 1)
  assert.match(refused.stderr, /^oicp pull: .*017.*; nothing written\n$/)
  const closed = createServer().listen(0, '127.0.0.1')
  await once(closed, 'listening')
  const port = (closed.address() as AddressInfo).port
  closed.close()
  const gone = await inProcess(args(pem('gone.ndjson'), ['--url', `https://127.0.0.1:${port}/api/oicp`]), false)
  assert.is(gone.code, 1)
  assert.match(gone.stderr, /^oicp pull: .*; nothing written\n$/)
  for (const f of ['refused.ndjson', 'gone.ndjson'])
    assert.not.ok(existsSync(pem(f)) || existsSync(pem(`${f}.partial`)), f)
})

test("docs/clients.md's full pull with a progress display, as written", async () => {
  assert.equal(unquoted('test/cli-pull.test.ts'), [])
  const readFileSync = (file: string) => Buffer.from(readFile(pem(file)))
  const saved: string[] = []
  const save = async (evse: { EvseID: string }) => void saved.push(evse.EvseID)
  let shown = ''
  const process = { stderr: { write: (s: string) => void (shown += s) } }
  const baseUrl = w.hub.url
  // --- as in docs/clients.md, from here
  const emp = createEmpClient({
    baseUrl,
    tls: { cert: readFileSync('emp.pem'), key: readFileSync('emp-key.pem'), ca: readFileSync('ca.pem') },
    providerId: 'DE-8EO',
  })
  const started = performance.now()
  let records = 0
  for await (const page of emp.pullEvseDataPages(
    { ProviderID: 'DE-8EO', GeoCoordinatesResponseFormat: 'Google' },
    { size: 2000 },
  )) {
    for (const bad of page.invalid) console.error(`skipped page ${page.number} ${bad.pointer}`)
    for (const evse of page.records) await save(evse)
    records += page.records.length + page.invalid.length
    const perSecond = records / ((performance.now() - started) / 1000)
    const left = Math.round((page.totalElements - records) / perSecond)
    process.stderr.write(
      `\r${records} of ${page.totalElements} records, page ${page.number + 1} of ${page.totalPages}, ${Math.round(perSecond)} records/s, ${left} s left `,
    )
  }
  await emp.close()
  // --- to here
  assert.equal(saved, ids)
  assert.match(
    shown,
    /\r2000 of 3000 records, page 1 of 2, \d+ records\/s, \d+ s left \r3000 of 3000 records, page 2 of 2, \d+ records\/s, 0 s left $/,
  )
})

const readFile = (path: string) => readFileSync(path)

test.run()
