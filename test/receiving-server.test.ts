// What a server keeps of a request: a bad optional member is removed before the handler
// sees the request, the handler's context and the validation hook get the warning; a bad
// mandatory member is still a 400 reported as rejected.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { cpoRoutes } from '../generated/oicp-2.3/index.js'
import { createServerCore, mount, type ValidationReport } from '../runtime/index.js'
import { cpoHandlers, Record, remoteStart, REMOTE_START } from './support/server-fixtures.js'
import { send, start, type Running } from './support/server-harness.js'

const record = new Record()
const reports: ValidationReport[] = []
let server: Running

test.before(async () => {
  const core = createServerCore(mount(cpoRoutes, cpoHandlers(record)), { onValidationError: (r) => reports.push(r) })
  server = await start('node', core)
})
test.after(() => server?.close())
test.before.each(() => {
  record.clear()
  reports.length = 0
})

test('a bad optional member is removed before the handler; the context and the validation hook hear of it', async () => {
  const body = { ...remoteStart(), CPOPartnerSessionID: 'x'.repeat(251), PartnerProductID: 'AC1' }
  const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(body) })
  assert.is(r.status, 200, r.text)
  assert.is(record.calls.length, 1)
  const { CPOPartnerSessionID: _, ...kept } = body
  assert.equal(record.calls[0]!.request, kept)
  const warnings = record.calls[0]!.context.warnings.map((w) => [
    w.path,
    w.keyword,
    w.causes?.map((c) => `${c.path} ${c.keyword}`),
  ])
  assert.equal(warnings, [['/CPOPartnerSessionID', 'removed', ['/CPOPartnerSessionID maxLength']]])
  assert.equal(
    reports.map((x) => [x.direction, x.outcome, x.message, x.errors, x.warnings.map((w) => w.path)]),
    [['request', 'accepted', 'eRoamingAuthorizeRemoteStart', [], ['/CPOPartnerSessionID']]],
  )
})

test('a bad mandatory member is still a 400, reported as rejected; the handler is not called', async () => {
  const body = { ...remoteStart(), EvseID: 'not an EvseID', CPOPartnerSessionID: 'x'.repeat(251) }
  const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(body) })
  assert.is(r.status, 400)
  assert.is(record.calls.length, 0)
  assert.equal(
    reports.map((x) => [x.direction, x.outcome, x.errors.map((e) => e.path)]),
    [['request', 'rejected', ['/CPOPartnerSessionID', '/EvseID']]],
  )
})

test('a valid request reports nothing', async () => {
  const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()) })
  assert.is(r.status, 200, r.text)
  assert.equal(reports, [])
})

test.run()
