// Every method of the generated CPO and EMP clients, against a real HTTPS hub with mutual
// TLS: it reaches the operation's path (base URL prefix kept, path parameters filled), the
// body arrives as sent and is a valid request message, and the hub's answer comes back
// validated. The method lists are the ones the issue names for each role.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { clientMethods } from '../generator/emit/client.js'
import { CpoClient, EmpClient, messages, operations } from '../generated/oicp-2.3/index.js'
import { HUBJECT_PRODUCTION, HUBJECT_QA } from '../runtime/index.js'
import { OPERATOR, PROVIDER } from './support/client-certs.js'
import { cpoFor, empFor, PREFIX, release, sample } from './support/client-fixtures.js'
import { TestHub } from './support/client-hub.js'

const CPO_METHODS = [
  'pushEvseData',
  'pushEvseStatus',
  'authorizeStart',
  'authorizeStop',
  'chargeDetailRecord',
  'pushPricingProductData',
  'pushEVSEPricing',
  'chargingNotificationStart',
  'chargingNotificationProgress',
  'chargingNotificationEnd',
  'chargingNotificationError',
]
const EMP_METHODS = [
  'pullEvseData',
  'pullEvseStatus',
  'pullEvseStatusById',
  'pullEvseStatusByOperatorId',
  'pushAuthenticationData',
  'authorizeRemoteStart',
  'authorizeRemoteStop',
  'authorizeRemoteReservationStart',
  'authorizeRemoteReservationStop',
  'getChargeDetailRecords',
  'pullPricingProductData',
  'pullEVSEPricing',
]

const hub = TestHub.forSuite(test)

test('each role has exactly the methods of the operations it sends', () => {
  assert.equal(
    clientMethods(release, 'cpo')
      .map((m) => m.method)
      .sort(),
    [...CPO_METHODS].sort(),
  )
  assert.equal(
    clientMethods(release, 'emp')
      .map((m) => m.method)
      .sort(),
    [...EMP_METHODS].sort(),
  )
  for (const name of CPO_METHODS)
    assert.type((CpoClient.prototype as unknown as Record<string, unknown>)[name], 'function', name)
  for (const name of EMP_METHODS)
    assert.type((EmpClient.prototype as unknown as Record<string, unknown>)[name], 'function', name)
  assert.equal(clientMethods(release, 'hub'), [], 'the hub sends nothing of its own: it forwards')
})

test('retry policies: reads and non-insert pushes may repeat; forwarded operations and CDRs never', () => {
  const policy = Object.fromEntries(
    [...clientMethods(release, 'cpo'), ...clientMethods(release, 'emp')].map((m) => [m.method, m.retry]),
  )
  const expected = {
    never: [
      'authorizeStart',
      'authorizeStop',
      'chargeDetailRecord',
      'authorizeRemoteStart',
      'authorizeRemoteStop',
      'authorizeRemoteReservationStart',
      'authorizeRemoteReservationStop',
      'chargingNotificationStart',
    ],
    read: [
      'pullEvseData',
      'pullEvseStatus',
      'pullEvseStatusById',
      'pullEvseStatusByOperatorId',
      'getChargeDetailRecords',
      'pullPricingProductData',
      'pullEVSEPricing',
    ],
    push: ['pushEvseData', 'pushEvseStatus', 'pushPricingProductData', 'pushEVSEPricing', 'pushAuthenticationData'],
  }
  for (const [retry, methods] of Object.entries(expected)) for (const m of methods) assert.is(policy[m], retry, m)
})

for (const role of ['cpo', 'emp'] as const) {
  for (const m of clientMethods(release, role)) {
    test(`${role}.${m.method} reaches ${m.operation}'s path with a valid body`, async () => {
      const op = operations.find((o) => o.name === m.operation)!
      const answer = sample(op.response)
      hub.handler = () => ({ body: answer })
      const client = role === 'cpo' ? cpoFor(hub) : empFor(hub)
      try {
        const request = sample(m.request)
        const call = (client as unknown as Record<string, (r: unknown, o?: unknown) => Promise<unknown>>)[
          m.method
        ]!.bind(client)
        const result = await call(request, m.paged ? { page: 2, size: 10 } : {})
        assert.equal(result, answer, 'the answer comes back as the hub sent it')
        assert.is(hub.requests.length, 1)
        const seen = hub.requests[0]!
        const expectedPath =
          PREFIX +
          op.path
            .replace('{OperatorID}', encodeURIComponent(OPERATOR))
            .replace('{ProviderID}', encodeURIComponent(PROVIDER))
        assert.is(seen.method, 'POST')
        assert.is(seen.path, expectedPath)
        assert.equal(seen.body, request, 'the body arrives as sent')
        const check = messages.validate(m.request, seen.body, { mode: 'strict' })
        assert.ok(check.ok, `the hub received a valid ${m.request}`)
        assert.is(seen.headers['content-type'], 'application/json')
        assert.is(seen.client, role === 'cpo' ? OPERATOR : PROVIDER, 'the client certificate was presented')
        if (m.paged) assert.equal([seen.query.get('page'), seen.query.get('size')], ['2', '10'])
        else assert.is(seen.url.includes('?'), false)
      } finally {
        await client.close()
      }
    })
  }
}

test('a path parameter given with the call wins over the client default (a sub-operator)', async () => {
  const cpo = cpoFor(hub)
  try {
    await cpo.chargeDetailRecord(sample('eRoamingChargeDetailRecord') as never, { OperatorID: 'DE*SUB' })
    assert.is(hub.requests[0]!.path, `${PREFIX}/cdrmgmt/v22/operators/DE*SUB/charge-detail-record`)
  } finally {
    await cpo.close()
  }
})

test("the base URL presets carry Hubject's /api/oicp prefix; only https is accepted", () => {
  assert.is(HUBJECT_QA, 'https://service-qa.hubject.com/api/oicp')
  assert.is(HUBJECT_PRODUCTION, 'https://service.hubject.com/api/oicp')
  assert.throws(() => cpoFor(hub, { baseUrl: 'http://127.0.0.1:1/api/oicp' }), /must be https/)
  assert.throws(() => cpoFor(hub, { baseUrl: 'not a url' }), /not a URL/)
})

test.run()
