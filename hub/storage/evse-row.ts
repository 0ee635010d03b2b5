// How an EVSE data record is stored: serialised once, when it is pushed, in the form EMPs
// pull it, so that a page is put together from stored text and never parsed again.
//
// `record` is the record's JSON as pulled (ChargingStationId spelled ChargingStationID,
// as PullEvseDataRecord has it) without its two coordinate members; a page writes it up
// to its closing brace, then the coordinates in the notation asked for, the operator,
// the change time and the delta type. The coordinates are kept as pushed (`geo`,
// `entrance`) and as numbers (lat, lon). The filters of PullEvseData get columns of
// their own.
//
// Writing the coordinates into the stored text at pull time, against the alternatives
// (a page of 2,000 records put together, median of 30, on the 2-core development
// machine): parsing each stored record, converting and JSON.stringify 83 to 99 ms; this
// form 10 to 12 ms; keeping each record's text in all three notations 10 ms, for about
// 120 MB more per million records. This form is the one kept.
import type * as S from 'oicp/2.3/schemas'
import { readPosition, type LatLon } from '../geo.js'

/** The stored form of one record: what a push writes and a pull reads. */
export interface EvseColumns {
  record: string
  geo: string
  entrance: string | null
  position: LatLon | undefined
  country: string
  accessibility: string
  calibration: string
  /** AuthenticationModes as `|A|B|`, so that "any of" is a substring test. */
  authModes: string
  renewable: 0 | 1
  hubjectCompatible: 0 | 1
  open24h: 0 | 1
}

const bit = (b: boolean): 0 | 1 => (b ? 1 : 0)

/** The columns of a pushed record (deltaType and lastUpdate, which the hub sets, left out). */
export function evseColumns(pushed: S.EvseDataRecord): EvseColumns {
  const { deltaType: _d, lastUpdate: _l, GeoCoordinates, GeoChargingPointEntrance, ChargingStationId, ...rest } = pushed
  const pulled = ChargingStationId === undefined ? rest : { ...rest, ChargingStationID: ChargingStationId }
  return {
    record: JSON.stringify(pulled),
    geo: JSON.stringify(GeoCoordinates),
    entrance: GeoChargingPointEntrance === undefined ? null : JSON.stringify(GeoChargingPointEntrance),
    position: readPosition(GeoCoordinates),
    country: pushed.Address.Country,
    accessibility: pushed.Accessibility,
    calibration: pushed.CalibrationLawDataAvailability,
    authModes: `|${pushed.AuthenticationModes.join('|')}|`,
    renewable: bit(pushed.RenewableEnergy),
    hubjectCompatible: bit(pushed.IsHubjectCompatible),
    open24h: bit(pushed.IsOpen24Hours),
  }
}

/** Whether a push would store the same record again (a fullLoad repeats unchanged ones). */
export function sameRecord(
  a: Pick<EvseColumns, 'record' | 'geo' | 'entrance'>,
  b: Pick<EvseColumns, 'record' | 'geo' | 'entrance'>,
): boolean {
  return a.record === b.record && a.geo === b.geo && a.entrance === b.entrance
}

/** The record as it was pushed, from its stored text. */
export function recordOf(stored: string, geo: string, entrance: string | null): S.EvseDataRecord {
  const { ChargingStationID, ...rest } = JSON.parse(stored) as S.PullEvseDataRecord
  const record = { ...rest, GeoCoordinates: JSON.parse(geo) as S.GeoCoordinates } as unknown as S.EvseDataRecord
  if (ChargingStationID !== undefined) record.ChargingStationId = ChargingStationID
  if (entrance !== null) record.GeoChargingPointEntrance = JSON.parse(entrance) as S.GeoCoordinates
  return record
}
