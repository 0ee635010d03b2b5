// What a CPO or EMP sees when things go wrong, against a real mTLS hub: OICP refusals as
// OicpError with code, description and additional info; HTTP failures and broken answers
// as their own errors; invalid requests refused before a single byte is sent; and the
// hooks that report each attempt.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  OicpError,
  OicpHttpError,
  OicpResponseError,
  OicpValidationError,
  type AttemptEvent,
  type ErrorEvent,
  type ResponseEvent,
} from '../runtime/index.js'
import { cpoFor, empFor, sample, statusPush } from './support/client-fixtures.js'
import { caught } from './support/caught.js'
import { ACK, TestHub } from './support/client-hub.js'

const hub = TestHub.forSuite(test)

test('Result: false becomes an OicpError with code, description and additional info', async () => {
  hub.handler = () => ({
    body: {
      Result: false,
      StatusCode: { Code: '018', Description: 'EvseID is inconsistent', AdditionalInfo: 'DE*XYZ*E1 is not yours' },
    },
  })
  const cpo = cpoFor(hub)
  try {
    const e = await caught(cpo.pushEvseStatus(statusPush(1)))
    assert.instance(e, OicpError)
    const err = e as OicpError
    assert.is(err.code, '018')
    assert.is(err.description, 'EvseID is inconsistent')
    assert.is(err.additionalInfo, 'DE*XYZ*E1 is not yours')
    assert.is(err.httpStatus, 200)
    assert.is(err.operation, 'eRoamingPushEvseStatus')
    assert.match(err.message, /018 EvseID is inconsistent/)
    assert.is(hub.requests.length, 1, 'a refusal is an answer: not repeated')
  } finally {
    await cpo.close()
  }
})

test('a StatusCode other than 000 on a page is an OicpError; NotAuthorized is an answer, not an error', async () => {
  const emp = empFor(hub)
  const cpo = cpoFor(hub)
  try {
    hub.handler = () => ({ body: { StatusCode: { Code: '001', Description: 'Hubject system error' } } })
    const e = await caught(emp.pullEvseStatus(sample('eRoamingPullEvseStatus') as never))
    assert.instance(e, OicpError)
    assert.is((e as OicpError).code, '001')

    const refused = {
      AuthorizationStatus: 'NotAuthorized',
      StatusCode: { Code: '102', Description: 'RFID Authentication failed - invalid UID' },
    }
    hub.handler = () => ({ body: refused })
    const answer = await cpo.authorizeStart(sample('eRoamingAuthorizeStart') as never)
    assert.is(answer.AuthorizationStatus, 'NotAuthorized')
    assert.is(answer.StatusCode.Code, '102')
  } finally {
    await emp.close()
    await cpo.close()
  }
})

test('an OICP refusal with an HTTP error status keeps its code; a non-OICP error body is an OicpHttpError', async () => {
  const cpo = cpoFor(hub)
  try {
    hub.handler = () => ({
      status: 400,
      body: { Result: false, StatusCode: { Code: '022', Description: 'Data error' } },
    })
    const a = await caught(cpo.authorizeStart(sample('eRoamingAuthorizeStart') as never))
    assert.instance(a, OicpError)
    assert.is((a as OicpError).code, '022')
    assert.is((a as OicpError).httpStatus, 400)

    hub.handler = () => ({ status: 404, text: 'Not Found' })
    const b = await caught(cpo.authorizeStart(sample('eRoamingAuthorizeStart') as never))
    assert.instance(b, OicpHttpError)
    assert.is((b as OicpHttpError).status, 404)
    assert.is((b as OicpHttpError).body, 'Not Found')
  } finally {
    await cpo.close()
  }
})

test('an answer that is not JSON, or not a valid response even leniently, is an OicpResponseError with pointers', async () => {
  const cpo = cpoFor(hub)
  try {
    hub.handler = () => ({ text: '<html>gateway</html>' })
    const a = await caught(cpo.pushEvseStatus(statusPush(1)))
    assert.instance(a, OicpResponseError)
    assert.match((a as Error).message, /not JSON/)

    hub.handler = () => ({ body: { Result: 'yes', StatusCode: { Code: '000' } } })
    const b = (await caught(cpo.pushEvseStatus(statusPush(2)))) as OicpResponseError
    assert.instance(b, OicpResponseError)
    assert.equal(
      b.issues.map((i) => i.path),
      ['/Result'],
    )
    assert.is(b.responseMessage, 'eRoamingAcknowledgement')
  } finally {
    await cpo.close()
  }
})

test('answers are read leniently: an EVSE status newer than 2.3 passes', async () => {
  const emp = empFor(hub)
  try {
    hub.handler = () => ({
      body: {
        EvseStatuses: {
          OperatorEvseStatus: [
            {
              OperatorID: 'DE*ABC',
              OperatorName: 'ABC',
              EvseStatusRecord: [{ EvseID: 'DE*ABC*E1', EvseStatus: 'Charging' }],
            },
          ],
        },
        StatusCode: { Code: '000' },
      },
    })
    const page = await emp.pullEvseStatus(sample('eRoamingPullEvseStatus') as never)
    assert.is(page.EvseStatuses.OperatorEvseStatus[0]!.EvseStatusRecord[0]!.EvseStatus, 'Charging')
  } finally {
    await emp.close()
  }
})

test('an invalid request is refused with JSON pointers before any byte is sent', async () => {
  const cpo = cpoFor(hub)
  try {
    const bad = statusPush(1)
    bad.OperatorEvseStatus.EvseStatusRecord[0]!.EvseID = 'not an EvseID'
    const e = (await caught(cpo.pushEvseStatus(bad))) as OicpValidationError
    assert.instance(e, OicpValidationError)
    assert.equal(
      e.errors.map((i) => i.path),
      ['/OperatorEvseStatus/EvseStatusRecord/0/EvseID'],
    )

    const noId = (await caught(cpo.authorizeStart({ OperatorID: 'DE*ABC' } as never))) as OicpValidationError
    assert.instance(noId, OicpValidationError)
    assert.ok(noId.errors.some((i) => i.path === '/Identification' && i.keyword === 'required'))

    const badPath = (await caught(cpo.pushEvseStatus(statusPush(2), { OperatorID: 'nope' }))) as OicpValidationError
    assert.instance(badPath, OicpValidationError)
    assert.match(badPath.message, /path parameter OperatorID/)

    const unset = cpoFor(hub, { operatorId: undefined })
    const missing = (await caught(unset.pushEvseStatus(statusPush(3)))) as OicpValidationError
    assert.match(missing.message, /OperatorID.*is required/)
    await unset.close()

    assert.is(hub.requests.length, 0, 'no request reached the hub')
    assert.is(hub.secureConnections, 0, 'not even a connection was opened')
    // The queue is not blocked by refused pushes.
    await cpo.pushEvseStatus(statusPush(4))
    assert.is(hub.requests.length, 1)
  } finally {
    await cpo.close()
  }
})

test('hooks report operation, URL, request id, status and duration of every attempt', async () => {
  const events: Array<[string, AttemptEvent]> = []
  const hooks = {
    onRequest: (e: AttemptEvent) => void events.push(['request', e]),
    onResponse: (e: ResponseEvent) => void events.push(['response', e]),
    onError: (e: ErrorEvent) => void events.push(['error', e]),
  }
  const cpo = cpoFor(hub, { hooks })
  try {
    await cpo.pushEvseStatus(statusPush(1), {
      requestId: 'trace-1',
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    })
    assert.equal(
      events.map(([k]) => k),
      ['request', 'response'],
    )
    const response = events[1]![1] as ResponseEvent
    assert.is(response.operation, 'eRoamingPushEvseStatus')
    assert.is(response.requestId, 'trace-1')
    assert.is(response.status, 200)
    assert.is(response.attempt, 1)
    assert.ok(response.durationMs > 0 && response.durationMs < 5000)
    assert.match(response.url, /\/api\/oicp\/evsepush\/v21\/operators\/DE\*ABC\/status-records$/)
    assert.is(hub.requests[0]!.headers['x-request-id'], 'trace-1')
    assert.is(hub.requests[0]!.headers.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')

    events.length = 0
    hub.handler = () => ({ body: { ...ACK, Result: false } })
    await caught(cpo.pushEvseStatus(statusPush(2)))
    assert.equal(
      events.map(([k]) => k),
      ['request', 'response', 'error'],
    )
    assert.instance((events[2]![1] as ErrorEvent).error, OicpError)
    assert.is((events[2]![1] as ErrorEvent).retryInMs, undefined)
    const id = events[0]![1].requestId
    assert.match(id, /^[0-9a-f-]{36}$/, 'a UUID when the caller gives none')
  } finally {
    await cpo.close()
  }
})

test('a throwing hook does not fail the call', async () => {
  const warnings: string[] = []
  const onWarning = (w: Error) => warnings.push(w.message)
  process.on('warning', onWarning)
  const cpo = cpoFor(hub, {
    hooks: {
      onResponse: () => {
        throw new Error('logger down')
      },
    },
  })
  try {
    const ack = await cpo.pushEvseStatus(statusPush(1))
    assert.is(ack.Result, true)
    await new Promise((r) => setImmediate(r))
    assert.ok(warnings.some((w) => w.includes('logger down')))
  } finally {
    process.off('warning', onWarning)
    await cpo.close()
  }
})

test.run()
