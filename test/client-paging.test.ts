// Paged pulls against a real mTLS hub that serves 47 EVSE records in Spring-style pages:
// the iterator walks every page, checks each record on its own so one bad record is
// reported (with its JSON pointer) and skipped while the other 46 arrive, passes size and
// sort, and stops at the last page. The LastCall watermark turns the next pull into a delta.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { PullEvseDataRecord } from '../generated/oicp-2.3/index.js'
import {
  eachRecord,
  fileWatermarkStore,
  LastCallWatermark,
  memoryWatermarkStore,
  OicpResponseError,
  type InvalidRecord,
  type Page,
} from '../runtime/index.js'
import { empFor, sample } from './support/client-fixtures.js'
import { pagedReply, TestHub, type Seen } from './support/client-hub.js'

const TOTAL = 47
const BAD = 23

/** 47 distinct valid EVSE records, the 24th with a broken EvseID. */
function records(): unknown[] {
  const base = sample('eRoamingEvseData').content as Array<Record<string, unknown>>
  return Array.from({ length: TOTAL }, (_, i) => ({ ...base[0], EvseID: i === BAD ? 'broken' : `DE*ABC*E${1000 + i}` }))
}

/** Answers ?page=&size= with a slice of the records, as Hubject's Spring pages do. */
function pagedHub(all: unknown[]) {
  return (seen: Seen) => pagedReply(all, seen)
}

const hub = TestHub.forSuite(test)

const pull = () => ({ ProviderID: 'DE*8EO', GeoCoordinatesResponseFormat: 'Google' as const })

test('47 records over pages of 10: 5 pages, 46 records delivered, the bad one reported with its pointer', async () => {
  hub.handler = pagedHub(records())
  const emp = empFor(hub)
  try {
    const pages: Array<Page<PullEvseDataRecord>> = []
    for await (const page of emp.pullEvseDataPages(pull(), { size: 10, sort: 'EvseID,asc' })) pages.push(page)
    assert.equal(
      pages.map((p) => p.number),
      [0, 1, 2, 3, 4],
    )
    assert.equal(
      pages.map((p) => p.records.length + p.invalid.length),
      [10, 10, 10, 10, 7],
    )
    assert.equal(
      hub.requests.map((r) => [r.query.get('page'), r.query.get('size'), r.query.get('sort')]),
      [0, 1, 2, 3, 4].map((n) => [String(n), '10', 'EvseID,asc']),
    )
    const bad = pages.flatMap((p) => p.invalid)
    assert.is(bad.length, 1)
    assert.is(bad[0]!.pointer, '/content/3')
    assert.equal(
      bad[0]!.errors.map((e) => e.path),
      ['/content/3/EvseID'],
    )
    assert.is((bad[0]!.record as { EvseID: string }).EvseID, 'broken')
    const ids = pages.flatMap((p) => p.records.map((r) => r.EvseID))
    assert.is(ids.length, 46)
    assert.equal(
      ids,
      records()
        .map((r) => (r as { EvseID: string }).EvseID)
        .filter((id) => id !== 'broken'),
    )
    assert.ok(pages[4]!.last && pages[0]!.first)
  } finally {
    await emp.close()
  }
})

test('eachRecord flattens the pages and reports the skipped record with its page', async () => {
  hub.handler = pagedHub(records())
  const emp = empFor(hub)
  try {
    const reported: Array<InvalidRecord & { page: number }> = []
    let count = 0
    for await (const record of eachRecord(emp.pullEvseDataPages(pull(), { size: 10 }), (bad) => reported.push(bad))) {
      assert.type(record.EvseID, 'string')
      count++
    }
    assert.is(count, 46)
    assert.equal(
      reported.map((r) => [r.page, r.index]),
      [[2, 3]],
    )
  } finally {
    await emp.close()
  }
})

test('charge detail records page the same way', async () => {
  const cdr = sample('eRoamingChargeDetailRecord')
  hub.handler = pagedHub(
    Array.from({ length: 5 }, (_, i) => ({ ...cdr, SessionID: `b2688855-7f00-0002-6d8e-48d883f6abb${i}` })),
  )
  const emp = empFor(hub)
  try {
    const sessions: string[] = []
    for await (const page of emp.getChargeDetailRecordsPages(sample('eRoamingGetChargeDetailRecords') as never, {
      size: 2,
    }))
      sessions.push(...page.records.map((r) => r.SessionID))
    assert.is(sessions.length, 5)
    assert.is(hub.requests.length, 3)
  } finally {
    await emp.close()
  }
})

test('a broken page envelope fails the pull; a hub that never says last is stopped by maxPages', async () => {
  const emp = empFor(hub)
  try {
    hub.handler = () => ({ body: { content: 'nope', StatusCode: { Code: '000' } } })
    const e = await (async () => {
      for await (const _ of emp.pullEvseDataPages(pull())) assert.unreachable('no page expected')
    })().then(
      () => undefined,
      (err: unknown) => err,
    )
    assert.instance(e, OicpResponseError)
    assert.equal(
      (e as OicpResponseError).issues.map((i) => i.path),
      ['/content'],
    )

    const endless = pagedHub(records())
    hub.handler = (seen) => {
      const reply = endless(seen)
      return { body: { ...reply.body, number: Number(seen.query.get('page')), last: false, totalPages: 1_000_000 } }
    }
    hub.requests.length = 0
    const stopped = await (async () => {
      for await (const _ of emp.pullEvseDataPages(pull(), { size: 10, maxPages: 3 })) continue
    })().then(
      () => undefined,
      (err: unknown) => err,
    )
    assert.match(String(stopped), /stopped after 3 pages/)
    assert.is(hub.requests.length, 3)
  } finally {
    await emp.close()
  }
})

test('LastCall watermark: the first pull is full, the next asks for changes since the first began', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-watermark-'))
  hub.handler = pagedHub(records().slice(0, 3))
  const emp = empFor(hub)
  try {
    let now = new Date('2024-05-01T10:00:00Z')
    const watermark = new LastCallWatermark(fileWatermarkStore(join(dir, 'evse-data.lastcall')), { now: () => now })
    const first = await watermark.begin()
    assert.equal(first.filter, {})
    for await (const _ of emp.pullEvseDataPages({ ...pull(), ...first.filter })) continue
    await first.commit()

    now = new Date('2024-05-02T10:00:00Z')
    const again = new LastCallWatermark(fileWatermarkStore(join(dir, 'evse-data.lastcall')), { now: () => now })
    const second = await again.begin()
    assert.equal(
      second.filter,
      { LastCall: '2024-05-01T09:59:00.000Z' },
      'the start of the first pull, less the overlap',
    )
    for await (const _ of emp.pullEvseDataPages({ ...pull(), ...second.filter })) continue
    assert.is((hub.requests.at(-1)!.body as { LastCall?: string }).LastCall, '2024-05-01T09:59:00.000Z')

    const uncommitted = new LastCallWatermark(memoryWatermarkStore('2024-01-01T00:00:00Z'))
    await uncommitted.begin()
    assert.is(await uncommitted.current(), '2024-01-01T00:00:00Z', 'nothing moves without commit')
  } finally {
    await emp.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
