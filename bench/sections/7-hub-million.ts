// The hub at the real network's size: 1,000,000 EVSE data records with status, from 100
// operators, loaded by pushes of 10,000 into `oicp hub --data` in a process of its own,
// over mutual TLS on loopback. Measured with the generated clients: load time, the hub's
// memory, PullEvseData pages (near the start and deep), SearchCenter (5 km), a LastCall
// delta after 1,000 changes, status by operator, a restart (and the integrity check it
// runs), and an EMP's full pull in a process of its own (records/s, peak memory).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createDevCa } from '../../cli/certs.js'
import { createCpoClient, createEmpClient, type CpoClient, type EmpClient } from '../../generated/oicp-2.3/index.js'
import { evseDataPush, evseStatusPush, operator } from '../evse-generator.js'
import { rssOf, startHubChild, type HubChild } from '../hub-child.js'
import { fmt, median, table } from '../measure.js'

/** Not in `npm run bench -- --quick`: about 8 minutes on the 2-core machine. */
export const long = true

const OPERATORS = 100
const PER_OPERATOR = 10_000
const TOTAL = OPERATORS * PER_OPERATOR
const PROVIDER = 'DE-8EO'
const ROUNDS = 15

/** Median ms of `rounds` calls after a warm-up. */
function time(fn: (round: number) => Promise<unknown>, rounds = ROUNDS): Promise<number> {
  return measured(async (i) => {
    const t = performance.now()
    await fn(i)
    return performance.now() - t
  }, rounds)
}

/** Median of what `rounds` runs after a warm-up measured themselves (ms). */
async function measured(run: (round: number) => Promise<number>, rounds = ROUNDS): Promise<number> {
  await run(-1)
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) samples.push(await run(i))
  return median(samples)
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const mb = (n: number) => `${Math.round(n).toLocaleString('en')} MB`
const n = (x: number) => x.toLocaleString('en')

/** Pushes every operator's records, building the next push while the hub stores the last. */
async function load<P>(push: (op: number) => P, send: (body: P, op: string) => Promise<unknown>): Promise<number> {
  const begun = performance.now()
  let next = push(0)
  for (let o = 0; o < OPERATORS; o++) {
    const sent = send(next, operator(o).operatorId)
    if (o + 1 < OPERATORS) next = push(o + 1)
    await sent
  }
  return performance.now() - begun
}

/** The full pull (bench/full-pull.ts) in its own process. */
interface FullPull {
  records: number
  invalid: number
  pages: number
  seconds: number
  peakRssMb: number
}

function fullPull(args: string[]): Promise<FullPull> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'bench/full-pull.ts', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as FullPull) : reject(new Error(`full pull exited ${code}: ${out}`)),
    )
  })
}

/** The integrity check a start runs, timed on the file as it is (the hub stopped). */
function quickCheck(file: string): { ms: number; result: unknown } {
  const db = new Database(file)
  try {
    const t = performance.now()
    const result = db.pragma('quick_check(1)', { simple: true })
    return { ms: performance.now() - t, result }
  } finally {
    db.close()
  }
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-bench-million-'))
  const ca = createDevCa('oicp bench CA')
  const server = ca.server(['127.0.0.1'])
  const cpoCert = ca.client('cpo')
  const empCert = ca.client('emp')
  const files = {
    'ca.pem': ca.cert,
    'server.pem': server.cert,
    'server-key.pem': server.key,
    'emp.pem': empCert.cert,
    'emp-key.pem': empCert.key,
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  const operatorIds = Array.from({ length: OPERATORS }, (_, o) => operator(o).operatorId)
  const config = join(dir, 'hub.json')
  writeFileSync(
    config,
    JSON.stringify({
      port: 0,
      data: 'data',
      tls: { cert: 'server.pem', key: 'server-key.pem', ca: 'ca.pem' },
      partners: [
        { name: 'cpo', operatorIds },
        { name: 'emp', providerIds: [PROVIDER] },
      ],
    }),
  )
  const tls = (c: { cert: string; key: string }) => ({ ...c, ca: ca.cert })
  let hub: HubChild | undefined = await startHubChild(config)
  const clients = (url: string) => ({
    cpo: createCpoClient({ baseUrl: url, tls: tls(cpoCert), operatorId: operatorIds[0]!, timeoutMs: 300_000 }),
    emp: createEmpClient({ baseUrl: url, tls: tls(empCert), providerId: PROVIDER, timeoutMs: 300_000 }),
  })
  let { cpo, emp }: { cpo: CpoClient; emp: EmpClient } = clients(hub.url)
  try {
    const dataMs = await load(
      (o) => evseDataPush(operator(o), 0, PER_OPERATOR),
      (body, OperatorID) => cpo.pushEvseData(body, { OperatorID }),
    )
    const statusMs = await load(
      (o) => evseStatusPush(operator(o), 0, PER_OPERATOR),
      (body, OperatorID) => cpo.pushEvseStatus(body, { OperatorID }),
    )
    const loaded = rssOf(hub.pid)

    const pull = (page: number, format: 'Google' | 'DegreeMinuteSeconds' = 'Google', size = 2000) =>
      emp.pullEvseData({ ProviderID: PROVIDER, GeoCoordinatesResponseFormat: format }, { page, size })
    const pageCount = TOTAL / 2000
    const page3 = await time(() => pull(3))
    const deep = await time((i) => pull(pageCount - 2 - (i & 7)))
    const deepDms = await time((i) => pull(pageCount - 2 - (i & 7), 'DegreeMinuteSeconds'))
    // Five city centres, moved a little each round: no two rounds ask the same circle, so
    // none is served a total counted before.
    const centers = [
      [52.52, 13.405],
      [48.857, 2.352],
      [52.373, 4.893],
      [41.903, 12.496],
      [50.847, 4.357],
    ] as const
    const matches: number[] = []
    let shift = 0
    const search = (size: number) =>
      time(async (i) => {
        const [lat, lon] = centers[(i + 5) % centers.length]!
        const at = `${(lat + 0.0001 * shift).toFixed(6)} ${(lon + 0.0001 * shift++).toFixed(6)}`
        const answer = await emp.pullEvseData(
          {
            ProviderID: PROVIDER,
            GeoCoordinatesResponseFormat: 'Google',
            SearchCenter: { GeoCoordinates: { Google: { Coordinates: at } }, Radius: 5 },
          },
          { size },
        )
        if (size === 20) matches.push(answer.totalElements)
      })
    const searchSmall = await search(20)
    const searchFull = await search(2000)
    // A page right after a push of EVSE data: the total is counted again.
    const touched = evseDataPush(operator(5), 0, 1, 'update')
    const afterPush = await measured(async (i) => {
      touched.OperatorEvseData.EvseDataRecord[0]!.HotlinePhoneNumber = `+49301234${String(i + 10).padStart(2, '0')}`
      await cpo.pushEvseData(touched, { OperatorID: operator(5).operatorId })
      const t = performance.now()
      await pull(3)
      return performance.now() - t
    }, 7)

    // 1,000 changes (900 updated records, 100 deleted) after LastCall, then the delta.
    const lastCall = new Date().toISOString()
    await new Promise((r) => setTimeout(r, 5))
    const changed = evseDataPush(operator(7), 0, 900, 'update')
    for (const r of changed.OperatorEvseData.EvseDataRecord) r.HotlinePhoneNumber = '+4930999999'
    await cpo.pushEvseData(changed, { OperatorID: operator(7).operatorId })
    await cpo.pushEvseData(evseDataPush(operator(8), 0, 100, 'delete'), { OperatorID: operator(8).operatorId })
    let deltaCount = 0
    const delta = await time(async () => {
      deltaCount = (
        await emp.pullEvseData(
          { ProviderID: PROVIDER, GeoCoordinatesResponseFormat: 'Google', LastCall: lastCall },
          { size: 2000 },
        )
      ).totalElements
    })
    let statusCount = 0
    const byOperator = await time(async (i) => {
      const answer = await emp.pullEvseStatusByOperatorId({
        ProviderID: PROVIDER,
        OperatorID: [operatorIds[(i + 1) % OPERATORS]!],
      })
      statusCount = answer.EvseStatuses.OperatorEvseStatus[0]!.EvseStatusRecord.length
    })
    const served = rssOf(hub.pid)

    // Restart: stop, time the integrity check alone, start again, time until a page is served.
    await Promise.all([cpo.close(), emp.close()])
    await hub.stop()
    hub = undefined
    const check = quickCheck(join(dir, 'data', 'hub.db'))
    const restartBegun = performance.now()
    hub = await startHubChild(config)
    ;({ cpo, emp } = clients(hub.url))
    const first = await pull(250)
    const restartMs = performance.now() - restartBegun
    if (first.content.length !== 2000) throw new Error(`bench: page of ${first.content.length} after the restart`)

    const full = await fullPull([
      hub.url,
      join(dir, 'emp.pem'),
      join(dir, 'emp-key.pem'),
      join(dir, 'ca.pem'),
      PROVIDER,
      '2000',
    ])
    const afterPull = rssOf(hub.pid)

    console.log(
      `\nHub holding ${n(TOTAL)} EVSE records with status (${OPERATORS} operators), oicp hub --data in its own process, mutual TLS on loopback, generated clients, median of ${ROUNDS}`,
    )
    table(
      ['what', 'figure'],
      [
        [
          'load: 100 PushEvseData of 10,000 records',
          `${s(dataMs)} (${n(Math.round(TOTAL / (dataMs / 1000)))} records/s)`,
        ],
        ['load: 100 PushEvseStatus of 10,000 records', `${s(statusMs)}`],
        ['hub RSS after the load / peak so far', `${mb(loaded.now)} / ${mb(loaded.peak)}`],
        ['PullEvseData, page 3 of 500 (2,000 records)', fmt(page3)],
        ['PullEvseData, a deep page (492 to 498 of 500)', fmt(deep)],
        ['  the same in DegreeMinuteSeconds (converted)', fmt(deepDms)],
        ['PullEvseData, page 3 right after a push of EVSE data (total counted again)', fmt(afterPush)],
        [
          `SearchCenter 5 km around 5 city centres, page of 20 (${n(median(matches))} matches, median)`,
          fmt(searchSmall),
        ],
        ['SearchCenter 5 km, page of 2,000 (all of the matches)', fmt(searchFull)],
        [`LastCall delta after 1,000 changes (${n(deltaCount)} records: 900 updates, 100 deletions)`, fmt(delta)],
        [`PullEvseStatusByOperatorId, one operator (${n(statusCount)} records)`, fmt(byOperator)],
        ['hub RSS after these / peak', `${mb(served.now)} / ${mb(served.peak)}`],
        ['integrity check of the file (quick_check), hub stopped', `${s(check.ms)} (${String(check.result)})`],
        ['restart: start until the first page is served', s(restartMs)],
        [
          `full pull as in docs/clients.md (pullEvseDataPages, size 2,000): ${n(full.records)} records, ${full.pages} pages, ${full.invalid} invalid`,
          `${s(full.seconds * 1000)} (${n(Math.round(full.records / full.seconds))} records/s)`,
        ],
        [
          '  client peak RSS (own process) / hub RSS after it / hub peak',
          `${mb(full.peakRssMb)} / ${mb(afterPull.now)} / ${mb(afterPull.peak)}`,
        ],
      ],
    )
  } finally {
    await Promise.all([cpo.close(), emp.close()])
    await hub?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
