// What the generated clients keep of an answer, through a real mTLS stand-in hub: the
// AuthorizeStart answer as Hubject documents it is Authorized (its broken optional stop
// identifications removed, reported to onWarnings); a bad CDR on a page is reported and
// skipped the same way by the single-page pull and the page-by-page walk; `answers:
// 'strict'` turns both into OicpResponseError.
import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { OicpResponseError, type WarningsEvent } from '../runtime/index.js'
import { cpoFor, empFor, sample } from './support/client-fixtures.js'
import { pagedReply, TestHub, type Seen } from './support/client-hub.js'
import type { Snippet } from './support/extract-snippets.js'

const snippets = JSON.parse(readFileSync('test/fixtures/snippets-2.3.json', 'utf8')) as Snippet[]
const authorizationStart = () =>
  JSON.parse(snippets.find((s) => s.source === 'cpo/06_CPO_Code_Snippets.asciidoc:281')!.text) as Record<
    string,
    unknown
  >

let hub: TestHub
test.before(async () => {
  hub = await TestHub.start()
})
test.after(() => hub.close())
test.before.each(() => hub.reset())

const start = () => ({
  OperatorID: 'DE*ABC',
  EvseID: 'DE*ABC*E0001',
  Identification: { RFIDMifareFamilyIdentification: { UID: '1234ABCD' } },
})

const summary = (events: WarningsEvent[]) =>
  events.map((e) => [e.operation, e.message, e.warnings.map((w) => [w.path, w.keyword])])

test("AuthorizeStart: Hubject's example answer is Authorized, the broken stop identifications reported to onWarnings", async () => {
  hub.handler = () => ({ body: authorizationStart() })
  const heard: WarningsEvent[] = []
  const cpo = cpoFor(hub, { hooks: { onWarnings: (e) => heard.push(e) } })
  try {
    const answer = await cpo.authorizeStart(start())
    assert.is(answer.AuthorizationStatus, 'Authorized')
    assert.is(answer.SessionID, 'f98efba4-02d8-4fa0-b810-9a9d50d2c527')
    assert.is(answer.AuthorizationStopIdentifications, undefined)
    assert.equal(summary(heard), [
      ['eRoamingAuthorizeStart', 'eRoamingAuthorizationStart', [['/AuthorizationStopIdentifications', 'removed']]],
    ])
    assert.is(heard[0]!.requestId, hub.requests[0]!.headers['x-request-id'])
    assert.ok(
      heard[0]!.warnings[0]!.causes!.some(
        (c) => c.path === '/AuthorizationStopIdentifications/0' && c.keyword === 'exactlyOne',
      ),
    )
  } finally {
    await cpo.close()
  }
})

test("answers: 'strict' refuses the same answer; an invalid mandatory member fails in lenient mode too", async () => {
  hub.handler = () => ({ body: authorizationStart() })
  const strict = cpoFor(hub, { answers: 'strict' })
  const lenient = cpoFor(hub)
  try {
    const e = await strict.authorizeStart(start()).catch((x: unknown) => x)
    assert.instance(e, OicpResponseError)
    assert.ok((e as OicpResponseError).issues.some((i) => i.path === '/AuthorizationStopIdentifications/0'))
    hub.handler = () => ({ body: { ...authorizationStart(), StatusCode: 'ok' } })
    const bad = await lenient.authorizeStart(start()).catch((x: unknown) => x)
    assert.instance(bad, OicpResponseError)
    assert.ok((bad as OicpResponseError).issues.some((i) => i.path === '/StatusCode' && i.keyword === 'type'))
  } finally {
    await Promise.all([strict.close(), lenient.close()])
  }
})

/** Three CDRs, the middle one with a SessionID that is not one; one page or pages of two. */
function cdrHub(seen: Seen) {
  const cdr = sample('eRoamingChargeDetailRecord')
  const all = [0, 1, 2].map((i) => ({
    ...cdr,
    SessionID: i === 1 ? 'string' : `b2688855-7f00-0002-6d8e-48d883f6abb${i}`,
  }))
  return pagedReply(all, seen)
}

test('a bad CDR is reported and skipped by getChargeDetailRecords and getChargeDetailRecordsPages alike', async () => {
  hub.handler = cdrHub
  const single: WarningsEvent[] = []
  const walked: WarningsEvent[] = []
  const request = sample('eRoamingGetChargeDetailRecords') as never
  const emp = empFor(hub, { hooks: { onWarnings: (e) => single.push(e) } })
  const walker = empFor(hub, { hooks: { onWarnings: (e) => walked.push(e) } })
  try {
    const one = await emp.getChargeDetailRecords(request, { size: 20 })
    assert.equal(
      one.content.map((c) => c.SessionID),
      ['b2688855-7f00-0002-6d8e-48d883f6abb0', 'b2688855-7f00-0002-6d8e-48d883f6abb2'],
    )
    assert.is(one.totalElements, 3, 'the envelope is kept as sent')
    assert.equal(summary(single), [
      ['eRoamingGetChargeDetailRecords', 'eRoamingChargeDetailRecords', [['/content/1', 'removed']]],
    ])
    assert.equal(
      single[0]!.warnings[0]!.causes!.map((c) => c.path),
      ['/content/1/SessionID'],
    )

    const sessions: string[] = []
    const invalid: string[] = []
    for await (const page of walker.getChargeDetailRecordsPages(request, { size: 20 })) {
      sessions.push(...page.records.map((r) => r.SessionID))
      invalid.push(...page.invalid.map((r) => r.pointer))
    }
    assert.equal(
      sessions,
      one.content.map((c) => c.SessionID),
    )
    assert.equal(invalid, ['/content/1'])
    assert.equal(
      walked.map((e) => e.warnings),
      single.map((e) => e.warnings),
      'the same warnings either way',
    )
  } finally {
    await Promise.all([emp.close(), walker.close()])
  }
})

test("answers: 'strict' fails both pull styles on the bad CDR", async () => {
  hub.handler = cdrHub
  const emp = empFor(hub, { answers: 'strict' })
  const request = sample('eRoamingGetChargeDetailRecords') as never
  try {
    const single = await emp.getChargeDetailRecords(request).catch((x: unknown) => x)
    const walked = await (async () => {
      for await (const _ of emp.getChargeDetailRecordsPages(request)) assert.unreachable('no page expected')
    })().catch((x: unknown) => x)
    for (const e of [single, walked]) {
      assert.instance(e, OicpResponseError)
      assert.equal(
        (e as OicpResponseError).issues.map((i) => i.path),
        ['/content/1/SessionID'],
      )
    }
  } finally {
    await emp.close()
  }
})

test('an unknown answers mode is refused when the client is made', () => {
  assert.throws(() => cpoFor(hub, { answers: 'loose' as never }), /answers must be lenient, exact or strict/)
})

test.run()
