// The same behaviour through each adapter, on a real port: node:http, fastify, express, hono.
// One server per adapter carries the CPO's and the EMP's routes together.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { evseDataPush } from '../bench/payloads.js'
import { hubRoutes } from '../generated/oicp-2.3/index.js'
import { createServerCore, mount } from '../runtime/index.js'
import {
  cpoAndEmpCore,
  hubHandlers,
  isFailureAck,
  NOTIFICATIONS,
  PROVIDER,
  Record,
  remoteStart,
  REMOTE_START,
  sample,
  SECRET,
} from './support/server-fixtures.js'
import { ADAPTERS, closeClients, HEALTH, send, start, type Running } from './support/server-harness.js'

const LIMIT = 64 * 1024

for (const adapter of ADAPTERS) {
  const test = suite(`server through ${adapter}`)
  const record = new Record()
  let server: Running
  let hub: Running
  const hubRecord = new Record()
  test.before(async () => {
    server = await start(adapter, cpoAndEmpCore(record, { bodyLimit: LIMIT }))
    hub = await start(adapter, createServerCore(mount(hubRoutes, hubHandlers(hubRecord))))
  })
  test.after(async () => {
    await server.close()
    await hub.close()
  })
  test.before.each(() => record.clear())

  test('a valid request reaches the handler with typed, decoded values; its answer comes back', async () => {
    const body = remoteStart()
    const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(body) })
    assert.is(r.status, 200, r.text)
    assert.match(String(r.headers['content-type']), /^application\/json/)
    assert.equal(r.json, {
      Result: true,
      StatusCode: { Code: '000', Description: `${PROVIDER} ${body.EvseID}` },
      SessionID: body.SessionID,
    })
    assert.is(record.calls.length, 1)
    assert.equal(record.calls[0]!.request, body)
    assert.equal(record.calls[0]!.context.params, { ProviderID: PROVIDER })
    assert.is(record.calls[0]!.context.operation.name, 'eRoamingAuthorizeRemoteStart')
    assert.equal(record.validation, [])
  })

  test('a oneOf request is dispatched on Type; an unknown Type is a data error', async () => {
    const progress = sample('eRoamingChargingNotificationProgress')
    const ok = await send(server.origin + NOTIFICATIONS, { body: JSON.stringify(progress) })
    assert.is(ok.status, 200, ok.text)
    assert.is(ok.json.StatusCode.Description, 'Progress')
    const bad = await send(server.origin + NOTIFICATIONS, { body: JSON.stringify({ ...progress, Type: 'Halfway' }) })
    assert.is(bad.status, 400)
    assert.is(isFailureAck(bad.json, '022'), undefined)
    assert.match(bad.json.StatusCode.AdditionalInfo, /\/Type must be one of Start, Progress, End, Error/)
  })

  test('lenient receiving: an unknown field and a newer enumeration value pass, with warnings', async () => {
    const body = { ...remoteStart(), SomethingNew: 1, PartnerProductID: 'Standard Price' }
    const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(body) })
    assert.is(r.status, 200, r.text)
    assert.is(record.calls.length, 1)
  })

  test('invalid JSON: 400, 022, reported to the hook', async () => {
    const r = await send(server.origin + REMOTE_START, { body: '{"ProviderID": "DE*8EO",' })
    assert.is(r.status, 400)
    assert.is(isFailureAck(r.json, '022'), undefined)
    assert.match(r.json.StatusCode.Description, /not valid JSON/)
    assert.is(record.validation.length, 1)
    assert.is(record.validation[0]!.errors[0]!.keyword, 'json')
    assert.is(record.calls.length, 0)
  })

  test('an empty body and a body that is not UTF-8 are invalid JSON too', async () => {
    for (const body of ['', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]) {
      const r = await send(server.origin + REMOTE_START, { body })
      assert.is(r.status, 400)
      assert.is(isFailureAck(r.json, '022'), undefined)
    }
  })

  test('an invalid body: 400, 022 naming the field, reported to the hook; the handler is not called', async () => {
    const r = await send(server.origin + REMOTE_START, {
      body: JSON.stringify({ ...remoteStart(), EvseID: 'not an EvseID' }),
    })
    assert.is(r.status, 400)
    assert.is(isFailureAck(r.json, '022'), undefined)
    assert.match(r.json.StatusCode.AdditionalInfo, /\/EvseID/)
    assert.equal(
      record.validation.map((v) => [v.direction, v.message, v.errors.map((e) => e.path)]),
      [['request', 'eRoamingAuthorizeRemoteStart', ['/EvseID']]],
    )
    assert.is(record.calls.length, 0)
  })

  test('an over-large body: 413, 022, with and without a content-length', async () => {
    const big = JSON.stringify({ ...remoteStart(), Padding: 'x'.repeat(LIMIT) })
    const declared = await send(server.origin + REMOTE_START, { body: big })
    assert.is(declared.status, 413)
    assert.is(isFailureAck(declared.json, '022'), undefined)
    const chunked = await send(server.origin + REMOTE_START, { body: big, chunked: true }).catch((e: Error) => e)
    // Past the limit a server may also close the connection while the client still sends.
    if (!(chunked instanceof Error)) {
      assert.is(chunked.status, 413)
      assert.is(isFailureAck(chunked.json, '022'), undefined)
    }
    assert.is(record.calls.length, 0)
  })

  test('the default body limit takes a fullLoad of 5,000 EVSEs', async () => {
    hubRecord.clear()
    const push = evseDataPush(5000)
    const body = JSON.stringify(push)
    assert.ok(body.length > 5_000_000)
    const r = await send(`${hub.origin}/api/oicp/evsepush/v23/operators/${encodeURIComponent('DE*ABC')}/data-records`, {
      body,
    })
    assert.is(r.status, 200, r.text.slice(0, 300))
    assert.is((hubRecord.calls[0]!.request as typeof push).OperatorEvseData.EvseDataRecord.length, 5000)
  })

  test('an unknown path under the prefix: 404, 022', async () => {
    for (const path of [
      '/api/oicp/charging/v99/nothing',
      '/api/oicp',
      '/api/oicp/charging/v21/providers/DE*8EO/authorize-remote',
    ]) {
      const r = await send(server.origin + path, { body: '{}' })
      assert.is(r.status, 404, path)
      assert.is(isFailureAck(r.json, '022'), undefined)
    }
  })

  if (adapter !== 'node')
    test('the host app keeps its own routes', async () => {
      const r = await send(server.origin + HEALTH, { method: 'GET' })
      assert.is(r.status, 200)
      assert.equal(r.json, { ok: true })
    })

  test('a wrong method: 405, 022, Allow: POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const r = await send(server.origin + REMOTE_START, {
        method,
        body: method === 'GET' ? undefined : JSON.stringify(remoteStart()),
      })
      assert.is(r.status, 405, method)
      assert.is(r.headers.allow, 'POST')
      assert.is(isFailureAck(r.json, '022'), undefined)
    }
    assert.is(record.calls.length, 0)
  })

  test('a throwing handler: 500, 021, nothing of the error leaks; onError gets it', async () => {
    const path = `/api/oicp/reservation/v11/providers/${encodeURIComponent(PROVIDER)}/reservation-start-request`
    const r = await send(server.origin + path, {
      body: JSON.stringify(sample('eRoamingAuthorizeRemoteReservationStart')),
    })
    assert.is(r.status, 500)
    assert.is(isFailureAck(r.json, '021'), undefined)
    assert.not.match(r.text, /hunter2|secret|at /)
    assert.is((record.errors[0] as Error).message, SECRET)
  })

  test('a handler answering an invalid message: 500, 021, reported to the hook as a response failure', async () => {
    const path = `/api/oicp/reservation/v11/providers/${encodeURIComponent(PROVIDER)}/reservation-stop-request`
    const r = await send(server.origin + path, {
      body: JSON.stringify(sample('eRoamingAuthorizeRemoteReservationStop')),
    })
    assert.is(r.status, 500)
    assert.is(isFailureAck(r.json, '021'), undefined)
    assert.equal(
      record.validation.map((v) => v.direction),
      ['response'],
    )
  })

  test('a handler throwing OicpRejection answers its code with Result false', async () => {
    const path = `/api/oicp/charging/v21/providers/${encodeURIComponent(PROVIDER)}/authorize-remote/stop`
    const r = await send(server.origin + path, { body: JSON.stringify(sample('eRoamingAuthorizeRemoteStop')) })
    assert.is(r.status, 200)
    assert.equal(r.json, { Result: false, StatusCode: { Code: '400', Description: 'Session is not valid' } })
  })

  test('__proto__ and constructor keys change no prototype and do not reach the handler', async () => {
    const text = `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},${JSON.stringify(remoteStart()).slice(1, -1)},"Identification":{"__proto__":{"polluted":"yes"},"RemoteIdentification":{"EvcoID":"DE-8EO-CAet5e4XY-3"}},"EvseID":"DE*ABC*E1234","\\u005f_proto__":{"polluted":"yes"}}`
    const r = await send(server.origin + REMOTE_START, { body: text })
    assert.is(r.status, 200, r.text)
    assert.is(({} as { polluted?: string }).polluted, undefined)
    assert.is((Object.prototype as { polluted?: string }).polluted, undefined)
    const request = record.calls[0]!.request as object
    assert.is(Object.getPrototypeOf(request), Object.prototype)
    assert.not.ok(Object.hasOwn(request, '__proto__'))
    assert.not.ok(Object.hasOwn(request, 'constructor'))
    assert.not.ok(Object.hasOwn((request as { Identification: object }).Identification, '__proto__'))
  })

  test.run()
}

const done = suite('server clients')
done('close keep-alive sockets', () => closeClients())
done.run()
