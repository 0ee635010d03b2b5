// The hub is true to the wire: a whole session through the hub over mutual TLS (data,
// status and pricing pushes and pulls, authentication data, local and forwarded
// authorization, remote start and stop, reservations, notifications, the CDR and its
// download, and refusals), and every answer of the hub and every request it forwards to
// a partner is checked against Hubject's official OpenAPI schema of the receiving side.
// What may differ is the written list below, each entry an ERRATA.md entry where the
// text forbids what the schema wants. Hubject's files are not part of this project: see
// test/support/oicp-sources.ts; without them this test says so and does not run.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import bcrypt from 'bcryptjs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { hubRoutes, messages, operations } from '../generated/oicp-2.3/index.js'
import { HubjectOpenApi, type Tree } from './support/hubject-openapi.js'
import {
  EVCO,
  evse,
  OPERATOR,
  OTHER_OPERATOR,
  PROVIDER,
  startWorld,
  until,
  type WireRecord,
  type World,
} from './support/hub-setup.js'
import { notRun } from './support/not-run.js'
import { oicpSources } from './support/oicp-sources.js'

type Operation = (typeof operations)[number]

/** Where what the hub sends may differ from the official schema, and the ERRATA.md entry that says why. */
interface Exception {
  /** Our message the body is. */
  message: string
  /** The failing place in the body, as ajv reports it (instancePath), as a pattern. */
  at: RegExp
  keyword: string
  /** A phrase of the ERRATA.md entry that explains it; the test checks it is there. */
  errata: string
}

/** None at present; see ERRATA.md, section 10. */
const EXCEPTIONS: Exception[] = []

/** Our operations the OpenAPI has no path of their own for, and the path it gives them (ERRATA.md, section 8, "EVSE status pulls"). */
const OPENAPI_PATH: Record<string, string> = {
  eRoamingPullEvseStatusById: '/evsepull/v21/providers/{ProviderID}/status-records',
  eRoamingPullEvseStatusByOperatorId: '/evsepull/v21/providers/{ProviderID}/status-records',
}

const PREFIX = '/api/oicp'

function operationAt(method: string, url: string): Operation {
  const path = url.split('?')[0]!.slice(PREFIX.length)
  const op = operations.find(
    (o) =>
      o.method === method &&
      new RegExp(`^${o.path.replace(/[*+?.()|[\]\\^$]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  )
  if (!op) throw new Error(`no operation at ${method} ${url}`)
  return op
}

const namesOf = (message: string) => [message, ...(messages.find(message)?.aliases ?? [])]

/** The message a body is: the operation's, or an acknowledgement a refusal is answered with. */
function messageOf(op: Operation, record: WireRecord, body: unknown): string {
  if (record.at !== 'hub') {
    if (typeof op.request === 'string') return op.request
    return `eRoamingChargingNotification${(body as { Type: string }).Type}`
  }
  return messages.validate(op.response, structuredClone(body)).ok ? op.response : 'eRoamingAcknowledgement'
}

interface Finding {
  where: string
  message: string
  schema: string
  at: string
  keyword: string
  text: string
}

function findings(
  trees: Record<Tree, HubjectOpenApi>,
  records: WireRecord[],
): { checked: Map<string, number>; found: Finding[] } {
  const checked = new Map<string, number>()
  const found: Finding[] = []
  for (const r of records) {
    const op = operationAt(r.method, r.url)
    const text = r.at === 'hub' ? r.response : r.request
    const body = JSON.parse(text) as unknown
    // An answer goes to the sender of the request, a forwarded request to the backend it reached.
    const tree: Tree = r.at === 'hub' ? op.from : r.at
    const message = messageOf(op, r, body)
    const path = OPENAPI_PATH[op.name] ?? op.path
    const verdict =
      r.at === 'hub' && message !== op.response
        ? trees[tree].checkFile('schemas/eRoamingAcknowledgment.yaml', body)
        : trees[tree].check(path, r.at === 'hub' ? 'response' : 'request', namesOf(message), body)
    const where = `${r.at === 'hub' ? `answer to ${op.from}` : `forwarded to ${r.at}`}: ${op.name}`
    checked.set(where, (checked.get(where) ?? 0) + 1)
    for (const e of verdict.errors)
      found.push({
        where,
        message,
        schema: `openapi-${tree}/${verdict.schema}`,
        at: e.instancePath,
        keyword: e.keyword,
        text: `${e.message ?? ''} ${JSON.stringify(e.params)}`,
      })
  }
  return { checked, found }
}

const excepted = (f: Finding) =>
  EXCEPTIONS.find((x) => x.message === f.message && x.keyword === f.keyword && x.at.test(f.at))

/** Drives every operation the hub serves, forwarding to both backends, with some refusals. */
async function session(w: World): Promise<void> {
  const records = [1, 2, 3].map((n) => evse(n))
  records.push({
    ...evse(4),
    IsOpen24Hours: false,
    OpeningTimes: [{ Period: [{ begin: '08:00', end: '18:00' }], on: 'Workdays' }],
    MaxCapacity: 50,
    ChargingPoolID: 'DE*ABC*P1',
    HubOperatorID: OPERATOR,
    ChargingStationLocationReference: [{ lang: 'en', value: 'Car park level 2' }],
    EnergySource: [{ Energy: 'Solar', Percentage: 60 }],
    EnvironmentalImpact: { CO2Emission: 120, NuclearWaste: 0 },
    AccessibilityLocation: 'ParkingLot',
    AdditionalInfo: [{ lang: 'en', value: 'Ask at the desk' }],
    ChargingStationImage: 'https://example.com/station.png',
    SubOperatorName: 'Sub',
    DynamicPowerLevel: true,
    HardwareManufacturer: 'Maker',
  })
  await w.cpo.pushEvseData({
    ActionType: 'fullLoad',
    OperatorEvseData: { OperatorID: OPERATOR, OperatorName: 'ABC', EvseDataRecord: records },
  })
  await w.cpo2.pushEvseData({
    ActionType: 'fullLoad',
    OperatorEvseData: {
      OperatorID: OTHER_OPERATOR,
      OperatorName: 'XYZ',
      EvseDataRecord: [evse(9, { operator: OTHER_OPERATOR })],
    },
  })
  await w.cpo.pushEvseStatus({
    ActionType: 'fullLoad',
    OperatorEvseStatus: {
      OperatorID: OPERATOR,
      OperatorName: 'ABC',
      EvseStatusRecord: records.map((r) => ({ EvseID: r.EvseID, EvseStatus: 'Available' as const })),
    },
  })
  const product = {
    ProductID: 'AC1',
    ReferenceUnit: 'KILOWATT_HOUR' as const,
    ProductPriceCurrency: 'EUR',
    PricePerReferenceUnit: 0.39,
    MaximumProductChargingPower: 22,
    IsValid24hours: true,
    ProductAvailabilityTimes: [{ Periods: [{ begin: '00:00', end: '23:59' }], on: 'Everyday' as const }],
    AdditionalReferences: [
      {
        AdditionalReference: 'START FEE' as const,
        AdditionalReferenceUnit: 'HOUR' as const,
        PricePerAdditionalReferenceUnit: 1,
      },
    ],
  }
  await w.cpo.pushPricingProductData({
    ActionType: 'fullLoad',
    PricingProductData: {
      OperatorID: OPERATOR,
      OperatorName: 'ABC',
      ProviderID: '*',
      PricingDefaultPrice: 0.5,
      PricingDefaultPriceCurrency: 'EUR',
      PricingDefaultReferenceUnit: 'KILOWATT_HOUR',
      PricingProductDataRecords: [product],
    },
  })
  await w.cpo.pushEVSEPricing({
    ActionType: 'fullLoad',
    EVSEPricing: [
      { EvseID: records[0]!.EvseID, ProviderID: PROVIDER, EvseIDProductList: ['AC1'] },
      { EvseID: records[1]!.EvseID, ProviderID: '*', EvseIDProductList: ['AC1'] },
    ],
  })
  const hashed = { Value: bcrypt.hashSync('1234', 4), Function: 'Bcrypt' as const }
  await w.emp.pushAuthenticationData({
    ActionType: 'fullLoad',
    ProviderAuthenticationData: {
      ProviderID: PROVIDER,
      AuthenticationDataRecord: [
        { Identification: { RFIDMifareFamilyIdentification: { UID: '1234ABCD' } } },
        { Identification: { QRCodeIdentification: { EvcoID: EVCO, HashedPIN: hashed } } },
      ],
    },
  })

  // Pulls in every coordinate format, a delta, the status pulls and the pricing pulls.
  const lastCall = new Date().toISOString()
  for (const format of ['Google', 'DecimalDegree', 'DegreeMinuteSeconds'] as const)
    await w.emp.pullEvseData({ ProviderID: PROVIDER, GeoCoordinatesResponseFormat: format }, { size: 3 })
  await new Promise((r) => setTimeout(r, 5))
  await w.cpo.pushEvseData({
    ActionType: 'delete',
    OperatorEvseData: { OperatorID: OPERATOR, OperatorName: 'ABC', EvseDataRecord: [records[2]!] },
  })
  await w.emp.pullEvseData({ ProviderID: PROVIDER, GeoCoordinatesResponseFormat: 'Google', LastCall: lastCall })
  await w.emp.pullEvseData({
    ProviderID: PROVIDER,
    GeoCoordinatesResponseFormat: 'Google',
    SearchCenter: { GeoCoordinates: { DecimalDegree: { Latitude: '52.520100', Longitude: '13.405000' } }, Radius: 10 },
  })
  await w.emp.pullEvseStatus({ ProviderID: PROVIDER })
  await w.emp.pullEvseStatusById({ ProviderID: PROVIDER, EvseID: [records[0]!.EvseID, 'DE*ABC*E99999'] })
  await w.emp.pullEvseStatusByOperatorId({ ProviderID: PROVIDER, OperatorID: [OPERATOR, OTHER_OPERATOR] })
  await w.emp.pullPricingProductData({ OperatorIDs: [OPERATOR] })
  await w.emp.pullEVSEPricing({ ProviderID: PROVIDER, OperatorIDs: [OPERATOR] })

  // Authorization: decided by the hub from pushed data, and asked of the EMP.
  const local = await w.cpo.authorizeStart({
    OperatorID: OPERATOR,
    EvseID: records[0]!.EvseID,
    Identification: { RFIDMifareFamilyIdentification: { UID: '1234ABCD' } },
    CPOPartnerSessionID: 'cpo-1',
  })
  await w.cpo.authorizeStop({
    OperatorID: OPERATOR,
    SessionID: local.SessionID!,
    EvseID: records[0]!.EvseID,
    Identification: { RFIDMifareFamilyIdentification: { UID: '1234ABCD' } },
  })
  await w.cpo.authorizeStart({
    OperatorID: OPERATOR,
    EvseID: records[0]!.EvseID,
    Identification: { QRCodeIdentification: { EvcoID: EVCO, PIN: '1234' } },
  })
  await w.cpo.authorizeStart({
    OperatorID: OPERATOR,
    EvseID: records[0]!.EvseID,
    Identification: { RFIDMifareFamilyIdentification: { UID: 'FFFF0000' } },
  })
  // A contract the hub holds no data for: asked of the EMP its EvcoID names, start and stop.
  const contract = { PlugAndChargeIdentification: { EvcoID: 'DE-8EO-C12345678-X' } }
  const online = await w.cpo.authorizeStart({
    OperatorID: OPERATOR,
    EvseID: records[1]!.EvseID,
    Identification: contract,
  })
  await w.cpo.authorizeStop({ OperatorID: OPERATOR, SessionID: online.SessionID!, Identification: contract })

  // Remote charging, forwarded to the CPO, reported back with notifications and a CDR.
  const target = records[0]!.EvseID
  const started = await w.emp.authorizeRemoteStart({
    ProviderID: PROVIDER,
    EvseID: target,
    Identification: { RemoteIdentification: { EvcoID: EVCO } },
    PartnerProductID: 'AC1',
    EMPPartnerSessionID: 'emp-1',
  })
  const sessionId = started.SessionID!
  const t0 = new Date(Date.now() - 60_000).toISOString()
  const t1 = new Date().toISOString()
  await w.cpo.chargingNotificationStart({
    Type: 'Start',
    SessionID: sessionId,
    EvseID: target,
    ChargingStart: t0,
    OperatorID: OPERATOR,
    MeterValueStart: 100,
    PartnerProductID: 'AC1',
  })
  await w.cpo.chargingNotificationProgress({
    Type: 'Progress',
    SessionID: sessionId,
    EvseID: target,
    ChargingStart: t0,
    EventOccurred: t1,
    ChargingDuration: 60_000,
    ConsumedEnergyProgress: 1.5,
    MeterValueStart: 100,
    MeterValueInBetween: { meterValues: [100.5, 101.5] },
    OperatorID: OPERATOR,
  })
  await w.emp.authorizeRemoteStop({ ProviderID: PROVIDER, EvseID: target, SessionID: sessionId })
  await w.cpo.chargingNotificationEnd({
    Type: 'End',
    SessionID: sessionId,
    EvseID: target,
    ChargingStart: t0,
    ChargingEnd: t1,
    ConsumedEnergy: 7.5,
    MeterValueStart: 100,
    MeterValueEnd: 107.5,
    OperatorID: OPERATOR,
  })
  await w.cpo.chargingNotificationError({
    Type: 'Error',
    SessionID: sessionId,
    EvseID: target,
    ErrorType: 'ConnectorError',
    ErrorAdditionalInfo: 'Cable stuck',
    OperatorID: OPERATOR,
  })
  const cdr = {
    SessionID: sessionId,
    EvseID: target,
    Identification: { RemoteIdentification: { EvcoID: EVCO } },
    ChargingStart: t0,
    ChargingEnd: t1,
    SessionStart: t0,
    SessionEnd: t1,
    ConsumedEnergy: 7.5,
    MeterValueStart: 100,
    MeterValueEnd: 107.5,
    MeterValueInBetween: { meterValues: [103] },
    PartnerProductID: 'AC1',
    EMPPartnerSessionID: 'emp-1',
  }
  await w.cpo.chargeDetailRecord(cdr)
  await w.hub.idle()
  await until(() => w.atEmp.some((r) => r.operation === 'chargeDetailRecord'), 'the CDR at the EMP')
  await w.emp.getChargeDetailRecords({
    ProviderID: PROVIDER,
    From: new Date(Date.now() - 3_600_000).toISOString(),
    To: new Date(Date.now() + 60_000).toISOString(),
  })

  // A reservation at the CPO, cancelled.
  const reserved = await w.emp.authorizeRemoteReservationStart({
    ProviderID: PROVIDER,
    EvseID: records[1]!.EvseID,
    Identification: { RemoteIdentification: { EvcoID: EVCO } },
    Duration: 15,
    PartnerProductID: 'AC1',
  })
  await w.emp.authorizeRemoteReservationStop({
    ProviderID: PROVIDER,
    EvseID: records[1]!.EvseID,
    SessionID: reserved.SessionID!,
  })

  // A CPO without a server: the hub's simulated charge point reports to the EMP itself.
  const simulated = evse(9, { operator: OTHER_OPERATOR }).EvseID
  const remote = await w.emp.authorizeRemoteStart({
    ProviderID: PROVIDER,
    EvseID: simulated,
    Identification: { RemoteIdentification: { EvcoID: EVCO } },
  })
  await w.hub.idle()
  await w.emp.authorizeRemoteStop({ ProviderID: PROVIDER, EvseID: simulated, SessionID: remote.SessionID! })
  await w.hub.idle()
  await until(
    () => w.atEmp.some((r) => r.operation === 'chargeDetailRecord' && r.body.SessionID === remote.SessionID),
    'the simulated CDR at the EMP',
  )

  // Refusals: a second CDR, an unknown EVSE, a body that is not a valid message.
  await w.cpo.chargeDetailRecord(cdr).catch(() => undefined)
  await w.emp
    .authorizeRemoteStart({
      ProviderID: PROVIDER,
      EvseID: 'DE*ABC*E99999',
      Identification: { RemoteIdentification: { EvcoID: EVCO } },
    })
    .catch(() => undefined)
  await w.raw(`/charging/v21/providers/${encodeURIComponent(PROVIDER)}/authorize-remote/start`, {
    ProviderID: PROVIDER,
  })
  await w.hub.idle()
}

const sources = oicpSources()
if (!sources.found) notRun('wire-hub.test.ts', sources.reason)
else {
  const trees: Record<Tree, HubjectOpenApi> = {
    cpo: new HubjectOpenApi(join(sources.dir, '2.3', 'openapi-cpo'), 'cpo'),
    emp: new HubjectOpenApi(join(sources.dir, '2.3', 'openapi-emp'), 'emp'),
  }
  const wire: WireRecord[] = []
  let w: World
  test.before(async () => {
    w = await startWorld({}, (r) => wire.push(r))
  })
  test.after(async () => {
    await w?.close()
  })

  test('every answer of the hub and every request it forwards validates against the official schema, but for the written exceptions', async () => {
    await session(w)
    const { checked, found } = findings(trees, wire)
    const served = new Set(hubRoutes.routes.map((r) => r.operation.name))
    const answered = new Set([...checked.keys()].filter((k) => k.startsWith('answer')).map((k) => k.split(': ')[1]))
    assert.equal(
      [...served].filter((n) => !answered.has(n)),
      [],
      'every operation of the hub is exercised',
    )
    const forwarded = [...checked.keys()].filter((k) => k.startsWith('forwarded')).sort()
    assert.equal(forwarded, [
      'forwarded to cpo: eRoamingAuthorizeRemoteReservationStart',
      'forwarded to cpo: eRoamingAuthorizeRemoteReservationStop',
      'forwarded to cpo: eRoamingAuthorizeRemoteStart',
      'forwarded to cpo: eRoamingAuthorizeRemoteStop',
      'forwarded to emp: eRoamingAuthorizeStart',
      'forwarded to emp: eRoamingAuthorizeStop',
      'forwarded to emp: eRoamingChargeDetailRecord',
      'forwarded to emp: eRoamingChargingNotifications',
    ])
    const open = found.filter((f) => !excepted(f))
    assert.equal(
      open.map((f) => `${f.where} (${f.message} against ${f.schema}): ${f.at || '/'} ${f.keyword} ${f.text}`),
      [],
    )
    const unused = EXCEPTIONS.filter((x) => !found.some((f) => excepted(f) === x))
    assert.equal(
      unused.map((x) => `${x.message} ${x.at} ${x.keyword}`),
      [],
      'every exception is still needed',
    )
    const errata = readFileSync('spec/ERRATA.md', 'utf8')
    assert.equal(
      EXCEPTIONS.filter((x) => !errata.includes(x.errata)).map((x) => x.errata),
      [],
      'every exception is an ERRATA.md entry',
    )
  })

  test('the check can fail: a body the official schema refuses is reported', () => {
    const refused = trees.emp.check(
      '/dynamicpricing/v10/providers/{ProviderID}/evse-pricing',
      'response',
      ['eRoamingEVSEPricing'],
      {
        EVSEPricing: [
          { OperatorID: OPERATOR, EVSEPricing: [{ EvseID: 'DE*ABC*E1', ProviderID: '*', EvseIDProductList: ['AC1'] }] },
        ],
      },
    )
    assert.equal(
      refused.errors.map((e) => [e.instancePath, e.keyword]),
      [['/EVSEPricing/0/EVSEPricing/0/ProviderID', 'pattern']],
    )
    const textual = trees.emp.check(
      '/dynamicpricing/v10/providers/{ProviderID}/evse-pricing',
      'response',
      ['eRoamingEVSEPricing'],
      { OperatorEVSEPricing: [] },
    )
    assert.equal(
      textual.errors.map((e) => e.keyword),
      ['required'],
    )
  })
}

test.run()
