// The charge point's own UTC offset, from its IANA zone: daylight saving, half-hour zones,
// negative offsets, the hour that repeats in autumn; every result is a valid OICP dateTime.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { localTimestamp, utcOffsetMinutes } from '../runtime/index.js'
import { isDateTime } from '../runtime/internal.js'

const cases: Array<[string, string, string]> = [
  ['2024-05-01T12:30:00Z', 'Europe/Berlin', '2024-05-01T14:30:00+02:00'],
  ['2024-01-15T12:30:00Z', 'Europe/Berlin', '2024-01-15T13:30:00+01:00'],
  ['2024-07-01T03:15:00Z', 'America/New_York', '2024-06-30T23:15:00-04:00'],
  ['2024-07-01T03:15:00Z', 'Asia/Kolkata', '2024-07-01T08:45:00+05:30'],
  ['2024-07-01T03:15:00Z', 'Asia/Kathmandu', '2024-07-01T09:00:00+05:45'],
  ['2024-07-01T03:15:00.250Z', 'UTC', '2024-07-01T03:15:00.250+00:00'],
  // 27 October 2024, 02:30 local happens twice in Berlin: first at +02:00, then at +01:00.
  ['2024-10-27T00:30:00Z', 'Europe/Berlin', '2024-10-27T02:30:00+02:00'],
  ['2024-10-27T01:30:00Z', 'Europe/Berlin', '2024-10-27T02:30:00+01:00'],
]

test('local timestamps carry the offset of the zone at that instant', () => {
  for (const [instant, zone, expected] of cases) {
    const got = localTimestamp(new Date(instant), zone)
    assert.is(got, expected, `${instant} in ${zone}`)
    assert.ok(isDateTime(got), `${got} is an OICP dateTime`)
    assert.is(new Date(got).getTime(), new Date(instant).getTime(), 'the same instant')
  }
})

test('offsets in minutes, and clear errors for unknown zones or instants', () => {
  assert.is(utcOffsetMinutes(new Date('2024-05-01T12:00:00Z'), 'Europe/Berlin'), 120)
  assert.is(utcOffsetMinutes(new Date('2024-05-01T12:00:00Z'), 'America/Los_Angeles'), -420)
  assert.throws(() => localTimestamp(new Date(), 'Mars/Olympus_Mons'), /unknown IANA time zone "Mars\/Olympus_Mons"/)
  assert.throws(() => localTimestamp('not a date', 'Europe/Berlin'), /not a valid instant/)
})

test.run()
