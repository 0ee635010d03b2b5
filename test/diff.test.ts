// `oicp diff`: what the OICP 2.3 release notes list as changes from 2.2, the diff shows;
// what the two releases share diffs as identical.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { diff, releaseSide, serviceSide, type Change } from '../generator/diff.js'
import { loadRelease } from '../generator/spec/load.js'
import { oicp } from './support/cli.js'

const r22 = loadRelease('spec/oicp-2.2')
const r23 = loadRelease('spec/oicp-2.3')
const changes = diff(releaseSide(r22), releaseSide(r23))

function has(kind: Change['kind'], subject: string, aspect?: string, from?: string, to?: string): void {
  const found = changes.some(
    (c) =>
      c.kind === kind &&
      c.subject === subject &&
      (aspect === undefined || c.aspect === aspect) &&
      (from === undefined || c.from === from) &&
      (to === undefined || c.to === to),
  )
  assert.ok(found, `expected ${kind} ${subject}${aspect ? ` ${aspect}` : ''}${from ? ` ${from} → ${to}` : ''}`)
}

test('endpoint versions of the release notes', () => {
  has(
    'changed',
    'operation eRoamingChargeDetailRecord',
    'path',
    '/cdrmgmt/v21/operators/{OperatorID}/charge-detail-record',
    '/cdrmgmt/v22/operators/{OperatorID}/charge-detail-record',
  )
  has('changed', 'operation eRoamingGetChargeDetailRecords', 'path')
  has(
    'changed',
    'operation eRoamingPushEvseData',
    'path',
    '/evsepush/v22/operators/{OperatorID}/data-records',
    '/evsepush/v23/operators/{OperatorID}/data-records',
  )
  has('changed', 'operation eRoamingPullEvseData', 'path')
  has('added', 'operation eRoamingChargingNotifications')
})

test('charge detail record changes', () => {
  has('removed', 'field eRoamingChargeDetailRecord.MeteringSignature')
  has('added', 'field eRoamingChargeDetailRecord.SignedMeteringValues')
  has('added', 'field eRoamingChargeDetailRecord.CalibrationLawVerificationInfo')
  for (const f of ['ChargingStart', 'ChargingEnd', 'ConsumedEnergy'])
    has('changed', `field eRoamingChargeDetailRecord.${f}`, 'required', 'optional', 'mandatory')
  for (const f of ['SessionID', 'OperatorID', 'CDRForwarded']) has('added', `field eRoamingGetChargeDetailRecords.${f}`)
  has('changed', 'operation eRoamingGetChargeDetailRecords', 'query', '–', 'page, size')
})

test('EVSE data changes', () => {
  has('removed', 'field EvseDataRecord.EnChargingStationName')
  has('removed', 'field EvseDataRecord.ChargingStationName')
  has('added', 'field EvseDataRecord.ChargingStationNames')
  has('changed', 'field OperatorEvseData.OperatorName', 'required', 'optional', 'mandatory')
  has('removed', 'field EvseDataRecord.ChargingModes')
  has('added', 'field ChargingFacility.ChargingModes')
  for (const t of ['Plug', 'Accessibility', 'PowerType']) has('removed', `value ${t}."Unspecified"`)
  for (const f of ['PostalCode', 'HouseNum'])
    has('changed', `field AddressIso19773.${f}`, 'required', 'optional', 'mandatory')
  for (const f of ['ParkingFacility', 'ParkingSpot']) has('added', `field AddressIso19773.${f}`)
  for (const f of ['Power', 'PowerType'])
    has('changed', `field ChargingFacility.${f}`, 'required', 'optional', 'mandatory')
  has('added', 'value AuthenticationMode."No Authentication Required"')
  has('added', 'value ValueAddedService."RoofProvided"')
  has('changed', 'field EvseDataRecord.PaymentOptions', 'required', 'optional', 'mandatory')
  has('added', 'type PullEvseDataRecord')
  for (const f of [
    'HardwareManufacturer',
    'ChargingStationImage',
    'SubOperatorName',
    'DynamicPowerLevel',
    'RenewableEnergy',
    'EnergySource',
    'EnvironmentalImpact',
    'CalibrationLawDataAvailability',
    'AccessibilityLocation',
    'ChargingStationLocationReference',
  ])
    has('added', `field EvseDataRecord.${f}`)
  for (const f of [
    'AuthenticationModes',
    'Accessibility',
    'CalibrationLawDataAvailability',
    'RenewableEnergy',
    'IsHubjectCompatible',
    'IsOpen24Hours',
  ])
    has('added', `field eRoamingPullEvseData.${f}`)
  has('changed', 'operation eRoamingPullEvseData', 'query', '–', 'page, size')
  for (const f of ['content', 'number', 'size', 'totalElements', 'last', 'totalPages', 'first', 'numberOfElements'])
    has('added', `field eRoamingEvseData.${f}`)
})

test('new data types of 2.3', () => {
  for (const t of [
    'EnergySource',
    'EnvironmentalImpact',
    'SignedMeteringValues',
    'CalibrationLawVerification',
    'AccessibilityLocation',
    'Energy',
    'CalibrationLawDataAvailability',
    'MeteringStatus',
    'ErrorClass',
  ])
    has('added', `type ${t}`)
})

test('what both releases share diffs as identical', () => {
  for (const name of [
    'Identification',
    'QRCodeIdentification',
    'eRoamingAuthorizeStart',
    'eRoamingAuthorizeRemoteReservationStart',
    'OperatorEvseStatus',
    'PricingProductData',
    'EvseID',
  ])
    assert.ok(
      !changes.some((c) => c.subject.includes(` ${name}`) || c.subject.includes(` ${name}.`)),
      `${name} should not differ`,
    )
  const status = diff(serviceSide(r22, 'eRoamingEvseStatus', '2.1')!, serviceSide(r23, 'eRoamingEvseStatus', '2.1')!)
  assert.equal(status, [])
})

test('a service version against the next one', () => {
  const evse = diff(serviceSide(r22, 'eRoamingEvseData', '2.2')!, serviceSide(r23, 'eRoamingEvseData', '2.3')!)
  assert.ok(evse.some((c) => c.subject === 'operation eRoamingPushEvseData' && c.aspect === 'path'))
  assert.ok(!evse.some((c) => c.subject.includes('eRoamingAuthorizeStart')), 'only what the service reaches')
})

test('oicp diff prints a table, or JSON with --json, and refuses unknown names', async () => {
  const table = await oicp('diff', '2.2', '2.3')
  assert.is(table.code, 0, table.stderr)
  assert.match(table.stdout, /OICP 2\.2 → OICP 2\.3: \d+ differences/)
  assert.match(table.stdout, /removed +field EvseDataRecord\.EnChargingStationName/)
  const json = await oicp('diff', 'eRoamingEvseData@2.2', 'eRoamingEvseData@2.3', '--json')
  assert.is(json.code, 0, json.stderr)
  const parsed = JSON.parse(json.stdout) as { from: string; to: string; changes: Change[] }
  assert.is(parsed.from, 'eRoamingEvseData 2.2')
  assert.ok(parsed.changes.some((c) => c.subject === 'field EvseDataRecord.RenewableEnergy' && c.kind === 'added'))
  assert.is((await oicp('diff', '9.9', '2.3')).code, 2)
  assert.is((await oicp('diff', 'eRoamingNothing@1.0', '2.3')).code, 2)
})

test.run()
