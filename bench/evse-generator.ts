// EVSE data at the real network's size, made on the fly: every record valid for OICP 2.3
// (exact), deterministic from its number, and varied: every plug type, power type,
// charging mode, authentication mode, accessibility and coordinate notation occurs,
// operators in 20 European countries, half the EVSEs around cities and the rest spread
// over their country. Pushes are built one at a time, so a million records are never held.
import * as S from '../generated/oicp-2.3/schemas.js'
import { positionIn } from '../hub/geo.js'

type EvseRecord = S.EvseDataRecord

const values = <T>(schema: unknown) => (schema as { enum: T[] }).enum
const PLUGS = values<S.Plug>(S.Plug)
const POWER = values<S.PowerType>(S.PowerType)
const MODES = values<S.ChargingMode>(S.ChargingMode)
const AUTH = values<S.AuthenticationMode>(S.AuthenticationMode)
const ACCESS = values<S.Accessibility>(S.Accessibility)
const LOCATION = values<S.AccessibilityLocation>(S.AccessibilityLocation)
const CALIBRATION = values<S.CalibrationLawDataAvailability>(S.CalibrationLawDataAvailability)
const ENERGY = values<S.Energy>(S.Energy)
const DYNAMIC = values<S.DynamicInfoAvailable>(S.DynamicInfoAvailable)
const DAYS = values<S.OpeningTimes['on']>(S.Day)

/** Country (alpha-2, alpha-3, offset, phone prefix), its rough box, and two cities; a country a line. */
// prettier-ignore
const COUNTRIES: Array<
  [string, string, string, string, [number, number, number, number], Array<[string, number, number]>]
> = [
  ['DE', 'DEU', '+01:00', '49', [47.5, 54.8, 6.1, 14.9], [['Berlin', 52.52, 13.405], ['München', 48.137, 11.575]]],
  ['FR', 'FRA', '+01:00', '33', [43.3, 50.9, -1.5, 7.5], [['Paris', 48.857, 2.352], ['Lyon', 45.764, 4.836]]],
  ['NL', 'NLD', '+01:00', '31', [51.4, 53.4, 4.0, 7.0], [['Amsterdam', 52.373, 4.893], ['Utrecht', 52.091, 5.122]]],
  ['BE', 'BEL', '+01:00', '32', [49.6, 51.4, 2.6, 6.3], [['Bruxelles', 50.847, 4.357], ['Antwerpen', 51.219, 4.402]]],
  ['AT', 'AUT', '+01:00', '43', [46.5, 48.9, 9.6, 16.9], [['Wien', 48.208, 16.373], ['Graz', 47.071, 15.439]]],
  ['CH', 'CHE', '+01:00', '41', [45.9, 47.7, 6.0, 10.4], [['Zürich', 47.377, 8.541], ['Genève', 46.204, 6.143]]],
  ['IT', 'ITA', '+01:00', '39', [38.0, 46.5, 7.5, 16.5], [['Milano', 45.464, 9.19], ['Roma', 41.903, 12.496]]],
  ['ES', 'ESP', '+01:00', '34', [37.0, 43.5, -8.5, 2.5], [['Madrid', 40.417, -3.704], ['Barcelona', 41.385, 2.173]]],
  ['PT', 'PRT', '+00:00', '351', [37.2, 41.8, -8.9, -6.9], [['Lisboa', 38.722, -9.139], ['Porto', 41.158, -8.629]]],
  ['PL', 'POL', '+01:00', '48', [49.5, 54.5, 14.5, 23.5], [['Warszawa', 52.23, 21.012], ['Kraków', 50.065, 19.945]]],
  ['CZ', 'CZE', '+01:00', '420', [48.7, 50.9, 12.3, 18.7], [['Praha', 50.076, 14.438], ['Brno', 49.195, 16.607]]],
  ['DK', 'DNK', '+01:00', '45', [54.8, 57.6, 8.2, 12.6], [['København', 55.676, 12.568], ['Aarhus', 56.163, 10.204]]],
  ['SE', 'SWE', '+01:00', '46', [55.5, 67.0, 11.5, 23.5], [['Stockholm', 59.329, 18.069], ['Göteborg', 57.709, 11.975]]],
  ['NO', 'NOR', '+01:00', '47', [58.0, 69.5, 5.5, 25.0], [['Oslo', 59.914, 10.752], ['Bergen', 60.392, 5.323]]],
  ['FI', 'FIN', '+02:00', '358', [60.0, 68.5, 21.5, 29.5], [['Helsinki', 60.17, 24.938], ['Tampere', 61.498, 23.761]]],
  ['GB', 'GBR', '+00:00', '44', [50.5, 57.5, -4.5, 1.5], [['London', 51.507, -0.128], ['Manchester', 53.481, -2.243]]],
  ['IE', 'IRL', '+00:00', '353', [51.6, 55.2, -9.9, -6.1], [['Dublin', 53.35, -6.26], ['Cork', 51.897, -8.47]]],
  ['HU', 'HUN', '+01:00', '36', [46.0, 48.5, 16.2, 22.8], [['Budapest', 47.498, 19.04], ['Debrecen', 47.531, 21.627]]],
  ['SI', 'SVN', '+01:00', '386', [45.5, 46.8, 13.5, 16.5], [['Ljubljana', 46.056, 14.506], ['Maribor', 46.555, 15.646]]],
  ['GR', 'GRC', '+02:00', '30', [37.0, 41.0, 20.5, 26.0], [['Athína', 37.984, 23.728], ['Thessaloníki', 40.64, 22.944]]],
]

export interface Operator {
  operatorId: string
  name: string
  index: number
}

/** Operator n (0-based): five per country, e.g. DE*A01. */
export function operator(n: number): Operator {
  const [cc] = COUNTRIES[n % COUNTRIES.length]!
  const code = `${String.fromCharCode(65 + Math.floor(n / COUNTRIES.length))}${String(n % 100).padStart(2, '0')}`
  return { operatorId: `${cc}*${code}`, name: `${cc} charging operator ${n}`, index: n }
}

/** A fast deterministic number in [0, 1) from an integer (one step of mulberry32). */
function unit(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const NOTATIONS: readonly S.GeoCoordinatesResponseFormat[] = ['Google', 'DecimalDegree', 'DegreeMinuteSeconds']

function geo(lat: number, lon: number, notation: number): S.GeoCoordinates {
  return positionIn({ lat, lon }, NOTATIONS[notation]!)
}

/**
 * Where EVSE i of an operator stands: half of them within about 25 km of one of its
 * country's cities, denser towards the centre (about 1,000 to 1,500 within 5 km of it,
 * as in a large European city), the rest anywhere in the country's box.
 */
export function position(op: Operator, i: number): { lat: number; lon: number; city: string } {
  const [, , , , [minLat, maxLat, minLon, maxLon], cities] = COUNTRIES[op.index % COUNTRIES.length]!
  const seed = op.index * 10_000_019 + i
  const [city, cLat, cLon] = cities[i % cities.length]!
  if (unit(seed) < 0.5) {
    // The sum of two uniform offsets: a triangle, peaking at the centre.
    const dLat = (unit(seed + 1) + unit(seed + 2) - 1) * 0.25
    const dLon = (unit(seed + 3) + unit(seed + 4) - 1) * 0.35
    return { lat: cLat + dLat, lon: cLon + dLon, city }
  }
  return { lat: minLat + unit(seed + 5) * (maxLat - minLat), lon: minLon + unit(seed + 6) * (maxLon - minLon), city }
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!

/** EVSE i (0-based) of an operator. */
export function evseRecord(op: Operator, i: number): EvseRecord {
  const [, alpha3, offset, phone] = COUNTRIES[op.index % COUNTRIES.length]!
  const at = position(op, i)
  const station = Math.floor(i / 2)
  const power = pick(POWER, i)
  const facility: S.ChargingFacility =
    power === 'DC'
      ? {
          PowerType: 'DC',
          Voltage: 800,
          Amperage: 50 + (i % 5) * 10,
          Power: 50 + (i % 7) * 50,
          ChargingModes: [pick(MODES, i), 'Mode_4'],
        }
      : {
          PowerType: power,
          Voltage: power === 'AC_1_PHASE' ? 230 : 400,
          Amperage: 16 + (i % 3) * 8,
          Power: power === 'AC_1_PHASE' ? 7 : 11 + (i % 2) * 11,
          ChargingModes: [pick(MODES, i)],
        }
  const open24 = i % 3 !== 0
  const record: EvseRecord = {
    EvseID: `${op.operatorId}*E${String(i).padStart(7, '0')}`,
    ChargingPoolID: `${op.operatorId}*P${String(Math.floor(i / 8)).padStart(6, '0')}`,
    ChargingStationId: `S${station}`,
    ChargingStationNames: [
      { lang: 'en', value: `${at.city} station ${station}` },
      { lang: 'de', value: `${at.city} Ladestation ${station}` },
    ],
    HardwareManufacturer: pick(['Charger Hardware Company', 'Volt Works', 'Ampere Systems', 'Northern Power'], i),
    Address: {
      Country: alpha3,
      City: at.city,
      Street: `${pick(['Main', 'Station', 'Market', 'Harbour', 'Park'], i)} Street`,
      PostalCode: String(10000 + (i % 89999)),
      HouseNum: String((i % 250) + 1),
      TimeZone: `UTC${offset}`,
    },
    GeoCoordinates: geo(at.lat, at.lon, i % 3),
    Plugs: i % 4 === 0 ? [pick(PLUGS, i), pick(PLUGS, i + 7)] : [pick(PLUGS, i)],
    ChargingFacilities:
      i % 5 === 0
        ? [facility, { PowerType: 'AC_3_PHASE', Voltage: 400, Amperage: 32, Power: 22, ChargingModes: ['Mode_3'] }]
        : [facility],
    RenewableEnergy: i % 2 === 0,
    CalibrationLawDataAvailability: pick(CALIBRATION, i),
    AuthenticationModes: i % 3 === 0 ? [pick(AUTH, i), pick(AUTH, i + 3)] : [pick(AUTH, i)],
    PaymentOptions: pick([['Contract'], ['Direct', 'Contract'], ['No Payment']] as S.PaymentOption[][], i),
    ValueAddedServices: pick(
      [['Reservation', 'DynamicPricing'], ['None'], ['Reservation']] as S.ValueAddedService[][],
      i,
    ),
    Accessibility: pick(ACCESS, i),
    HotlinePhoneNumber: `+${phone}${String(300000000 + (i % 99999)).slice(0, 9)}`,
    IsOpen24Hours: open24,
    IsHubjectCompatible: i % 10 !== 0,
    DynamicInfoAvailable: pick(DYNAMIC, i),
  }
  if (i % 2 === 0) record.AccessibilityLocation = pick(LOCATION, i >> 1)
  if (i % 4 === 0)
    record.EnergySource = [
      { Energy: pick(ENERGY, i >> 2), Percentage: 60 },
      { Energy: pick(ENERGY, (i >> 2) + 1), Percentage: 40 },
    ]
  if (i % 7 === 0) record.DynamicPowerLevel = true
  if (i % 11 === 0) record.MaxCapacity = 2 + (i % 6)
  if (i % 50 === 0) record.GeoChargingPointEntrance = geo(at.lat + 0.0002, at.lon, (i + 1) % 3)
  if (!open24) record.OpeningTimes = [{ Period: [{ begin: '06:00', end: '22:00' }], on: pick(DAYS, i) }]
  return record
}

/** A PushEvseData of `count` records of an operator, from its record `from` on. */
export function evseDataPush(
  op: Operator,
  from: number,
  count: number,
  action: S.ActionType = 'insert',
): S.eRoamingPushEvseData {
  return {
    ActionType: action,
    OperatorEvseData: {
      OperatorID: op.operatorId,
      OperatorName: op.name,
      EvseDataRecord: Array.from({ length: count }, (_, k) => evseRecord(op, from + k)),
    },
  }
}

const STATUSES: S.EvseStatus[] = ['Available', 'Available', 'Occupied', 'Reserved', 'OutOfService', 'Unknown']

/** A PushEvseStatus for the same records. */
export function evseStatusPush(
  op: Operator,
  from: number,
  count: number,
  action: S.ActionType = 'insert',
): S.eRoamingPushEvseStatus {
  return {
    ActionType: action,
    OperatorEvseStatus: {
      OperatorID: op.operatorId,
      OperatorName: op.name,
      EvseStatusRecord: Array.from({ length: count }, (_, k) => ({
        EvseID: `${op.operatorId}*E${String(from + k).padStart(7, '0')}`,
        EvseStatus: pick(STATUSES, from + k),
      })),
    },
  }
}
