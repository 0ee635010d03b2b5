// The web view's server side, without a browser: the traffic ring buffer and session
// timelines stay within their bounds, the map's bins agree with a count done by hand, the
// JSON API follows pushes (data, status, fullLoad, delete), the live traffic records
// refusals with their JSON pointers, the event stream delivers, the listener answers only
// to this machine, and `oicp hub` announces and serves the view (or not, with --no-web).
import { get } from 'node:http'
import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startHub, type RunningHub } from '../hub/index.js'
import {
  STATUSES,
  type Bin,
  type EvseDetail,
  type EvseList,
  type ExchangeDetail,
  type ExchangeSummary,
  type MapAnswer,
  type Overview,
} from '../hub/web/api.js'
import { mergeOverlapping } from '../hub/web/client/map/clusters.js'
import { exchange } from '../hub/web/exchange.js'
import { ABSENT, Columns, worldX, worldY } from '../hub/web/map-columns.js'
import { ALL_STATUSES, binned, firstIn, type Box, type Filter } from '../hub/web/map-query.js'
import { Timelines } from '../hub/web/timelines.js'
import { Traffic } from '../hub/web/traffic.js'
import { oicp, oicpChild } from './support/cli.js'
import { evse } from './support/hub-setup.js'
import { spawnHub } from './support/hub-process.js'

const dir = mkdtempSync(join(tmpdir(), 'oicp-hub-web-server-'))
test.after(() => rmSync(dir, { recursive: true, force: true }))

function sample(at: number, size = 10, sessionId?: string): ExchangeDetail {
  const text = 'x'.repeat(size)
  return exchange({
    at,
    direction: 'in',
    from: 'cpo',
    to: 'hub',
    operation: 'eRoamingPushEvseData',
    durationMs: 1,
    sessionId,
    request: { text, bytes: size, truncated: false },
  })
}

test('the traffic ring buffer keeps the newest exchanges within its count and byte limits', () => {
  const byCount = new Traffic({ count: 5, bytes: 1e9 })
  for (let i = 0; i < 12; i++) byCount.add(sample(i))
  assert.is(byCount.size, 5)
  assert.equal(
    byCount.recent(10).map((x) => x.id),
    [12, 11, 10, 9, 8],
  )
  assert.is(byCount.get(7), undefined, 'dropped')
  assert.is(byCount.get(9)?.id, 9)

  const byBytes = new Traffic({ count: 1000, bytes: 100_000 })
  for (let i = 0; i < 50; i++) byBytes.add(sample(i, 10_000))
  assert.ok(byBytes.bytes <= 100_000, `${byBytes.bytes} bytes held`)
  assert.ok(byBytes.size >= 3 && byBytes.size < 50, `${byBytes.size} held`)
  assert.is(byBytes.recent(1)[0]!.id, 50)
})

test('timelines keep each session in the order its exchanges began, within their bounds', () => {
  const t = new Timelines({ sessions: 3, stepsPerSession: 4, bytes: 1e9 })
  const traffic = new Traffic()
  const add = (x: ExchangeDetail) => t.add(traffic.add(x))
  add(sample(20, 10, 'a'))
  add(sample(10, 10, 'a')) // began first, finished later (a forward inside a request)
  assert.equal(
    t.of('a')!.steps.map((s) => s.exchange.at),
    [10, 20],
  )
  for (let i = 0; i < 6; i++) add(sample(30 + i, 10, 'a'))
  assert.is(t.of('a')!.steps.length, 4)
  assert.ok(t.of('a')!.cut)
  for (const id of ['b', 'c', 'd']) add(sample(100, 10, id))
  assert.is(t.size, 3)
  assert.is(t.of('a'), undefined, 'the least recently changed session went first')
  assert.is(add(sample(1, 10)), undefined, 'no session, not filed')

  const small = new Timelines({ sessions: 100, stepsPerSession: 100, bytes: 50_000 })
  for (let i = 0; i < 40; i++) small.add(traffic.add(sample(i, 5_000, `s${i}`)))
  assert.ok(small.bytes <= 50_000)
  assert.ok(small.of('s39'))
})

/** A count by hand of what a box and filter select. */
function byHand(c: Columns, box: Box, f: Filter): number[] {
  const ids: number[] = []
  for (let i = 0; i < c.end; i++) {
    const s = c.status[i]!
    if (s === ABSENT || !((f.statusMask >> s) & 1) || (f.operator >= 0 && c.operator[i] !== f.operator)) continue
    if (c.x[i]! >= box.x0 && c.x[i]! <= box.x1 && c.y[i]! >= box.y0 && c.y[i]! <= box.y1) ids.push(i)
  }
  return ids
}

test('bins and points of a box agree with a count by hand, per status, under every filter', () => {
  const c = new Columns()
  let seed = 7
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
  for (let id = 1; id <= 20_000; id++)
    c.set(
      id * 2,
      40 + random() * 20,
      -5 + random() * 30,
      Math.floor(random() * STATUSES.length),
      Math.floor(random() * 3),
    )
  for (let id = 2; id <= 400; id += 4) c.remove(id)
  const boxes: Box[] = [
    { x0: 0, y0: 0, x1: 1, y1: 1 },
    { x0: worldX(0), y0: worldY(55), x1: worldX(10), y1: worldY(45) },
    { x0: worldX(3), y0: worldY(50.2), x1: worldX(3.3), y1: worldY(50) },
  ]
  const filters: Filter[] = [
    { statusMask: ALL_STATUSES, operator: -1 },
    { statusMask: 0b101, operator: -1 },
    { statusMask: ALL_STATUSES, operator: 2 },
    { statusMask: 0, operator: -1 },
  ]
  for (const box of boxes)
    for (const f of filters) {
      const expected = byHand(c, box, f)
      const a = binned(c, box, f, 1 / 512, 100)
      assert.is(a.total, expected.length)
      if (expected.length <= 100) {
        assert.equal(
          a.points!.map((p) => p[0]).sort((x, y) => x - y),
          expected,
        )
        for (const [id, , , status, operator] of a.points!)
          assert.equal([status, operator], [c.status[id], c.operator[id]])
      } else {
        assert.is(
          a.bins!.reduce((n, b) => n + b[2], 0),
          expected.length,
        )
        for (let s = 0; s < STATUSES.length; s++)
          assert.is(
            a.bins!.reduce((n, b) => n + b[3 + s]!, 0),
            expected.filter((i) => c.status[i] === s).length,
          )
        for (const b of a.bins!)
          assert.ok(
            b[0] >= box.x0 && b[0] <= box.x1 && b[1] >= box.y0 && b[1] <= box.y1,
            'a cell sits at the mean of its EVSEs',
          )
      }
      const first = firstIn(c, box, f, 10)
      assert.is(first.total, expected.length)
      assert.equal(first.ids, expected.slice(0, 10))
    }
  // A tiny cell over the whole world is coarsened to a bounded grid, and counts stay right.
  const coarse = binned(c, boxes[0]!, filters[0]!, 1 / 2 ** 20, 10)
  assert.ok(coarse.cell > 1 / 2 ** 20)
  assert.is(coarse.total, byHand(c, boxes[0]!, filters[0]!).length)
})

test("the page merges cells whose rings would overlap, keeping every EVSE's count and status", () => {
  const zoom = 5
  const w = 256 * 2 ** zoom
  const at = (px: number, py: number, total: number, available: number): Bin => [
    px / w,
    py / w,
    total,
    available,
    0,
    total - available,
    0,
    0,
    0,
    0,
  ]
  const bins = [
    at(100, 100, 500, 100),
    at(110, 104, 20, 20),
    at(300, 100, 7, 0),
    at(100, 400, 1, 1),
    at(104, 398, 3000, 0),
  ]
  const merged = mergeOverlapping(bins, zoom)
  assert.is(merged.length, 3)
  for (let i = 2; i < bins[0]!.length; i++)
    assert.is(
      merged.reduce((n, b) => n + (b[i] as number), 0),
      bins.reduce((n, b) => n + (b[i] as number), 0),
    )
  assert.equal(
    merged.map((b) => b[2]).sort((a, b) => a - b),
    [7, 520, 3001],
  )
  const big = merged.find((b) => b[2] === 3001)!
  assert.equal([big[0], big[1]], [104 / w, 398 / w], "at the larger cell's place")
  assert.equal(bins[0]![2], 500, 'the answer itself is left as it was')
})

const api = async <T>(hub: RunningHub, path: string, init?: RequestInit): Promise<T> => {
  const res = await fetch(`${hub.webUrl}api/${path}`, init)
  assert.is(res.status, 200, `${path}: ${res.status}`)
  return (await res.json()) as T
}

async function push(hub: RunningHub, operator: string, action: string, records: unknown[]): Promise<unknown> {
  const res = await fetch(`${hub.url}/evsepush/v23/operators/${encodeURIComponent(operator)}/data-records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ActionType: action,
      OperatorEvseData: { OperatorID: operator, OperatorName: `Operator ${operator}`, EvseDataRecord: records },
    }),
  })
  return res.json()
}

async function pushStatus(
  hub: RunningHub,
  operator: string,
  action: string,
  records: Array<{ EvseID: string; EvseStatus: string }>,
): Promise<unknown> {
  const res = await fetch(`${hub.url}/evsepush/v21/operators/${encodeURIComponent(operator)}/status-records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ActionType: action,
      OperatorEvseStatus: { OperatorID: operator, EvseStatusRecord: records },
    }),
  })
  return res.json()
}

/** The map's columns caught up with the last commit. */
async function settled(hub: RunningHub): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const o = await api<Overview>(hub, 'overview')
    if (o.ready) break
    await new Promise((r) => setTimeout(r, 10))
  }
  await new Promise((r) => setTimeout(r, 150))
}

const WORLD = 'box=0,0,1,1&cell=0.001'

test('the map and list follow pushes: data, status, fullLoad and delete', async () => {
  const hub = await startHub({ web: {} })
  try {
    assert.match(hub.webUrl!, /^http:\/\/127\.0\.0\.1:\d+\/_hub\/$/)
    assert.is((await api<MapAnswer>(hub, `map?${WORLD}`)).total, 0)
    const a = Array.from({ length: 6 }, (_, n) => evse(n, { operator: 'DE*ABC', lat: 52 + n / 10, lon: 13 }))
    const b = Array.from({ length: 3 }, (_, n) => evse(n, { operator: 'DE*XYZ', lat: 48, lon: 11 + n / 10 }))
    assert.equal(await push(hub, 'DE*ABC', 'fullLoad', a), { Result: true, StatusCode: { Code: '000' } })
    await push(hub, 'DE*XYZ', 'fullLoad', b)
    await pushStatus(hub, 'DE*ABC', 'fullLoad', [
      { EvseID: a[0]!.EvseID, EvseStatus: 'Occupied' },
      { EvseID: a[1]!.EvseID, EvseStatus: 'Available' },
    ])
    await settled(hub)
    const o = await api<Overview>(hub, 'overview')
    assert.is(o.mapped, 9)
    assert.equal(
      o.operators.map((x) => [x.operatorId, x.count]),
      [
        ['DE*ABC', 6],
        ['DE*XYZ', 3],
      ],
    )
    assert.ok(o.bounds![0] <= worldX(11) && o.bounds![2] >= worldX(13))
    const all = await api<MapAnswer>(hub, `map?${WORLD}`)
    assert.is(all.total, 9)
    const occupied = all.points!.filter((p) => STATUSES[p[3]] === 'Occupied')
    assert.is(occupied.length, 1)
    const detail = await api<EvseDetail>(hub, `evses/${occupied[0]![0]}`)
    assert.is(detail.evseId, a[0]!.EvseID)
    assert.is(detail.operatorName, 'Operator DE*ABC')
    assert.is(detail.lat, 52)

    const abc = o.operators.find((x) => x.operatorId === 'DE*ABC')!.index
    const onlyAvailable = 1 << STATUSES.indexOf('Available')
    assert.is((await api<MapAnswer>(hub, `map?${WORLD}&operator=${abc}`)).total, 6)
    assert.is((await api<MapAnswer>(hub, `map?${WORLD}&status=${onlyAvailable}`)).total, 1)
    const list = await api<EvseList>(hub, `evses?box=0,0,1,1&operator=${abc}`)
    assert.equal(
      list.items.map((i) => i.evseId),
      a.map((r) => r.EvseID),
    )
    assert.is(list.items[0]!.status, 'Occupied')
    assert.is(list.items[2]!.status, 'none')
    assert.is(list.items[0]!.city, 'Berlin')

    // A status change, a fullLoad that leaves two out, and a delete.
    await pushStatus(hub, 'DE*ABC', 'update', [{ EvseID: a[0]!.EvseID, EvseStatus: 'Available' }])
    await push(hub, 'DE*ABC', 'fullLoad', a.slice(0, 4))
    await push(hub, 'DE*XYZ', 'delete', [b[0]])
    await settled(hub)
    assert.is((await api<MapAnswer>(hub, `map?${WORLD}&status=${onlyAvailable}`)).total, 2)
    assert.is((await api<MapAnswer>(hub, `map?${WORLD}`)).total, 6)
    assert.is((await api<EvseList>(hub, `evses?box=0,0,1,1`)).total, 6)
    const gone = await fetch(`${hub.webUrl}api/evses/${occupied[0]![0] + 5}`)
    assert.is(gone.status, 404)
  } finally {
    await hub.close()
  }
})

test('live traffic: a refused push with its error pointer, partners and versions, bodies cut at the cap', async () => {
  const hub = await startHub({ web: {} })
  try {
    const bad = await pushStatus(hub, 'DE*ABC', 'fullLoad', [
      { EvseID: 42 as unknown as string, EvseStatus: 'Available' },
    ])
    assert.is((bad as { StatusCode: { Code: string } }).StatusCode.Code, '022')
    await push(hub, 'DE*ABC', 'fullLoad', [evse(1)])
    const big = Array.from({ length: 200 }, (_, n) => evse(n))
    await push(hub, 'DE*ABC', 'fullLoad', big)
    const list = await api<ExchangeSummary[]>(hub, 'traffic')
    assert.is(list.length, 3)
    const [large, good, refused] = list
    assert.is(refused!.operation, 'eRoamingPushEvseStatus')
    assert.is(refused!.serviceVersion, '2.1')
    assert.is(refused!.from, 'DE*ABC')
    assert.is(refused!.status, 400)
    assert.is(refused!.result, false)
    const pointer = '/OperatorEvseStatus/EvseStatusRecord/0/EvseID'
    assert.ok(
      refused!.issues.some((i) => i.severity === 'error' && i.where === 'request' && i.pointer === pointer),
      JSON.stringify(refused!.issues),
    )
    assert.is(good!.operation, 'eRoamingPushEvseData')
    assert.is(good!.serviceVersion, '2.3')
    assert.equal([good!.status, good!.result, good!.code, good!.issues.length], [200, true, '000', 0])
    const whole = await api<ExchangeDetail>(hub, `traffic/${refused!.id}`)
    assert.is(JSON.parse(whole.request!.text).OperatorEvseStatus.EvseStatusRecord[0].EvseID, 42)
    assert.is(JSON.parse(whole.answer!.text).StatusCode.Code, '022')
    const cut = await api<ExchangeDetail>(hub, `traffic/${large!.id}`)
    assert.ok(cut.request!.truncated)
    assert.is(cut.request!.text.length, 64 * 1024)
    assert.ok(cut.request!.bytes > 64 * 1024)
    assert.is((await fetch(`${hub.webUrl}api/traffic/999`)).status, 404)
  } finally {
    await hub.close()
  }
})

/** The events of an SSE stream, until `done` says so. */
function readEvents(
  url: string,
  done: (events: Array<{ event: string; data: any }>) => boolean,
): Promise<Array<{ event: string; data: any }>> {
  return new Promise((resolve, reject) => {
    const events: Array<{ event: string; data: any }> = []
    const req = get(url, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk
        let end
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end)
          text = text.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (event && data) events.push({ event, data: JSON.parse(data) })
        }
        if (done(events)) {
          req.destroy()
          resolve(events)
        }
      })
    })
    req.on('error', reject)
    setTimeout(
      () => (req.destroy(), reject(new Error(`no such events in time: ${JSON.stringify(events)}`))),
      5000,
    ).unref()
  })
}

test('the event stream sends exchanges, map changes and sessions as they happen', async () => {
  const hub = await startHub({ web: {} })
  try {
    const events = readEvents(
      `${hub.webUrl}api/events`,
      (e) => e.some((x) => x.event === 'exchanges') && e.some((x) => x.event === 'evses'),
    )
    await new Promise((r) => setTimeout(r, 100))
    await push(hub, 'DE*ABC', 'fullLoad', [evse(1), evse(2)])
    const got = await events
    const exchanges = got.filter((e) => e.event === 'exchanges').flatMap((e) => e.data as ExchangeSummary[])
    assert.ok(exchanges.some((x) => x.operation === 'eRoamingPushEvseData' && x.code === '000'))
    assert.ok(
      exchanges.every((x) => !('request' in x)),
      'summaries only: bodies are fetched one by one',
    )
    assert.is(got.find((e) => e.event === 'evses')!.data.mapped, 2)
  } finally {
    await hub.close()
  }
})

test('the listener answers GET only, only to this machine, and refuses bad queries', async () => {
  const hub = await startHub({ web: {} })
  try {
    const port = new URL(hub.webUrl!).port
    const asked = (host: string) =>
      new Promise<number>((resolve, reject) =>
        get(
          { host: '127.0.0.1', port, path: '/_hub/api/overview', headers: { host } },
          (res) => (res.resume(), resolve(res.statusCode!)),
        ).on('error', reject),
      )
    assert.is(await asked(`127.0.0.1:${port}`), 200)
    assert.is(await asked(`localhost:${port}`), 200)
    assert.is(await asked(`attacker.example:${port}`), 403)
    assert.is((await fetch(`${hub.webUrl}api/overview`, { method: 'POST' })).status, 405)
    assert.is((await fetch(`${hub.webUrl}api/map?box=0,0,1&cell=0.1`)).status, 400)
    assert.is((await fetch(`${hub.webUrl}api/map?cell=0`)).status, 400)
    assert.is((await fetch(`${hub.webUrl}api/nothing`)).status, 404)
    const root = await fetch(`${hub.webUrl!.replace('/_hub/', '/')}`, { redirect: 'manual' })
    assert.is(root.status, 302)
    assert.is(root.headers.get('location'), '/_hub/')
  } finally {
    await hub.close()
  }
})

test('a default web port that is taken gives way to a free one; a chosen one does not', async () => {
  const taken = createServer().listen(0, '127.0.0.1')
  await once(taken, 'listening')
  const port = (taken.address() as AddressInfo).port
  try {
    const hub = await startHub({ web: { port, anyPortIfBusy: true } })
    assert.is.not(new URL(hub.webUrl!).port, String(port))
    await hub.close()
    try {
      await startHub({ web: { port } })
      assert.unreachable('started on a port in use')
    } catch (e) {
      assert.is((e as Error).name, 'WebViewError')
      assert.match((e as Error).message, `port ${port} on 127.0.0.1 is in use`)
    }
  } finally {
    taken.close()
  }
})

test('the page as npm run build writes it: a folder of static files the view serves', async () => {
  const out = join(dir, 'hub-web')
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'packages/hub-web.ts', '--out', out], {
    encoding: 'utf8',
  })
  assert.is(built.status, 0, built.stderr)
  assert.match(built.stdout, 'app.js')
  assert.equal(readdirSync(out).sort(), [
    'app.css',
    'app.js',
    'countries-110m.json',
    'countries-50m.json',
    'index.html',
  ])
  const hub = await startHub({ web: { assets: out } })
  try {
    const page = await fetch(hub.webUrl!)
    assert.is(page.headers.get('content-type'), 'text/html; charset=utf-8')
    assert.equal(
      Buffer.from(await (await fetch(`${hub.webUrl}app.js`)).arrayBuffer()),
      readFileSync(join(out, 'app.js')),
    )
    assert.is((await fetch(`${hub.webUrl}nothing.js`)).status, 404)
    assert.is((await fetch(`${hub.webUrl}..%2Fpackage.json`)).status, 404)
  } finally {
    await hub.close()
  }
})

test('a hub without the view does not load its code; startHub imports it only when asked', () => {
  const source =
    readFileSync(new URL('../hub/hub.ts', import.meta.url), 'utf8') +
    readFileSync(new URL('../hub/index.ts', import.meta.url), 'utf8')
  const imports = [...source.matchAll(/^import (type )?.*from '(\.\/web\/[^']+)'/gm)]
  assert.ok(imports.length > 0)
  for (const m of imports) assert.ok(m[1], `static import of ${m[2]} must be type-only`)
  assert.match(source, "await import('./web/index.js')")
})

test('oicp hub announces the view, serves the page, and leaves it out with --no-web', async () => {
  const hub = await spawnHub([])
  try {
    const deadline = Date.now() + 10_000
    while (!/web view on (\S+)/.test(hub.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    const url = /web view on (\S+)/.exec(hub.output())![1]!
    const page = await fetch(url)
    assert.is(page.status, 200)
    assert.match(await page.text(), '<script type="module" src="app.js"></script>')
    const script = await fetch(`${url}app.js`)
    assert.is(script.headers.get('content-type'), 'text/javascript; charset=utf-8')
    assert.ok((await script.arrayBuffer()).byteLength > 10_000)
    assert.is((await fetch(`${url}countries-110m.json`)).status, 200)
  } finally {
    await hub.stop()
  }
  const plain = await spawnHub(['--no-web'])
  try {
    await new Promise((r) => setTimeout(r, 200))
    assert.not.match(plain.output(), 'web view')
  } finally {
    await plain.stop()
  }
})

test('a web port in use, or a wrong web: key in the config, is one line', async () => {
  const taken = createServer().listen(0, '127.0.0.1')
  await once(taken, 'listening')
  const port = (taken.address() as AddressInfo).port
  try {
    const r = await oicpChild(['hub', '--port', '0', '--web-port', String(port), '--quiet'])
    assert.is(r.code, 1, r.stderr)
    assert.is(
      r.stderr,
      `oicp hub: web view: port ${port} on 127.0.0.1 is in use; choose another with --web-port, or --no-web\n`,
    )
  } finally {
    taken.close()
  }
  const file = join(dir, 'hub.yaml')
  writeFileSync(file, 'partners: []\nweb:\n  port: 8081\n  hots: 0.0.0.0\n')
  const bad = await oicp('hub', '--config', file)
  assert.is(bad.code, 2)
  assert.match(bad.stderr, `${file}:4: web: unknown key "hots"`)
  assert.match(bad.stderr, 'host')
  const both = await oicp('hub', '--web-port', '9000', '--no-web')
  assert.is(both.code, 2)
  assert.match(both.stderr, '--web-port and --no-web exclude each other')
})

test.run()
