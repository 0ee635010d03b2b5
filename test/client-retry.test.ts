// Retries against a fault-injecting hub (dropped connections, 503, slow answers): pulls and
// non-insert pushes are repeated with backoff until they succeed or the limit is reached;
// AuthorizeStart, ChargeDetailRecord and remote starts are never repeated, whatever fails.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { OicpHttpError, OicpNetworkError, OicpTimeoutError, type ErrorEvent } from '../runtime/index.js'
import { cpoFor, empFor, sample, statusPush } from './support/client-fixtures.js'
import { caught } from './support/caught.js'
import { ACK, TestHub, type Reply } from './support/client-hub.js'

const hub = TestHub.forSuite(test)

const DROP: Reply = { drop: true }
const UNAVAILABLE: Reply = { status: 503, text: 'Service Unavailable' }
const STATUS_PAGE = { EvseStatuses: { OperatorEvseStatus: [] }, StatusCode: { Code: '000' } }

/** Answers the scripted faults in order, then `ok`. */
function faults(list: Reply[], ok: Reply): (seen: unknown, i: number) => Reply {
  return (_seen, i) => list[i] ?? ok
}

test('a pull is repeated after a dropped connection and a 503, and succeeds', async () => {
  const errors: ErrorEvent[] = []
  const emp = empFor(hub, { hooks: { onError: (e) => void errors.push(e) } })
  try {
    hub.handler = faults([DROP, UNAVAILABLE], { body: STATUS_PAGE })
    const page = await emp.pullEvseStatus(sample('eRoamingPullEvseStatus') as never)
    assert.equal(page.StatusCode, { Code: '000' })
    assert.is(hub.requests.length, 3)
    assert.equal(
      errors.map((e) => [e.attempt, (e.error as Error).constructor.name, typeof e.retryInMs]),
      [
        [1, 'OicpNetworkError', 'number'],
        [2, 'OicpHttpError', 'number'],
      ],
    )
    assert.ok(new Set(hub.requests.map((r) => r.headers['x-request-id'])).size === 1, 'one request id for all attempts')
  } finally {
    await emp.close()
  }
})

test('a pull gives up after the retry limit with the last error', async () => {
  const emp = empFor(hub)
  try {
    hub.handler = () => UNAVAILABLE
    const e = (await caught(emp.pullEvseStatus(sample('eRoamingPullEvseStatus') as never))) as OicpHttpError
    assert.instance(e, OicpHttpError)
    assert.is(e.status, 503)
    assert.is(hub.requests.length, 3, 'first attempt and 2 repetitions')
  } finally {
    await emp.close()
  }
})

test('a pull is repeated after a timeout', async () => {
  const emp = empFor(hub, { timeoutMs: 150 })
  try {
    hub.handler = faults([{ delayMs: 400, body: STATUS_PAGE }], { body: STATUS_PAGE })
    await emp.pullEvseStatus(sample('eRoamingPullEvseStatus') as never)
    assert.is(hub.requests.length, 2)
  } finally {
    await emp.close()
  }
})

test('Retry-After of a 503 is honoured (within maxDelayMs)', async () => {
  const emp = empFor(hub, { retry: { limit: 1, delayMs: 1, maxDelayMs: 2_000 } })
  try {
    hub.handler = faults([{ ...UNAVAILABLE, headers: { 'retry-after': '1' } }], { body: STATUS_PAGE })
    const t = performance.now()
    await emp.pullEvseStatus(sample('eRoamingPullEvseStatus') as never)
    assert.ok(performance.now() - t >= 950, 'waited about the second the hub asked for')
    assert.is(hub.requests.length, 2)
  } finally {
    await emp.close()
  }
})

for (const [what, fault, errorType] of [
  ['a dropped connection', DROP, OicpNetworkError],
  ['a 503', UNAVAILABLE, OicpHttpError],
  ['a timeout', { delayMs: 400 } as Reply, OicpTimeoutError],
] as const) {
  test(`AuthorizeStart, ChargeDetailRecord, remote start and an insert push are never repeated after ${what}`, async () => {
    const cpo = cpoFor(hub, { timeoutMs: 150 })
    const emp = empFor(hub, { timeoutMs: 150 })
    try {
      hub.handler = () => fault
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['eRoamingAuthorizeStart', () => cpo.authorizeStart(sample('eRoamingAuthorizeStart') as never)],
        ['eRoamingChargeDetailRecord', () => cpo.chargeDetailRecord(sample('eRoamingChargeDetailRecord') as never)],
        [
          'eRoamingAuthorizeRemoteStart',
          () => emp.authorizeRemoteStart(sample('eRoamingAuthorizeRemoteStart') as never),
        ],
        ['eRoamingPushEvseStatus (insert)', () => cpo.pushEvseStatus(statusPush(1, 'insert'))],
      ]
      for (const [name, call] of calls) {
        hub.requests.length = 0
        const e = await caught(call())
        assert.instance(e, errorType, name)
        // A timed-out request may still arrive after the client gave up; wait past its delay.
        await new Promise((r) => setTimeout(r, 100))
        assert.is(hub.requests.length, 1, `${name} was sent exactly once`)
      }
    } finally {
      await cpo.close()
      await emp.close()
    }
  })
}

test('an update push is repeated after a 503 (idempotent), an insert push is not', async () => {
  const cpo = cpoFor(hub)
  try {
    hub.handler = faults([UNAVAILABLE], { body: ACK })
    await cpo.pushEvseStatus(statusPush(1, 'update'))
    assert.is(hub.requests.length, 2)
  } finally {
    await cpo.close()
  }
})

test('retry: false turns repetition off even for pulls', async () => {
  const emp = empFor(hub, { retry: false })
  try {
    hub.handler = () => UNAVAILABLE
    assert.instance(await caught(emp.pullEvseStatus(sample('eRoamingPullEvseStatus') as never)), OicpHttpError)
    assert.is(hub.requests.length, 1)
  } finally {
    await emp.close()
  }
})

test('an abort signal stops a pull between attempts', async () => {
  const emp = empFor(hub, { retry: { limit: 5, delayMs: 5_000, maxDelayMs: 5_000 } })
  try {
    hub.handler = () => UNAVAILABLE
    const controller = new AbortController()
    const pending = caught(emp.pullEvseStatus(sample('eRoamingPullEvseStatus') as never, { signal: controller.signal }))
    setTimeout(() => controller.abort(new Error('shutting down')), 100)
    const t = performance.now()
    const e = (await pending) as Error
    assert.is(e.message, 'shutting down')
    assert.ok(performance.now() - t < 2_000)
    assert.is(hub.requests.length, 1)
  } finally {
    await emp.close()
  }
})

test.run()
