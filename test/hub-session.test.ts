// A whole charging session through the hub over mutual TLS on 127.0.0.1, with the
// generated clients and real CPO and EMP servers: push data and status, pull with paging
// and a delta, remote start (forwarded to the CPO), notifications and the CDR (forwarded
// to the EMP), and an RFID session authorized from pushed authentication data and stopped
// with AuthorizeStop.
import bcrypt from 'bcryptjs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  EVCO,
  evse,
  evseIds,
  OPERATOR,
  PROVIDER,
  pushStations,
  startWorld,
  until,
  type World,
} from './support/hub-setup.js'

let w: World

test.before(async () => {
  w = await startWorld()
})

test.after(async () => {
  await w?.close()
})

test('push data and status, pull in pages and as a delta, charge remotely, CDR reaches the EMP', async () => {
  // 45 EVSEs, then their status.
  const records = Array.from({ length: 45 }, (_, i) => evse(i + 1))
  await pushStations(w.cpo, records)

  // Paging: default size 20, three pages, every EVSE once, in EvseID order.
  const first = await w.emp.pullEvseData({ ProviderID: PROVIDER, GeoCoordinatesResponseFormat: 'DecimalDegree' })
  assert.is(first.size, 20)
  assert.is(first.totalElements, 45)
  assert.is(first.totalPages, 3)
  assert.ok(first.first && !first.last)
  assert.equal(first.content[0]!.GeoCoordinates, { DecimalDegree: { Latitude: '52.520100', Longitude: '13.405000' } })
  assert.is(first.content[0]!.OperatorID, OPERATOR)
  const seen: string[] = []
  for await (const page of w.emp.pullEvseDataPages(
    { ProviderID: PROVIDER, GeoCoordinatesResponseFormat: 'Google' },
    { size: 20 },
  )) {
    assert.is(page.invalid.length, 0)
    seen.push(...evseIds(page.records))
  }
  assert.equal(seen, records.map((r) => r.EvseID).sort())

  // A delta: one changed, one new, one deleted since LastCall.
  const lastCall = new Date().toISOString()
  await new Promise((r) => setTimeout(r, 5))
  await w.cpo.pushEvseData({
    ActionType: 'update',
    OperatorEvseData: {
      OperatorID: OPERATOR,
      OperatorName: 'ABC',
      EvseDataRecord: [{ ...records[0]!, HotlinePhoneNumber: '+4930999999' }],
    },
  })
  await w.cpo.pushEvseData({
    ActionType: 'insert',
    OperatorEvseData: { OperatorID: OPERATOR, OperatorName: 'ABC', EvseDataRecord: [evse(46)] },
  })
  await w.cpo.pushEvseData({
    ActionType: 'delete',
    OperatorEvseData: { OperatorID: OPERATOR, OperatorName: 'ABC', EvseDataRecord: [records[1]!] },
  })
  const delta = await w.emp.pullEvseData({
    ProviderID: PROVIDER,
    GeoCoordinatesResponseFormat: 'Google',
    LastCall: lastCall,
  })
  const kinds = Object.fromEntries(delta.content.map((r) => [r.EvseID, r.deltaType]))
  assert.equal(kinds, { [records[0]!.EvseID]: 'update', [evse(46).EvseID]: 'insert', [records[1]!.EvseID]: 'delete' })
  for (const r of delta.content) assert.ok(Date.parse(r.lastUpdate!) > Date.parse(lastCall))

  // Remote start: the hub makes the SessionID and passes the request to the CPO.
  const target = records[4]!.EvseID
  const started = await w.emp.authorizeRemoteStart({
    ProviderID: PROVIDER,
    EvseID: target,
    Identification: { RemoteIdentification: { EvcoID: EVCO } },
  })
  assert.ok(started.Result)
  const sessionId = started.SessionID!
  assert.match(sessionId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  assert.equal(
    w.atCpo.map((r) => [r.operation, r.body.SessionID, r.body.EvseID]),
    [['authorizeRemoteStart', sessionId, target]],
  )

  // The CPO starts charging: status, a Start notification, which the hub passes to the EMP.
  const chargingStart = new Date().toISOString()
  await w.cpo.pushEvseStatus({
    ActionType: 'update',
    OperatorEvseStatus: { OperatorID: OPERATOR, EvseStatusRecord: [{ EvseID: target, EvseStatus: 'Occupied' }] },
  })
  await w.cpo.chargingNotificationStart({
    Type: 'Start',
    SessionID: sessionId,
    EvseID: target,
    ChargingStart: chargingStart,
    OperatorID: OPERATOR,
  })
  const byId = await w.emp.pullEvseStatusById({ ProviderID: PROVIDER, EvseID: [target, 'DE*ABC*E99999'] })
  assert.equal(byId.EVSEStatusRecords.EvseStatusRecord, [
    { EvseID: target, EvseStatus: 'Occupied' },
    { EvseID: 'DE*ABC*E99999', EvseStatus: 'EvseNotFound' },
  ])

  // Remote stop, then the CDR, which the hub keeps and passes to the EMP.
  const stopped = await w.emp.authorizeRemoteStop({ ProviderID: PROVIDER, EvseID: target, SessionID: sessionId })
  assert.ok(stopped.Result)
  assert.is(w.atCpo.at(-1)!.operation, 'authorizeRemoteStop')
  const end = new Date().toISOString()
  const cdr = {
    SessionID: sessionId,
    EvseID: target,
    Identification: { RemoteIdentification: { EvcoID: EVCO } },
    ChargingStart: chargingStart,
    ChargingEnd: end,
    SessionStart: chargingStart,
    SessionEnd: end,
    ConsumedEnergy: 7.5,
  }
  const acked = await w.cpo.chargeDetailRecord(cdr)
  assert.ok(acked.Result)
  await w.hub.idle()
  await until(() => w.atEmp.some((r) => r.operation === 'chargeDetailRecord'), 'the CDR at the EMP')
  const atEmp = w.atEmp.map((r) => r.operation)
  assert.equal(atEmp, ['chargingNotificationStart', 'chargeDetailRecord'])
  assert.equal(w.atEmp[1]!.body, cdr)

  // The EMP can fetch it too, marked as forwarded.
  const fetched = await w.emp.getChargeDetailRecords({
    ProviderID: PROVIDER,
    From: new Date(Date.now() - 60_000).toISOString(),
    To: new Date(Date.now() + 60_000).toISOString(),
    CDRForwarded: true,
  })
  assert.equal(
    fetched.content.map((c) => c.SessionID),
    [sessionId],
  )

  // A second CDR for the session is refused.
  try {
    await w.cpo.chargeDetailRecord(cdr)
    assert.unreachable('a second CDR was accepted')
  } catch (e) {
    assert.is((e as { code?: string }).code, '022')
  }
})

test('an RFID card from pushed authentication data: AuthorizeStart and AuthorizeStop answered by the hub', async () => {
  await w.emp.pushAuthenticationData({
    ActionType: 'fullLoad',
    ProviderAuthenticationData: {
      ProviderID: PROVIDER,
      AuthenticationDataRecord: [{ Identification: { RFIDMifareFamilyIdentification: { UID: '1234ABCD' } } }],
    },
  })
  const before = w.atEmp.length
  const start = await w.cpo.authorizeStart({
    OperatorID: OPERATOR,
    EvseID: 'DE*ABC*E00007',
    Identification: { RFIDMifareFamilyIdentification: { UID: '1234ABCD' } },
  })
  assert.is(start.AuthorizationStatus, 'Authorized')
  assert.is(start.ProviderID, PROVIDER)
  const stop = await w.cpo.authorizeStop({
    OperatorID: OPERATOR,
    SessionID: start.SessionID!,
    EvseID: 'DE*ABC*E00007',
    Identification: { RFIDMifareFamilyIdentification: { UID: '1234ABCD' } },
  })
  assert.is(stop.AuthorizationStatus, 'Authorized')
  assert.is(w.atEmp.length, before, 'decided by the hub, not forwarded')

  // An unknown card is asked of the EMP, which refuses it.
  const unknown = await w.cpo.authorizeStart({
    OperatorID: OPERATOR,
    EvseID: 'DE*ABC*E00007',
    Identification: { RFIDMifareFamilyIdentification: { UID: 'FFFF0000' } },
  })
  assert.is(unknown.AuthorizationStatus, 'NotAuthorized')
  assert.is(w.atEmp.at(-1)!.operation, 'authorizeStart')

  // A contract ID is forwarded to the EMP it names, which authorizes it; the stop goes there too.
  const online = await w.cpo.authorizeStart({
    OperatorID: OPERATOR,
    EvseID: 'DE*ABC*E00008',
    Identification: { PlugAndChargeIdentification: { EvcoID: EVCO } },
  })
  assert.is(online.AuthorizationStatus, 'Authorized')
  const onlineStop = await w.cpo.authorizeStop({
    OperatorID: OPERATOR,
    SessionID: online.SessionID!,
    Identification: { PlugAndChargeIdentification: { EvcoID: EVCO } },
  })
  assert.is(onlineStop.AuthorizationStatus, 'Authorized')
  assert.is(w.atEmp.at(-1)!.operation, 'authorizeStop')
})

test('a QR code from pushed authentication data is authorized by the hub only with the right PIN', async () => {
  const hashed = { Value: bcrypt.hashSync('1234', 4), Function: 'Bcrypt' as const }
  await w.emp.pushAuthenticationData({
    ActionType: 'fullLoad',
    ProviderAuthenticationData: {
      ProviderID: PROVIDER,
      AuthenticationDataRecord: [{ Identification: { QRCodeIdentification: { EvcoID: EVCO, HashedPIN: hashed } } }],
    },
  })
  const before = w.atEmp.length
  const right = await w.cpo.authorizeStart({
    OperatorID: OPERATOR,
    EvseID: 'DE*ABC*E00009',
    Identification: { QRCodeIdentification: { EvcoID: EVCO, PIN: '1234' } },
  })
  assert.is(right.AuthorizationStatus, 'Authorized')
  assert.is(w.atEmp.length, before, 'decided by the hub')
  // A wrong PIN authorizes nothing offline; the EMP is asked and (here) refuses.
  const wrong = await w.cpo.authorizeStart({
    OperatorID: OPERATOR,
    EvseID: 'DE*ABC*E00009',
    Identification: { QRCodeIdentification: { EvcoID: EVCO, PIN: '9999' } },
  })
  assert.is(wrong.AuthorizationStatus, 'NotAuthorized')
  assert.is(w.atEmp.at(-1)!.operation, 'authorizeStart')
})

test('no stack traces: a failing handler answers 021 and the details go to onError only', async () => {
  assert.not.ok(
    w.events.some((e) => e.kind === 'error'),
    w.events
      .filter((e) => e.kind === 'error')
      .map((e) => e.text)
      .join('\n'),
  )
})

test.run()
