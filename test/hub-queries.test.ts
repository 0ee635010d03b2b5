// PullEvseData and the status pulls as the database answers them: page order and totals
// under every filter, against a selection computed here from what was pushed; LastCall
// deltas after updates, deletions, fullLoads and re-inserts; status by operator (groups
// in arrival order) and by area; pages sent as raw JSON that is still exactly valid, and
// every other answer still validated by the core.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { cpoRoutes, messages, type CpoHandlers } from '../generated/oicp-2.3/index.js'
import { createServerCore, mount, rawJson } from '../runtime/index.js'
import { coreHub, type CoreHub } from './support/hub-core-calls.js'
import { evse } from './support/hub-setup.js'

type Rec = ReturnType<typeof evse>

const ACCESS = ['Free publicly accessible', 'Restricted access', 'Paying publicly accessible', 'Test Station'] as const
const AUTH = [
  'NFC RFID Classic',
  'NFC RFID DESFire',
  'PnC',
  'REMOTE',
  'Direct Payment',
  'No Authentication Required',
] as const
const CALIBRATION = ['Local', 'External', 'Not Available'] as const

/** Record n of an operator, its fields varied by n so that every filter splits the set. */
function record(operator: string, n: number, country: string): Rec {
  const r = evse(n, { operator, country, lat: 48 + n * 0.01, lon: 9 + n * 0.01 })
  r.Accessibility = ACCESS[n % 4]!
  r.AuthenticationModes = n % 3 === 0 ? [AUTH[n % 6]!, AUTH[(n + 2) % 6]!] : [AUTH[n % 6]!]
  r.CalibrationLawDataAvailability = CALIBRATION[n % 3]!
  r.RenewableEnergy = n % 2 === 0
  r.IsHubjectCompatible = n % 5 !== 0
  r.IsOpen24Hours = n % 3 !== 1
  if (!r.IsOpen24Hours) r.OpeningTimes = [{ Period: [{ begin: '08:00', end: '20:00' }], on: 'Workdays' }]
  return r
}

const key = (id: string) => id.replace(/\*/g, '')
const byKey = (a: Rec, b: Rec) => (key(a.EvseID) < key(b.EvseID) ? -1 : 1)

let h: CoreHub
const live: Rec[] = []

test.before(async () => {
  h = await coreHub()
  const sets: Array<[string, string, number]> = [
    ['FR*XYZ', 'FRA', 23],
    ['DE*ABC', 'DEU', 31],
    ['NL*QQQ', 'NLD', 17],
  ]
  for (const [operator, country, count] of sets) {
    // Pushed in reverse, so that arrival order is not EvseID order.
    const records = Array.from({ length: count }, (_, i) => record(operator, count - i, i % 9 === 4 ? 'AUT' : country))
    assert.is((await h.pushData(operator, 'fullLoad', records)).json.Result, true)
    live.push(...records)
  }
  const gone = live.filter((r) => r.EvseID.endsWith('07'))
  for (const r of gone) assert.is((await h.pushData(r.EvseID.slice(0, 6), 'delete', [r])).json.Result, true)
  live.splice(0, live.length, ...live.filter((r) => !gone.includes(r)).sort(byKey))
})

test.after(async () => {
  await h?.close()
})

/** Every page of a pull at `size`, checked page by page; the EvseIDs in the order served. */
async function walk(request: Record<string, unknown>, size: number): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = []
  let total = -1
  for (let n = 0; ; n++) {
    const page = await h.pull(request, n, size)
    assert.is(page.status, 200, page.text)
    const p = page.json
    if (total < 0) total = p.totalElements
    assert.is(p.totalElements, total)
    assert.is(p.totalPages, Math.ceil(total / size))
    assert.is(p.number, n)
    assert.is(p.size, size)
    assert.is(p.first, n === 0)
    assert.is(p.numberOfElements, p.content.length)
    ids.push(...p.content.map((r: Rec) => r.EvseID))
    if (p.last) {
      assert.ok(n >= p.totalPages - 1)
      return { ids, total }
    }
    assert.is(p.content.length, size)
  }
}

const FILTERS: Array<[string, Record<string, unknown>, (r: Rec) => boolean]> = [
  ['none', {}, () => true],
  ['CountryCodes', { CountryCodes: ['AUT', 'NLD'] }, (r) => ['AUT', 'NLD'].includes(r.Address.Country)],
  ['OperatorIds', { OperatorIds: ['FR*XYZ', 'NLQQQ'] }, (r) => /^(FR|NL)/.test(r.EvseID)],
  [
    'Accessibility',
    { Accessibility: ['Restricted access', 'Test Station'] },
    (r) => ['Restricted access', 'Test Station'].includes(r.Accessibility),
  ],
  [
    'AuthenticationModes',
    { AuthenticationModes: ['PnC', 'REMOTE'] },
    (r) => r.AuthenticationModes.some((m) => m === 'PnC' || m === 'REMOTE'),
  ],
  [
    'CalibrationLawDataAvailability',
    { CalibrationLawDataAvailability: ['External'] },
    (r) => r.CalibrationLawDataAvailability === 'External',
  ],
  ['RenewableEnergy', { RenewableEnergy: false }, (r) => !r.RenewableEnergy],
  ['IsHubjectCompatible', { IsHubjectCompatible: false }, (r) => !r.IsHubjectCompatible],
  ['IsOpen24Hours', { IsOpen24Hours: true }, (r) => r.IsOpen24Hours],
  [
    'several at once',
    {
      CountryCodes: ['DEU', 'FRA', 'AUT'],
      IsOpen24Hours: true,
      RenewableEnergy: true,
      AuthenticationModes: ['NFC RFID Classic', 'NFC RFID DESFire', 'PnC'],
    },
    (r) =>
      ['DEU', 'FRA', 'AUT'].includes(r.Address.Country) &&
      r.IsOpen24Hours &&
      r.RenewableEnergy &&
      r.AuthenticationModes.some((m) => m.startsWith('NFC') || m === 'PnC'),
  ],
  ['a filter nothing passes', { CountryCodes: ['ESP'] }, () => false],
]

for (const [name, filter, keep] of FILTERS) {
  test(`paging under a filter: ${name}`, async () => {
    const expected = live.filter(keep).map((r) => r.EvseID)
    for (const size of [7, 2000]) {
      const { ids, total } = await walk(filter, size)
      assert.is(total, expected.length)
      assert.equal(ids, expected)
    }
    if (name === 'none') assert.ok(expected.length > 60, 'the set is large enough to page')
  })
}

test('a page past the end is empty and last; sizes out of range are refused', async () => {
  const past = (await h.pull({}, 40, 7)).json
  assert.is(past.content.length, 0)
  assert.is(past.totalElements, live.length)
  assert.ok(past.last && !past.first)
  assert.is((await h.pull({}, 0, 2001)).status, 400)
  assert.is((await h.pull({}, -1, 20)).status, 400)
})

test('pages are raw JSON that is valid in exact mode, with the operator named and lastUpdate set', async () => {
  const page = await h.pull({}, 1, 25)
  const valid = messages.validate('eRoamingEvseData', JSON.parse(page.text), { mode: 'exact' })
  assert.ok(valid.ok, JSON.stringify(!valid.ok && valid.errors.slice(0, 3)))
  for (const r of page.json.content) {
    assert.is(r.OperatorID, r.EvseID.slice(0, 6))
    assert.is(r.OperatorName, `${r.OperatorID} operator`)
    assert.ok(!Number.isNaN(Date.parse(r.lastUpdate)))
    assert.is(r.deltaType, undefined)
  }
})

test('LastCall: updates, deletions, a fullLoad that deletes and repeats, a re-insert; unchanged records stay out', async () => {
  const d = await coreHub()
  try {
    const op = 'DE*DLT'
    const a = (n: number) => record(op, n, 'DEU')
    await d.pushData(op, 'fullLoad', [1, 2, 3, 4, 5, 6].map(a))
    const since = new Date().toISOString()
    await new Promise((r) => setTimeout(r, 5))
    await d.pushData(op, 'update', [{ ...a(1), HotlinePhoneNumber: '+4930999999' }])
    await d.pushData(op, 'delete', [a(2)])
    // Repeats 1 (as updated) and 3, 4, 6 unchanged; leaves 5 out (deleted); adds 7.
    await d.pushData(op, 'fullLoad', [{ ...a(1), HotlinePhoneNumber: '+4930999999' }, a(3), a(4), a(6), a(7)])
    await d.pushData(op, 'insert', [a(2)])
    await d.pushData(op, 'update', [a(6)]) // the same record again: no change
    const delta = (await d.pull({ LastCall: since })).json
    assert.equal(
      delta.content.map((r: Rec) => [r.EvseID, r.deltaType]),
      [
        [a(1).EvseID, 'update'],
        [a(2).EvseID, 'insert'],
        [a(5).EvseID, 'delete'],
        [a(7).EvseID, 'insert'],
      ],
    )
    assert.is(delta.totalElements, 4)
    for (const r of delta.content) assert.ok(Date.parse(r.lastUpdate) > Date.parse(since))
    assert.is(delta.content[2].ChargingStationNames[0].value, 'Station 5', 'a deletion carries its record')
    // Paged like any pull; nothing changed since the last one.
    const paged = await Promise.all(
      [0, 1].map(async (n) => (await d.pull({ LastCall: since }, n, 3)).json.content.map((r: Rec) => r.EvseID)),
    )
    assert.equal(
      paged.flat(),
      delta.content.map((r: Rec) => r.EvseID),
    )
    const later = new Date(
      Date.parse(
        delta.content
          .map((r: Rec) => r.lastUpdate)
          .sort()
          .at(-1),
      ),
    ).toISOString()
    assert.is((await d.pull({ LastCall: later })).json.totalElements, 0)
    // A delta with a SearchCenter is refused (the spec's rule), so circles see live records only.
    const area = { SearchCenter: { GeoCoordinates: { Google: { Coordinates: '48.010000 9.010000' } }, Radius: 5 } }
    assert.is((await d.pull({ LastCall: since, ...area })).status, 400)
    // The deleted ones are gone from a full pull.
    const full = (await d.pull({})).json.content.map((r: Rec) => r.EvseID)
    assert.equal(
      full,
      [1, 2, 3, 4, 6, 7].map((n) => a(n).EvseID),
    )
  } finally {
    await d.close()
  }
})

test('status by operator: groups in order of first arrival, records in arrival order; by area: live EVSEs in the circle', async () => {
  const s = await coreHub()
  try {
    const berlin = (n: number) => evse(n, { operator: 'DE*ABC', lat: 52.52 + n * 0.001, lon: 13.405 })
    const paris = (n: number) => evse(n, { operator: 'FR*XYZ', lat: 48.857, lon: 2.352 + n * 0.001, country: 'FRA' })
    await s.pushData('DE*ABC', 'fullLoad', [1, 2, 3, 4].map(berlin), 'ABC Laden')
    await s.pushData('FR*XYZ', 'fullLoad', [1, 2, 3].map(paris), 'XYZ Recharge')
    await s.pushStatus(
      'FR*XYZ',
      'fullLoad',
      [3, 1].map((n) => ({ EvseID: paris(n).EvseID, EvseStatus: 'Occupied' })),
    )
    await s.pushStatus(
      'DE*ABC',
      'fullLoad',
      [4, 2, 1, 3].map((n) => ({ EvseID: berlin(n).EvseID, EvseStatus: n % 2 ? 'Available' : 'Occupied' })),
    )
    await s.pushStatus('FR*XYZ', 'insert', [{ EvseID: paris(2).EvseID, EvseStatus: 'Available' }])
    const byOperator = async (ids: string[]) =>
      (
        await s.post('/evsepull/v21/providers/DE-8EO/status-records-by-operator-id', {
          ProviderID: 'DE-8EO',
          OperatorID: ids,
        })
      ).json.EvseStatuses.OperatorEvseStatus
    const de = await byOperator(['DE*ABC'])
    assert.equal(de, [
      {
        OperatorID: 'DE*ABC',
        OperatorName: 'ABC Laden',
        EvseStatusRecord: [4, 2, 1, 3].map((n) => ({
          EvseID: berlin(n).EvseID,
          EvseStatus: n % 2 ? 'Available' : 'Occupied',
        })),
      },
    ])
    const both = await byOperator(['DEABC', 'FR*XYZ'])
    assert.equal(
      both.map((g: { OperatorID: string }) => g.OperatorID),
      ['FR*XYZ', 'DE*ABC'],
    )
    assert.equal(
      both[0].EvseStatusRecord.map((r: { EvseID: string }) => r.EvseID),
      [3, 1, 2].map((n) => paris(n).EvseID),
    )
    assert.equal(await byOperator(['ES*NOP']), [])

    await s.pushData('DE*ABC', 'delete', [berlin(3)], 'ABC Laden')
    const area = async (extra: Record<string, unknown>) =>
      (
        await s.post('/evsepull/v21/providers/DE-8EO/status-records', {
          ProviderID: 'DE-8EO',
          SearchCenter: { GeoCoordinates: { Google: { Coordinates: '52.520000 13.405000' } }, Radius: 0.3 },
          ...extra,
        })
      ).json.EvseStatuses.OperatorEvseStatus
    // Within 300 m: EVSEs 1 and 2 (111 m apart each); 3 is deleted, 4 is 445 m away.
    assert.equal(await area({}), [
      {
        OperatorID: 'DE*ABC',
        OperatorName: 'ABC Laden',
        EvseStatusRecord: [2, 1].map((n) => ({
          EvseID: berlin(n).EvseID,
          EvseStatus: n % 2 ? 'Available' : 'Occupied',
        })),
      },
    ])
    assert.equal((await area({ EVSEStatus: 'Available' }))[0].EvseStatusRecord, [
      { EvseID: berlin(1).EvseID, EvseStatus: 'Available' },
    ])
    // By operator, a deleted EVSE's status is still there, as pushed.
    assert.is((await byOperator(['DE*ABC']))[0].EvseStatusRecord.length, 4)
  } finally {
    await s.close()
  }
})

test('the core writes a raw answer as it is, and still refuses an invalid answer that is not raw', async () => {
  const ack = '{"Result":true,"StatusCode":{"Code":"000"},"SessionID":"b2688855-7f00-0002-6d8e-48d883f6abb6"}'
  const handlers = (start: CpoHandlers['authorizeRemoteStart']): CpoHandlers => ({
    authorizeRemoteStart: start,
    authorizeRemoteStop: async () => ({ Result: true, StatusCode: { Code: '000' } }),
    authorizeRemoteReservationStart: async () => ({ Result: true, StatusCode: { Code: '000' } }),
    authorizeRemoteReservationStop: async () => ({ Result: true, StatusCode: { Code: '000' } }),
  })
  const body = JSON.stringify({
    SessionID: 'b2688855-7f00-0002-6d8e-48d883f6abb6',
    ProviderID: 'DE*8EO',
    EvseID: 'DE*ABC*E1234',
    Identification: { RemoteIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3' } },
  })
  const call = (h: CpoHandlers) =>
    createServerCore(mount(cpoRoutes, h)).handle({
      method: 'POST',
      url: '/api/oicp/charging/v21/providers/DE*8EO/authorize-remote/start',
      headers: {},
      body,
    })
  const raw = await call(handlers(() => rawJson(ack)))
  assert.is(raw.status, 200)
  assert.is(raw.body, ack)
  const invalid = await call(handlers(async () => ({ Result: 'yes' }) as never))
  assert.is(invalid.status, 500)
  assert.is(JSON.parse(invalid.body).StatusCode.Code, '021')
})

test.run()
