// SearchCenter through the position index, and coordinates in the notation asked for.
// Points a few metres inside and outside the circle at every bearing (north and south of
// the centre, and east and west where the circle is widest), circles across Europe from
// Lisbon to Helsinki, filters beside a circle; every pushed notation pulled in every
// notation, compared with the object conversion (geo.ts writePosition) and checked
// exactly valid.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { messages } from '../generated/oicp-2.3/index.js'
import { writePosition } from '../hub/geo.js'
import { coreHub, type CoreHub } from './support/hub-core-calls.js'
import { evse } from './support/hub-setup.js'

type Rec = ReturnType<typeof evse>
type Geo = Rec['GeoCoordinates']

// The test's own great circle (the hub's radius is the mean earth radius, in km).
const R = 6371.0088
const rad = (d: number) => (d * Math.PI) / 180
const deg = (r: number) => (r * 180) / Math.PI
function haversine(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2
  return 2 * R * Math.asin(Math.sqrt(h))
}
/** The point `km` from `from` at `bearing` degrees, rounded to the 6 decimals a record carries. */
function destination(from: { lat: number; lon: number }, bearing: number, km: number): { lat: number; lon: number } {
  const d = km / R
  const lat1 = rad(from.lat)
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(rad(bearing)))
  const lon2 =
    rad(from.lon) +
    Math.atan2(Math.sin(rad(bearing)) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2))
  return { lat: Number(deg(lat2).toFixed(6)), lon: Number(deg(lon2).toFixed(6)) }
}

const CITIES: Array<[string, number, number, string]> = [
  ['Lisboa', 38.722252, -9.139337, 'PRT'],
  ['Madrid', 40.416775, -3.70379, 'ESP'],
  ['Paris', 48.856613, 2.352222, 'FRA'],
  ['London', 51.507351, -0.127758, 'GBR'],
  ['Berlin', 52.520008, 13.404954, 'DEU'],
  ['Wien', 48.208174, 16.373819, 'AUT'],
  ['Roma', 41.902782, 12.496366, 'ITA'],
  ['Helsinki', 60.169856, 24.938379, 'FIN'],
  ['Athína', 37.98381, 23.727539, 'GRC'],
  ['Oslo', 59.913869, 10.752245, 'NOR'],
]

let h: CoreHub
const placed: Array<{ id: string; lat: number; lon: number; country: string }> = []

test.before(async () => {
  h = await coreHub()
  const records: Rec[] = []
  let n = 0
  const add = (lat: number, lon: number, country: string) => {
    const r = evse(++n, { operator: 'DE*GEO', lat, lon, country })
    records.push(r)
    placed.push({ id: r.EvseID, lat, lon, country })
  }
  for (const [, lat, lon, country] of CITIES) {
    add(lat, lon, country)
    // Rings 5 km ± 10 m around each city, every 15°.
    for (let b = 0; b < 360; b += 15) {
      for (const km of [4.99, 5.01]) {
        const p = destination({ lat, lon }, b, km)
        add(p.lat, p.lon, country)
      }
    }
  }
  assert.is((await h.pushData('DE*GEO', 'fullLoad', records)).json.Result, true)
})

test.after(async () => {
  await h?.close()
})

async function around(
  lat: number,
  lon: number,
  radius: number,
  extra: Record<string, unknown> = {},
): Promise<string[]> {
  const ids: string[] = []
  for (let page = 0; ; page++) {
    const p = (
      await h.pull(
        {
          SearchCenter: {
            GeoCoordinates: { DecimalDegree: { Latitude: lat.toFixed(6), Longitude: lon.toFixed(6) } },
            Radius: radius,
          },
          ...extra,
        },
        page,
        500,
      )
    ).json
    ids.push(...p.content.map((r: Rec) => r.EvseID))
    if (p.last) return ids
  }
}

const expected = (
  lat: number,
  lon: number,
  radius: number,
  keep: (p: (typeof placed)[number]) => boolean = () => true,
) => placed.filter((p) => keep(p) && haversine({ lat, lon }, p) <= radius).map((p) => p.id)

test('at the edge of the radius: 10 m inside is in, 10 m outside is out, at every bearing', async () => {
  for (const [name, lat, lon] of CITIES) {
    const ids = await around(lat, lon, 5)
    assert.is(ids.length, 1 + 24, name)
    assert.equal(ids, expected(lat, lon, 5), name)
  }
})

// (A radius is at most 999.9 km: the spec gives it 4 digits, one of them a fraction.)
test('circles across Europe, from Lisbon to Helsinki, match a count by hand', async () => {
  for (const [lat, lon, radius] of [
    [48.2, 16.37, 999.9],
    [46, 2, 999],
    [50, 10, 999],
    [43, 0, 950],
    [38.7, -9.1, 650],
    [60.17, 24.94, 800],
    [52.52, 13.4, 0],
  ] as const) {
    const want = expected(lat, lon, radius)
    if (radius > 0)
      assert.ok(want.length > 25 && want.length < placed.length, `${radius} km: ${want.length} of ${placed.length}`)
    assert.equal(await around(lat, lon, radius), want, `${lat} ${lon} ${radius} km`)
  }
  assert.equal(
    await around(52.520008, 13.404954, 0),
    [placed.find((p) => p.lat === 52.520008)!.id],
    'radius 0: the centre itself',
  )
})

test('a circle with other filters beside it', async () => {
  const want = expected(50, 10, 999, (p) => p.country === 'DEU' || p.country === 'FRA')
  assert.ok(want.length > 40)
  assert.equal(await around(50, 10, 999, { CountryCodes: ['DEU', 'FRA'] }), want)
  assert.equal(await around(50, 10, 999, { OperatorIds: ['DE*XXX'] }), [])
})

test('every notation pushed, every notation pulled: as pushed when it is the same, converted otherwise; exactly valid', async () => {
  const n = await coreHub()
  try {
    const geos: Geo[] = [
      { Google: { Coordinates: '52.520008,13.404954' } },
      { DecimalDegree: { Latitude: '48.208174', Longitude: '-9.139337' } },
      { DegreeMinuteSeconds: { Latitude: "60°10'11.48''", Longitude: "-3° 42' 13.64''" } },
    ]
    const records = geos.map((GeoCoordinates, i) => ({
      ...evse(i + 1, { operator: 'DE*NOT' }),
      ChargingStationId: `S${i}`,
      GeoCoordinates,
      GeoChargingPointEntrance: geos[(i + 1) % 3]!,
    }))
    assert.is((await n.pushData('DE*NOT', 'fullLoad', records)).json.Result, true)
    for (const format of ['Google', 'DecimalDegree', 'DegreeMinuteSeconds'] as const) {
      const page = await n.pull({ GeoCoordinatesResponseFormat: format })
      const valid = messages.validate('eRoamingEvseData', JSON.parse(page.text), { mode: 'exact' })
      assert.ok(valid.ok, JSON.stringify(!valid.ok && valid.errors.slice(0, 3)))
      page.json.content.forEach((r: Rec & Record<string, unknown>, i: number) => {
        assert.equal(r.GeoCoordinates, writePosition(geos[i]!, format), `${format} from ${Object.keys(geos[i]!)[0]}`)
        assert.equal(r.GeoChargingPointEntrance, writePosition(geos[(i + 1) % 3]!, format))
        if (format in geos[i]!) assert.equal(r.GeoCoordinates, geos[i], 'the pushed text itself')
        // Pushed as ChargingStationId, pulled as ChargingStationID (PullEvseDataRecord's spelling).
        assert.equal([r.ChargingStationID, r.ChargingStationId], [`S${i}`, undefined])
      })
    }
  } finally {
    await n.close()
  }
})

test.run()
