// The SQL behind pulls: which EVSE records a PullEvseData filter selects, how many, and
// one page of them in EvseID order; which status records a status pull selects. The
// database does the selecting, ordering and paging on its indexes, so a pull reads the
// rows of its page and not every record.
//
// A SearchCenter starts from the position index, which holds the live EVSEs with their
// exact position and key beside the box: a box around the circle in SQL, then the exact
// great-circle distance (within_km, the hub's own distanceKm), then the order, all
// without reading a record until its page is known.
import type { Database, Statement } from 'better-sqlite3'
import { boxAround, distanceKm, type LatLon } from '../geo.js'
import { guarded } from './views.js'

export interface Area {
  center: LatLon
  radiusKm: number
}

/** What PullEvseData asks for, in the columns' terms; a list matches any of its values. */
export interface EvseFilter {
  /** LastCall (ms): the records changed after it, deleted ones included. Otherwise the live ones. */
  since?: number | undefined
  /** Live records only (the spec allows no LastCall with a SearchCenter). */
  area?: Area | undefined
  countries?: readonly string[] | undefined
  operatorKeys?: readonly string[] | undefined
  authModes?: readonly string[] | undefined
  accessibility?: readonly string[] | undefined
  calibration?: readonly string[] | undefined
  renewable?: boolean | undefined
  hubjectCompatible?: boolean | undefined
  open24h?: boolean | undefined
}

/** A row of a page (an array: better-sqlite3 makes these several times faster than objects). */
export type PulledEvse = [
  operatorKey: string,
  created: number,
  updated: number,
  deleted: 0 | 1,
  lat: number | null,
  lon: number | null,
  record: string,
  geo: string,
  entrance: string | null,
]

export type PulledStatus = [operatorKey: string, evseId: string, status: string]

/** FROM and WHERE of a selection, its parameters, and the expressions of the row id and key. */
interface Selection {
  from: string
  where: string
  params: unknown[]
  id: string
  key: string
}

const marks = (n: number) => Array(n).fill('?').join(', ')

/** Conditions on the position index `p` for an area. */
function inArea(area: Area, conditions: string[], params: unknown[]): void {
  const box = boxAround(area.center, area.radiusKm)
  conditions.push(
    'p.max_lat >= ? AND p.min_lat <= ? AND p.max_lon >= ? AND p.min_lon <= ?',
    'within_km(p.lat, p.lon, ?, ?, ?)',
  )
  params.push(box.minLat, box.maxLat, box.minLon, box.maxLon, area.center.lat, area.center.lon, area.radiusKm)
}

function selection(f: EvseFilter): Selection {
  const onArea: string[] = []
  const areaParams: unknown[] = []
  if (f.area) inArea(f.area, onArea, areaParams)
  // Conditions on the records' columns.
  const conditions: string[] = []
  const params: unknown[] = []
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (values === undefined) return
    conditions.push(values.length === 0 ? '0' : `${column} IN (${marks(values.length)})`)
    params.push(...values)
  }
  if (f.since !== undefined) {
    conditions.push('e.updated > ?')
    params.push(f.since)
  } else if (!f.area) conditions.push('e.deleted = 0') // as written, so that the partial indexes apply
  anyOf('e.country', f.countries)
  anyOf('e.operator_key', f.operatorKeys)
  anyOf('e.accessibility', f.accessibility)
  anyOf('e.calibration', f.calibration)
  if (f.authModes !== undefined) {
    conditions.push(
      f.authModes.length === 0 ? '0' : `(${f.authModes.map(() => 'instr(e.auth_modes, ?) > 0').join(' OR ')})`,
    )
    params.push(...f.authModes.map((m) => `|${m}|`))
  }
  for (const [column, value] of [
    ['e.renewable', f.renewable],
    ['e.hubject_compatible', f.hubjectCompatible],
    ['e.open_24h', f.open24h],
  ] as const) {
    if (value === undefined) continue
    conditions.push(`${column} = ?`)
    params.push(value ? 1 : 0)
  }
  if (!f.area)
    return {
      from: f.since !== undefined ? 'evse e INDEXED BY evse_by_updated' : 'evse e',
      where: conditions.join(' AND '),
      params,
      id: 'e.id',
      key: 'e.key',
    }
  // The position index first (CROSS JOIN keeps it the outer loop: the planner would rather
  // walk every EVSE in key order to spare the sort of a few hundred matches); the records
  // only when a filter needs their columns.
  return {
    from: conditions.length > 0 ? 'evse_position p CROSS JOIN evse e ON e.id = p.id' : 'evse_position p',
    where: [...onArea, ...conditions].join(' AND '),
    params: [...areaParams, ...params],
    id: 'p.id',
    key: 'p.key',
  }
}

/** Statements by their text; a filter's shape (which fields, how many values) makes the text. */
const STATEMENTS_KEPT = 256
/** Counts by query, until the next change: every page of a walk needs the same total. */
const COUNTS_KEPT = 64

export class PullSelect {
  readonly #db: Database
  readonly #statements = new Map<string, Statement>()
  readonly #counts = new Map<string, number>()

  constructor(db: Database) {
    this.#db = db
    db.function(
      'within_km',
      { deterministic: true },
      (lat: unknown, lon: unknown, cLat: unknown, cLon: unknown, km: unknown) =>
        typeof lat === 'number' &&
        typeof lon === 'number' &&
        distanceKm({ lat: cLat as number, lon: cLon as number }, { lat, lon }) <= (km as number)
          ? 1
          : 0,
    )
  }

  /** EVSE data changed: totals are counted again. */
  changed(): void {
    this.#counts.clear()
  }

  private sql(text: string): Statement {
    let s = this.#statements.get(text)
    if (!s) {
      if (this.#statements.size >= STATEMENTS_KEPT) this.#statements.clear()
      this.#statements.set(text, (s = this.#db.prepare(text)))
    }
    return s
  }

  /** How many records the filter selects. */
  evseCount(f: EvseFilter): number {
    const s = selection(f)
    const text = `SELECT count(*) FROM ${s.from} WHERE ${s.where}`
    const key = `${text}\n${JSON.stringify(s.params)}`
    let count = this.#counts.get(key)
    if (count === undefined) {
      count = guarded(this.sql(text), (q) => q.pluck().get(...s.params) as number)
      if (this.#counts.size >= COUNTS_KEPT) this.#counts.clear()
      this.#counts.set(key, count)
    }
    return count
  }

  /**
   * One page of the selected records in EvseID order. Pages are skipped on an index alone
   * (LIMIT/OFFSET in a subquery that reads no record), then only the page's rows are read.
   * Keyset paging would spare the walk over index entries, but clients ask by page number;
   * at 1,000,000 records the walk to the last page costs about 15 ms.
   */
  evsePage(f: EvseFilter, limit: number, offset: number): PulledEvse[] {
    const s = selection(f)
    const text = `SELECT r.operator_key, r.created, r.updated, r.deleted, r.lat, r.lon, r.record, r.geo, r.entrance
      FROM (SELECT ${s.id} AS id, ${s.key} AS key FROM ${s.from} WHERE ${s.where} ORDER BY ${s.key} LIMIT ? OFFSET ?) AS page
      CROSS JOIN evse r ON r.id = page.id ORDER BY page.key`
    return guarded(this.sql(text), (q) => q.raw().all(...s.params, limit, offset) as PulledEvse[])
  }

  /** Status records of these operators, in the order they first arrived. */
  statusesOf(operatorKeys: readonly string[]): PulledStatus[] {
    if (operatorKeys.length === 0) return []
    const text = `SELECT operator_key, evse_id, status FROM evse_status WHERE operator_key IN (${marks(operatorKeys.length)}) ORDER BY id`
    return guarded(this.sql(text), (q) => q.raw().all(...operatorKeys) as PulledStatus[])
  }

  /** Status records, of one status if given, of live EVSEs in an area if given; in arrival order. */
  statuses(status: string | undefined, area: Area | undefined): PulledStatus[] {
    const conditions: string[] = []
    const params: unknown[] = []
    if (area) inArea(area, conditions, params)
    if (status !== undefined) {
      conditions.push('s.status = ?')
      params.push(status)
    }
    const from = area ? 'evse_position p CROSS JOIN evse_status s ON s.key = p.key' : 'evse_status s'
    const text = `SELECT s.operator_key, s.evse_id, s.status FROM ${from}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY s.id`
    return guarded(this.sql(text), (q) => q.raw().all(...params) as PulledStatus[])
  }
}
