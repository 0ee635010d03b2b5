// The hub's rules, each with the status code the spec gives: 017 for another partner's
// ID, 018 for a foreign EvseID, ActionType semantics (fullLoad replaces, delete removes,
// insert and update all or nothing), filters of the EVSE pull, 603 for an unknown EVSE,
// 400 for an unknown session, 300 for an unknown partner, 310/320 when the CPO fails,
// and the simulated charge point of a CPO without a server.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { OicpError } from '../runtime/index.js'
import { EVCO, evse, OPERATOR, OTHER_OPERATOR, PROVIDER, startWorld, until, type World } from './support/hub-setup.js'

let w: World

test.before(async () => {
  w = await startWorld({ forwardTimeoutMs: 500, simulator: { startDelayMs: 10 } })
})

test.after(async () => {
  await w?.close()
})

async function refusal(call: Promise<unknown>): Promise<OicpError> {
  try {
    await call
  } catch (e) {
    if (e instanceof OicpError) return e
    throw e
  }
  throw new Error('expected a refusal, the call succeeded')
}

const push = (
  records: ReturnType<typeof evse>[],
  action: 'fullLoad' | 'update' | 'insert' | 'delete',
  client = w.cpo,
  operator = OPERATOR,
) =>
  client.pushEvseData(
    {
      ActionType: action,
      OperatorEvseData: { OperatorID: operator, OperatorName: 'Operator', EvseDataRecord: records },
    },
    { OperatorID: operator },
  )

async function allIds(filter: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = []
  for await (const page of w.emp.pullEvseDataPages(
    { ProviderID: PROVIDER, GeoCoordinatesResponseFormat: 'Google', ...filter },
    { size: 50 },
  ))
    ids.push(...page.records.map((r) => r.EvseID))
  return ids
}

test("a partner using another partner's OperatorID or ProviderID gets 017", async () => {
  const e = await refusal(push([evse(1)], 'fullLoad', w.cpo2, OPERATOR))
  assert.is(e.code, '017')
  assert.is(e.httpStatus, 403)
  const pull = await w.raw(
    `/evsepull/v21/providers/${encodeURIComponent(PROVIDER)}/status-records`,
    { ProviderID: PROVIDER },
    'cpo2',
  )
  assert.is(pull.json.StatusCode.Code, '017', 'a CPO certificate cannot pull as the EMP')
  const body = await w.raw(
    `/evsepull/v21/providers/${encodeURIComponent(PROVIDER)}/status-records`,
    { ProviderID: 'DE-OTH' },
    'emp',
  )
  assert.is(body.json.StatusCode.Code, '017', 'nor the EMP with another ProviderID in the body')
})

test('a push for an EvseID of another operator gets 018 and changes nothing', async () => {
  await push([evse(1), evse(2)], 'fullLoad')
  const e = await refusal(push([evse(3), evse(9, { operator: OTHER_OPERATOR })], 'insert'))
  assert.is(e.code, '018')
  assert.match(e.description ?? '', 'DE*XYZ*E00009')
  assert.equal(await allIds({ OperatorIds: [OPERATOR] }), [evse(1).EvseID, evse(2).EvseID])
  const status = await refusal(
    w.cpo.pushEvseStatus({
      ActionType: 'update',
      OperatorEvseStatus: {
        OperatorID: OPERATOR,
        EvseStatusRecord: [{ EvseID: 'DE*XYZ*E00001', EvseStatus: 'Available' }],
      },
    }),
  )
  assert.is(status.code, '018')
})

test('fullLoad replaces, delete removes, insert and update are all or nothing', async () => {
  await push([evse(1), evse(2), evse(3)], 'fullLoad')
  await push([evse(3), evse(4)], 'fullLoad')
  assert.equal(await allIds({ OperatorIds: [OPERATOR] }), [evse(3).EvseID, evse(4).EvseID])
  await push([evse(3)], 'delete')
  assert.equal(await allIds({ OperatorIds: [OPERATOR] }), [evse(4).EvseID])
  const insert = await refusal(push([evse(5), evse(4)], 'insert'))
  assert.is(insert.code, '022')
  const update = await refusal(push([evse(4), evse(6)], 'update'))
  assert.is(update.code, '022')
  assert.equal(await allIds({ OperatorIds: [OPERATOR] }), [evse(4).EvseID], 'refused pushes changed nothing')
  await push([], 'fullLoad')
  assert.equal(await allIds({ OperatorIds: [OPERATOR] }), [], 'an empty fullLoad deletes everything')
})

test("EVSE status: fullLoad replaces the operator's statuses; pulls by ID (at most 100), by operator, by status", async () => {
  const rec = (n: number, s: 'Available' | 'Occupied') => ({ EvseID: evse(n).EvseID, EvseStatus: s })
  await w.cpo.pushEvseStatus({
    ActionType: 'fullLoad',
    OperatorEvseStatus: { OperatorID: OPERATOR, EvseStatusRecord: [rec(1, 'Available'), rec(2, 'Occupied')] },
  })
  await w.cpo.pushEvseStatus({
    ActionType: 'fullLoad',
    OperatorEvseStatus: { OperatorID: OPERATOR, EvseStatusRecord: [rec(2, 'Available'), rec(3, 'Occupied')] },
  })
  const byOperator = await w.emp.pullEvseStatusByOperatorId({ ProviderID: PROVIDER, OperatorID: [OPERATOR] })
  assert.equal(byOperator.EvseStatuses.OperatorEvseStatus[0]!.EvseStatusRecord, [
    rec(2, 'Available'),
    rec(3, 'Occupied'),
  ])
  const occupied = await w.emp.pullEvseStatus({ ProviderID: PROVIDER, EVSEStatus: 'Occupied' })
  assert.equal(
    occupied.EvseStatuses.OperatorEvseStatus.flatMap((o) => o.EvseStatusRecord),
    [rec(3, 'Occupied')],
  )
  const tooMany = Array.from({ length: 101 }, (_, i) => evse(i + 1).EvseID)
  const e = await w.raw(`/evsepull/v21/providers/${encodeURIComponent(PROVIDER)}/status-records-by-id`, {
    ProviderID: PROVIDER,
    EvseID: tooMany,
  })
  assert.is(e.status, 400)
  assert.is(e.json.StatusCode.Code, '022')
  assert.match(e.json.StatusCode.AdditionalInfo, '/EvseID')
})

test('EVSE pull filters: SearchCenter radius, CountryCodes, OperatorIds', async () => {
  await push(
    [
      evse(1, { lat: 52.52, lon: 13.405 }),
      evse(2, { lat: 52.53, lon: 13.405 }),
      evse(3, { lat: 48.137, lon: 11.575 }),
      evse(4, { country: 'AUT', lat: 48.2, lon: 16.37 }),
    ],
    'fullLoad',
  )
  await push([evse(1, { operator: OTHER_OPERATOR, lat: 52.521, lon: 13.405 })], 'fullLoad', w.cpo2, OTHER_OPERATOR)
  const near = await allIds({
    SearchCenter: { GeoCoordinates: { DecimalDegree: { Latitude: '52.520000', Longitude: '13.405000' } }, Radius: 2 },
  })
  assert.equal(near, [evse(1).EvseID, evse(2).EvseID, evse(1, { operator: OTHER_OPERATOR }).EvseID])
  const tight = await allIds({
    SearchCenter: { GeoCoordinates: { Google: { Coordinates: '52.520000 13.405000' } }, Radius: 0.5 },
  })
  assert.equal(tight, [evse(1).EvseID, evse(1, { operator: OTHER_OPERATOR }).EvseID])
  assert.equal(await allIds({ CountryCodes: ['AUT'] }), [evse(4).EvseID])
  assert.equal(await allIds({ OperatorIds: [OTHER_OPERATOR] }), [evse(1, { operator: OTHER_OPERATOR }).EvseID])
})

test("remote start: 603 for an unknown EVSE, 400 for an unknown session, the CPO's refusal passed on, 310 when it does not answer", async () => {
  await push([evse(1)], 'fullLoad')
  const remote = { ProviderID: PROVIDER, Identification: { RemoteIdentification: { EvcoID: EVCO } } }
  assert.is((await refusal(w.emp.authorizeRemoteStart({ ...remote, EvseID: 'DE*ABC*E77777' }))).code, '603')
  assert.is(
    (
      await refusal(
        w.emp.authorizeRemoteStop({
          ProviderID: PROVIDER,
          EvseID: evse(1).EvseID,
          SessionID: '00000000-0000-4000-8000-000000000000',
        }),
      )
    ).code,
    '400',
  )

  const original = w.cpoHandlers.authorizeRemoteStart
  try {
    w.cpoHandlers.authorizeRemoteStart = async () => ({
      Result: false,
      StatusCode: { Code: '602', Description: 'in use' },
    })
    const busy = await refusal(w.emp.authorizeRemoteStart({ ...remote, EvseID: evse(1).EvseID }))
    assert.is(busy.code, '602')
    w.cpoHandlers.authorizeRemoteStart = () =>
      new Promise((r) => setTimeout(() => r({ Result: true, StatusCode: { Code: '000' } }), 1500))
    const slow = await refusal(w.emp.authorizeRemoteStart({ ...remote, EvseID: evse(1).EvseID }))
    assert.is(slow.code, '310')
  } finally {
    w.cpoHandlers.authorizeRemoteStart = original
  }
  // A session of one EMP cannot be stopped with the ID of another one's session either.
  const ok = await w.emp.authorizeRemoteStart({ ...remote, EvseID: evse(1).EvseID })
  const wrongEvse = await refusal(
    w.emp.authorizeRemoteStop({ ProviderID: PROVIDER, EvseID: 'DE*ABC*E00002', SessionID: ok.SessionID! }),
  )
  assert.is(wrongEvse.code, '400')
})

test('a CPO without a server: the simulated charge point starts, refuses a second start, stops and sends the CDR', async () => {
  await push([evse(5, { operator: OTHER_OPERATOR })], 'fullLoad', w.cpo2, OTHER_OPERATOR)
  const evseId = evse(5, { operator: OTHER_OPERATOR }).EvseID
  const remote = { ProviderID: PROVIDER, EvseID: evseId, Identification: { RemoteIdentification: { EvcoID: EVCO } } }
  const started = await w.emp.authorizeRemoteStart(remote)
  assert.ok(started.Result)
  const status = await w.emp.pullEvseStatusById({ ProviderID: PROVIDER, EvseID: [evseId] })
  assert.is(status.EVSEStatusRecords.EvseStatusRecord[0]!.EvseStatus, 'Occupied')
  assert.is((await refusal(w.emp.authorizeRemoteStart(remote))).code, '602')
  await w.emp.authorizeRemoteStop({ ProviderID: PROVIDER, EvseID: evseId, SessionID: started.SessionID! })
  await w.hub.idle()
  await until(
    () => w.atEmp.some((r) => r.operation === 'chargeDetailRecord' && r.body.SessionID === started.SessionID),
    'the simulated CDR at the EMP',
  )
  const kinds = w.atEmp.filter((r) => r.body.SessionID === started.SessionID).map((r) => r.operation)
  assert.equal(kinds, ['chargingNotificationStart', 'chargingNotificationEnd', 'chargeDetailRecord'])
})

test('pricing: products and EVSE pricing pushed by the CPO, pulled by the EMP (its own and "*")', async () => {
  const product = (id: string, price: number) => ({
    ProductID: id,
    ReferenceUnit: 'KILOWATT_HOUR' as const,
    ProductPriceCurrency: 'EUR',
    PricePerReferenceUnit: price,
    MaximumProductChargingPower: 22,
    IsValid24hours: true,
    ProductAvailabilityTimes: [{ Periods: [{ begin: '00:00', end: '23:59' }], on: 'Everyday' as const }],
  })
  const data = (provider: string, records: ReturnType<typeof product>[]) => ({
    OperatorID: OPERATOR,
    ProviderID: provider,
    PricingDefaultPrice: 0.5,
    PricingDefaultPriceCurrency: 'EUR',
    PricingDefaultReferenceUnit: 'KILOWATT_HOUR' as const,
    PricingProductDataRecords: records,
  })
  await w.cpo.pushPricingProductData({
    ActionType: 'fullLoad',
    PricingProductData: data(PROVIDER, [product('AC1', 0.39), product('DC', 0.59)]),
  })
  await w.cpo.pushPricingProductData({
    ActionType: 'fullLoad',
    PricingProductData: data('*', [product('Standard Price', 0.49)]),
  })
  await w.cpo.pushPricingProductData({
    ActionType: 'update',
    PricingProductData: data(PROVIDER, [product('DC', 0.69)]),
  })
  const products = await w.emp.pullPricingProductData({ OperatorIDs: [OPERATOR] })
  const prices = products.PricingProductData.flatMap((d) =>
    d.PricingProductDataRecords.map((r) => `${d.ProviderID} ${r.ProductID} ${r.PricePerReferenceUnit}`),
  ).sort()
  assert.equal(prices, ['* Standard Price 0.49', `${PROVIDER} AC1 0.39`, `${PROVIDER} DC 0.69`])

  await w.cpo.pushEVSEPricing({
    ActionType: 'fullLoad',
    EVSEPricing: [
      { EvseID: evse(1).EvseID, ProviderID: PROVIDER, EvseIDProductList: ['AC1'] },
      { EvseID: evse(2).EvseID, ProviderID: 'DE-OTH', EvseIDProductList: ['AC1'] },
    ],
  })
  const pricing = await w.emp.pullEVSEPricing({ ProviderID: PROVIDER, OperatorIDs: [OPERATOR] })
  assert.equal(
    pricing.EVSEPricing.flatMap((o) => o.EVSEPricing.map((p) => p.EvseID)),
    [evse(1).EvseID],
    'only what is offered to this EMP',
  )
  const foreign = await refusal(
    w.cpo.pushEVSEPricing({
      ActionType: 'insert',
      EVSEPricing: [{ EvseID: 'DE*XYZ*E1', ProviderID: '*', EvseIDProductList: ['AC1'] }],
    }),
  )
  assert.is(foreign.code, '018')
})

test('a reservation at the simulated charge point: the EVSE is Reserved until the reservation is cancelled', async () => {
  await push([evse(6, { operator: OTHER_OPERATOR })], 'fullLoad', w.cpo2, OTHER_OPERATOR)
  const evseId = evse(6, { operator: OTHER_OPERATOR }).EvseID
  const reserved = await w.emp.authorizeRemoteReservationStart({
    ProviderID: PROVIDER,
    EvseID: evseId,
    Identification: { RemoteIdentification: { EvcoID: EVCO } },
    Duration: 15,
  })
  assert.ok(reserved.Result)
  const status = async () =>
    (await w.emp.pullEvseStatusById({ ProviderID: PROVIDER, EvseID: [evseId] })).EVSEStatusRecords.EvseStatusRecord[0]!
      .EvseStatus
  assert.is(await status(), 'Reserved')
  await w.emp.authorizeRemoteReservationStop({ ProviderID: PROVIDER, EvseID: evseId, SessionID: reserved.SessionID! })
  assert.is(await status(), 'Available')
})

test('AuthorizeStart for a contract of an unknown provider: NotAuthorized 300', async () => {
  const answer = await w.cpo.authorizeStart({
    OperatorID: OPERATOR,
    EvseID: evse(1).EvseID,
    Identification: { RemoteIdentification: { EvcoID: 'FR-ZZZ-C12345678-X' } },
  })
  assert.is(answer.AuthorizationStatus, 'NotAuthorized')
  assert.is(answer.StatusCode.Code, '300')
})

test('a CDR for a session the hub does not know gets 400', async () => {
  const t = new Date().toISOString()
  const e = await refusal(
    w.cpo.chargeDetailRecord({
      SessionID: '11111111-1111-4111-8111-111111111111',
      EvseID: evse(1).EvseID,
      Identification: { RemoteIdentification: { EvcoID: EVCO } },
      ChargingStart: t,
      ChargingEnd: t,
      SessionStart: t,
      SessionEnd: t,
      ConsumedEnergy: 1,
    }),
  )
  assert.is(e.code, '400')
})

test.run()
