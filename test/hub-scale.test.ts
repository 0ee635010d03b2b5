// The hub's pulls on data shaped like the real network's (the bench's generator: 20
// countries, every plug type, all three notations), at a size a test can afford; the
// generator's records are valid and varied; and a schema 1 database (records kept as
// pushed) migrates to schema 2 and serves what it held.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { evseDataPush, evseRecord, evseStatusPush, operator, position } from '../bench/evse-generator.js'
import * as S from '../generated/oicp-2.3/schemas.js'
import { messages } from '../generated/oicp-2.3/index.js'
import { pullEvseDataPage } from '../hub/evse-pull.js'
import { distanceKm } from '../hub/geo.js'
import { startHub } from '../hub/index.js'
import { Ledger } from '../hub/ledger.js'
import { migrate, SCHEMA_VERSION } from '../hub/storage/schema.js'
import { evse } from './support/hub-setup.js'

/** Commits an operator's records as the hub commits an insert push. */
function insert(ledger: Ledger, op: ReturnType<typeof operator>, records: S.EvseDataRecord[]) {
  return ledger.commit({
    kind: 'evseData',
    at: 0,
    action: 'insert',
    operatorId: op.operatorId,
    operatorName: op.name,
    records,
  })
}

const values = (schema: unknown) => (schema as { enum: string[] }).enum

test('the generator: exactly valid pushes, every plug, power type, mode, authentication, accessibility and notation', () => {
  const seen = {
    plugs: new Set<string>(),
    power: new Set<string>(),
    modes: new Set<string>(),
    auth: new Set<string>(),
    access: new Set<string>(),
    notations: new Set<string>(),
  }
  const operators = new Set<string>()
  for (let o = 0; o < 100; o++) {
    const op = operator(o)
    operators.add(op.operatorId)
    if (o % 10 !== 0) continue
    const push = evseDataPush(op, o * 100, 300)
    const valid = messages.validate('eRoamingPushEvseData', push, { mode: 'exact' })
    assert.ok(valid.ok, `${op.operatorId}: ${JSON.stringify(!valid.ok && valid.errors.slice(0, 2))}`)
    assert.ok(messages.validate('eRoamingPushEvseStatus', evseStatusPush(op, 0, 300), { mode: 'exact' }).ok)
    for (const r of push.OperatorEvseData.EvseDataRecord) {
      r.Plugs.forEach((p) => seen.plugs.add(p))
      r.ChargingFacilities.forEach(
        (f) => (seen.power.add(f.PowerType), f.ChargingModes?.forEach((m) => seen.modes.add(m))),
      )
      r.AuthenticationModes.forEach((m) => seen.auth.add(m))
      seen.access.add(r.Accessibility)
      seen.notations.add(Object.keys(r.GeoCoordinates)[0]!)
      const at = position(op, Number(r.EvseID.slice(-7)))
      assert.ok(at.lat > 35 && at.lat < 72 && at.lon > -11 && at.lon < 32, `${r.EvseID} in Europe`)
    }
  }
  assert.is(operators.size, 100)
  assert.equal(seen.plugs.size, values(S.Plug).length)
  assert.equal(seen.power.size, values(S.PowerType).length)
  assert.equal(seen.modes.size, values(S.ChargingMode).length)
  assert.equal(seen.auth.size, values(S.AuthenticationMode).length)
  assert.equal(seen.access.size, values(S.Accessibility).length)
  assert.equal(seen.notations, new Set(['Google', 'DecimalDegree', 'DegreeMinuteSeconds']))
})

test('20,000 generated EVSEs: first, deep and last pages in EvseID order; a 5 km circle as counted by hand', async () => {
  const { ledger } = Ledger.open()
  try {
    const all: Array<{ key: string; id: string; lat: number; lon: number }> = []
    for (let o = 0; o < 20; o++) {
      const op = operator(o * 5)
      const push = evseDataPush(op, 0, 1000)
      await insert(ledger, op, push.OperatorEvseData.EvseDataRecord)
      for (let i = 0; i < 1000; i++)
        all.push({
          key: push.OperatorEvseData.EvseDataRecord[i]!.EvseID.replace(/\*/g, ''),
          id: push.OperatorEvseData.EvseDataRecord[i]!.EvseID,
          ...position(op, i),
        })
    }
    all.sort((a, b) => (a.key < b.key ? -1 : 1))
    const request = { ProviderID: 'DE-8EO', GeoCoordinatesResponseFormat: 'DecimalDegree' } as const
    for (const n of [0, 17, 39]) {
      const page = JSON.parse(pullEvseDataPage(ledger.store, request, { page: n, size: 500 }).json)
      assert.is(page.totalElements, 20_000)
      assert.equal(
        page.content.map((r: { EvseID: string }) => r.EvseID),
        all.slice(n * 500, n * 500 + 500).map((e) => e.id),
      )
      assert.is(page.last, n === 39)
    }
    const berlin = { lat: 52.52, lon: 13.405 }
    const near = all.filter((e) => distanceKm(berlin, e) <= 5).map((e) => e.id)
    assert.ok(near.length > 10, `${near.length} near Berlin`)
    const circle = JSON.parse(
      pullEvseDataPage(
        ledger.store,
        { ...request, SearchCenter: { GeoCoordinates: { Google: { Coordinates: '52.520000 13.405000' } }, Radius: 5 } },
        { size: 2000 },
      ).json,
    )
    assert.equal(
      circle.content.map((r: { EvseID: string }) => r.EvseID),
      near,
    )
  } finally {
    ledger.close()
  }
})

test('a schema 1 database migrates to schema 2: records, deletions, positions and deltas as before', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-hub-migrate-'))
  try {
    const file = join(dir, 'hub.db')
    const db = new Database(file)
    migrate(db, file, 1)
    const records = [1, 2, 3].map((n) => ({ ...evse(n, { operator: 'DE*ABC' }), ChargingStationId: `S${n}` }))
    records[2]!.GeoCoordinates = { DegreeMinuteSeconds: { Latitude: "52°31'12.00''", Longitude: "13°24'18.00''" } }
    db.prepare("INSERT INTO operator VALUES ('DEABC', 'DE*ABC', 'ABC Laden')").run()
    const insert = db.prepare(
      'INSERT INTO evse (id, key, operator_key, country, created, updated, deleted, lat, lon, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    records.forEach((r, i) => {
      const [lat, lon] = i < 2 ? r.GeoCoordinates.Google!.Coordinates.split(' ').map(Number) : [52.52, 13.405]
      // Record 2 was deleted at 5000; the schema 1 hub kept its position in the index.
      insert.run(
        i + 1,
        r.EvseID.replace(/\*/g, ''),
        'DEABC',
        'DEU',
        1000 + i,
        i === 1 ? 5000 : 1000 + i,
        i === 1 ? 1 : 0,
        lat,
        lon,
        JSON.stringify(r),
      )
      db.prepare('INSERT INTO evse_position VALUES (?, ?, ?, ?, ?)').run(i + 1, lat, lat, lon, lon)
    })
    db.pragma('user_version = 1')
    db.close()

    const hub = await startHub({ dataDir: dir })
    try {
      const pull = (extra: object) =>
        JSON.parse(
          pullEvseDataPage(hub.store, { ProviderID: 'DE-8EO', GeoCoordinatesResponseFormat: 'Google', ...extra }, {})
            .json,
        )
      const full = pull({})
      assert.equal(
        full.content.map((r: { EvseID: string; ChargingStationID: string; OperatorName: string }) => [
          r.EvseID,
          r.ChargingStationID,
          r.OperatorName,
        ]),
        [
          [records[0]!.EvseID, 'S1', 'ABC Laden'],
          [records[2]!.EvseID, 'S3', 'ABC Laden'],
        ],
      )
      assert.equal(full.content[1].GeoCoordinates, { Google: { Coordinates: '52.520000 13.405000' } })
      assert.ok(messages.validate('eRoamingEvseData', full, { mode: 'exact' }).ok)
      const delta = pull({ LastCall: new Date(1500).toISOString() })
      assert.equal(
        delta.content.map((r: { EvseID: string; deltaType: string }) => [r.EvseID, r.deltaType]),
        [[records[1]!.EvseID, 'delete']],
      )
      const circle = pull({
        SearchCenter: { GeoCoordinates: { Google: { Coordinates: '52.520000 13.405000' } }, Radius: 1 },
      })
      assert.equal(
        circle.content.map((r: { EvseID: string }) => r.EvseID),
        [records[0]!.EvseID, records[2]!.EvseID],
        'the deleted one left the position index',
      )
      assert.equal(
        hub.store.evses.get('DEABCE00003')!.record,
        records[2],
        'the record as pushed, from its stored parts',
      )
    } finally {
      await hub.close()
    }
    const after = new Database(file, { readonly: true })
    assert.is(after.pragma('user_version', { simple: true }), SCHEMA_VERSION)
    after.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('every generated record reads back as pushed', async () => {
  const { ledger } = Ledger.open()
  try {
    const op = operator(41)
    const records = Array.from({ length: 200 }, (_, i) => evseRecord(op, i * 7))
    await insert(ledger, op, records)
    for (const r of records) assert.equal(ledger.store.evses.get(r.EvseID.replace(/\*/g, ''))!.record, r)
  } finally {
    ledger.close()
  }
})

test.run()
