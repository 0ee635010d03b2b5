// Cross-field rules the spec text states, and what each validation mode accepts.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadRelease } from '../generator/spec/load.js'
import type { ObjectType } from '../generator/spec/model.js'
import { messages, validate, type eRoamingAuthorizeStart } from '../generated/oicp-2.3/index.js'
import { Sampler, type Json } from './support/samples.js'

const sampler = new Sampler(loadRelease('spec/oicp-2.3'))
const sample = (name: string) => sampler.object(sampler.type(name) as ObjectType) as Record<string, any>
const errorsOf = (name: string, value: unknown, mode: 'exact' | 'strict' | 'lenient' = 'exact') => {
  const r = messages.validate(name, value, { mode })
  return r.ok ? [] : r.errors.map((e) => `${e.path} ${e.keyword}`)
}

test('LastCall cannot be combined with SearchCenter, CountryCodes or OperatorIds', () => {
  const pull = sample('eRoamingPullEvseData')
  assert.equal(errorsOf('eRoamingPullEvseData', pull), [])
  assert.equal(errorsOf('eRoamingPullEvseData', { ...pull, LastCall: '2024-05-01T00:00:00Z' }), [
    '/SearchCenter excludes',
    '/CountryCodes excludes',
    '/OperatorIds excludes',
  ])
  const delta = {
    ProviderID: pull.ProviderID,
    GeoCoordinatesResponseFormat: 'Google',
    LastCall: '2024-05-01T00:00:00Z',
  }
  assert.equal(errorsOf('eRoamingPullEvseData', delta), [])
})

test('PullEvseStatusById holds at most 100 EvseIDs', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `DE*ABC*E${i}`)
  const base = sample('eRoamingPullEvseStatusById')
  assert.equal(errorsOf('eRoamingPullEvseStatusById', { ...base, EvseID: ids(100) }), [])
  assert.equal(errorsOf('eRoamingPullEvseStatusById', { ...base, EvseID: ids(101) }), ['/EvseID maxItems'])
})

test('OpeningTimes is mandatory when IsOpen24Hours is false', () => {
  const push = sample('eRoamingPushEvseData')
  const record = push.OperatorEvseData.EvseDataRecord[0]
  delete record.OpeningTimes
  record.IsOpen24Hours = true
  assert.equal(errorsOf('eRoamingPushEvseData', push), [])
  record.IsOpen24Hours = false
  assert.equal(errorsOf('eRoamingPushEvseData', push), ['/OperatorEvseData/EvseDataRecord/0/OpeningTimes required'])
})

test('"No Payment" cannot be combined with other payment options', () => {
  const push = sample('eRoamingPushEvseData')
  const record = push.OperatorEvseData.EvseDataRecord[0]
  record.PaymentOptions = ['No Payment']
  assert.equal(errorsOf('eRoamingPushEvseData', push), [])
  record.PaymentOptions = ['Direct', 'Contract']
  assert.equal(errorsOf('eRoamingPushEvseData', push), [])
  record.PaymentOptions = ['No Payment', 'Direct']
  assert.equal(errorsOf('eRoamingPushEvseData', push), ['/OperatorEvseData/EvseDataRecord/0/PaymentOptions solo'])
})

test('an authorization request carries the PIN in clear, never a HashedPIN', () => {
  const start = sample('eRoamingAuthorizeStart')
  start.Identification = { QRCodeIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3', PIN: '1234' } }
  assert.equal(errorsOf('eRoamingAuthorizeStart', start), [])
  start.Identification = {
    QRCodeIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3', HashedPIN: { Value: 'a5ghdhf73h', Function: 'Bcrypt' } },
  }
  assert.equal(errorsOf('eRoamingAuthorizeStart', start), [
    '/Identification/QRCodeIdentification/PIN required',
    '/Identification/QRCodeIdentification/HashedPIN forbidden',
  ])
})

test('identification and geo coordinates take exactly one option', () => {
  const start = sample('eRoamingAuthorizeStart')
  start.Identification = {}
  assert.equal(errorsOf('eRoamingAuthorizeStart', start), ['/Identification exactlyOne'])
  const pull = sample('eRoamingPullEvseData')
  pull.SearchCenter.GeoCoordinates = {
    Google: { Coordinates: '47.662249 9.360922' },
    DecimalDegree: { Longitude: '9.360922', Latitude: '47.662249' },
  }
  assert.equal(errorsOf('eRoamingPullEvseData', pull), ['/SearchCenter/GeoCoordinates exactlyOne'])
})

test('each charging notification accepts only its own Type', () => {
  const startNote = sample('eRoamingChargingNotificationStart')
  assert.equal(startNote.Type, 'Start')
  assert.equal(errorsOf('eRoamingChargingNotificationStart', { ...startNote, Type: 'End' }), ['/Type const'])
})

test('date-times need a UTC offset', () => {
  const cdr = sample('eRoamingChargeDetailRecord')
  for (const ok of ['2024-05-01T14:30:00Z', '2024-05-01T14:30:00.123+02:00', '2024-02-29T23:59:59-05:00'])
    assert.equal(errorsOf('eRoamingChargeDetailRecord', { ...cdr, ChargingStart: ok }), [], ok)
  for (const bad of [
    '2024-05-01T14:30:00',
    '2024-05-01 14:30:00Z',
    '2023-02-29T10:00:00Z',
    '2024-13-01T10:00:00Z',
    '1714573800',
  ])
    assert.equal(errorsOf('eRoamingChargeDetailRecord', { ...cdr, ChargingStart: bad }), ['/ChargingStart format'], bad)
})

test('decimal and integer digit limits', () => {
  const cdr = sample('eRoamingChargeDetailRecord')
  assert.equal(errorsOf('eRoamingChargeDetailRecord', { ...cdr, ConsumedEnergy: 12.345 }), [])
  assert.equal(errorsOf('eRoamingChargeDetailRecord', { ...cdr, ConsumedEnergy: 12.3456 }), ['/ConsumedEnergy digits'])
  const pull = sample('eRoamingPullEvseData')
  assert.equal(errorsOf('eRoamingPullEvseData', { ...pull, SearchCenter: { ...pull.SearchCenter, Radius: 999.9 } }), [])
  assert.equal(errorsOf('eRoamingPullEvseData', { ...pull, SearchCenter: { ...pull.SearchCenter, Radius: 1000 } }), [
    '/SearchCenter/Radius digits',
  ])
})

test('physical quantities and counts are never negative', () => {
  const push = sample('eRoamingPushEvseData')
  const facility = push.OperatorEvseData.EvseDataRecord[0].ChargingFacilities[0]
  Object.assign(facility, { Voltage: 0, Amperage: 0, Power: 0 })
  assert.equal(errorsOf('eRoamingPushEvseData', push), [])
  Object.assign(facility, { Voltage: -1, Amperage: -1, Power: -1 })
  const at = '/OperatorEvseData/EvseDataRecord/0/ChargingFacilities/0'
  for (const mode of ['exact', 'strict', 'lenient'] as const)
    assert.equal(
      errorsOf('eRoamingPushEvseData', structuredClone(push), mode),
      [`${at}/Voltage minimum`, `${at}/Amperage minimum`, `${at}/Power minimum`],
      mode,
    )
  // Lenient: the optional quantities are removed with a warning; the mandatory Power is still an error above.
  facility.Power = 22
  const r = messages.validate('eRoamingPushEvseData', push, { mode: 'lenient' })
  assert.ok(r.ok)
  assert.equal(
    r.warnings.map((w) => [w.path, w.keyword, w.causes?.map((c) => c.keyword)]),
    [
      [`${at}/Voltage`, 'removed', ['minimum']],
      [`${at}/Amperage`, 'removed', ['minimum']],
    ],
  )
  assert.equal(facility, { PowerType: facility.PowerType, Power: 22, ChargingModes: facility.ChargingModes })
  const page = sample('eRoamingEvseData')
  assert.equal(errorsOf('eRoamingEvseData', { ...page, totalElements: -1 }, 'lenient'), ['/totalElements minimum'])
})

test('strict mode rejects unknown fields at any depth; exact mode lets them pass', () => {
  const ack = { Result: true, StatusCode: { Code: '000', Extra: 1 }, Other: 'x' }
  assert.equal(errorsOf('eRoamingAcknowledgement', ack), [])
  assert.equal(errorsOf('eRoamingAcknowledgement', ack, 'strict'), [
    '/StatusCode/Extra additionalProperties',
    '/Other additionalProperties',
  ])
})

test('lenient mode reads alias spellings under the spec name and warns', () => {
  const stop = sample('eRoamingAuthorizeRemoteReservationStop')
  const { EMPPartnerSessionID, ...rest } = stop
  const received: Record<string, Json> = { ...rest, EMPPartnerSessionId: EMPPartnerSessionID }
  assert.ok(
    messages.validate('eRoamingAuthorizeRemoteReservationStop', structuredClone(received)).ok,
    'exact lets the unknown spelling pass',
  )
  const r = messages.validate('eRoamingAuthorizeRemoteReservationStop', received, { mode: 'lenient' })
  assert.ok(r.ok)
  assert.equal(
    r.warnings.map((w) => [w.path, w.keyword]),
    [['/EMPPartnerSessionId', 'alias']],
  )
  assert.is((r.value as Record<string, unknown>).EMPPartnerSessionID, EMPPartnerSessionID)
  assert.not.ok('EMPPartnerSessionId' in (r.value as object))
})

test('lenient mode treats null as an absent optional field; exact mode does not', () => {
  const ack = { Result: true, StatusCode: { Code: '000', Description: null }, SessionID: null }
  assert.equal(errorsOf('eRoamingAcknowledgement', ack), ['/StatusCode/Description type', '/SessionID type'])
  assert.equal(errorsOf('eRoamingAcknowledgement', ack, 'lenient'), [])
  assert.equal(errorsOf('eRoamingAcknowledgement', { Result: null, StatusCode: { Code: '000' } }, 'lenient'), [
    '/Result required',
  ])
})

test('a valid result is typed; an unknown message name is a RangeError', () => {
  const r = validate('eRoamingAuthorizeStart', sample('eRoamingAuthorizeStart'))
  if (!r.ok) throw new Error('invalid')
  const typed: eRoamingAuthorizeStart = r.value
  assert.type(typed.OperatorID, 'string')
  assert.throws(
    () => validate('eRoamingNothing' as never, {}),
    (e: unknown) => e instanceof RangeError,
  )
})

test('hostile input never throws', () => {
  const hostile: unknown[] = [
    null,
    42,
    'x',
    [],
    [[]],
    { __proto__: { Result: true } },
    JSON.parse('{"__proto__": {"polluted": 1}, "Result": true}'),
    Object.create(null),
  ]
  for (const name of messages.names()) for (const value of hostile) messages.validate(name, value, { mode: 'lenient' })
  assert.is(({} as Record<string, unknown>).polluted, undefined)
})

test.run()
