// The hub's state as its handlers read it: a view per kind of state, each read a query of
// its table (views.ts), so what is read is always what the database holds. The store is
// these views and the one way to change them.
import type { Database } from 'better-sqlite3'
import type * as S from 'oicp/2.3/schemas'
import type { LatLon } from '../geo.js'
import { recordOf } from './evse-row.js'
import type { CdrEntry, EvseEntry, EvsePricingEntry, PricingEntry, Session, StatusEntry } from './records.js'
import { SqlView, type KeyedRow, type ReadView } from './views.js'

export interface OperatorName {
  operatorId: string
  name: string
}

export interface AuthProvider {
  providerId: string
  /** By identification key (see identificationKey). */
  records: ReadView<S.AuthenticationDataRecord>
}

/** An EVSE row; the record is put together only when it is read, since most reads look at the columns alone. */
class StoredEvse implements EvseEntry {
  readonly key: string
  readonly operatorKey: string
  readonly created: number
  readonly updated: number
  readonly deleted: boolean
  readonly position: LatLon | undefined
  readonly #row: KeyedRow
  #record: S.EvseDataRecord | undefined

  constructor(row: KeyedRow) {
    this.key = row.k
    this.operatorKey = row.operator_key as string
    this.created = row.created as number
    this.updated = row.updated as number
    this.deleted = row.deleted === 1
    this.position = row.lat === null ? undefined : { lat: row.lat as number, lon: row.lon as number }
    this.#row = row
  }

  get record(): S.EvseDataRecord {
    return (this.#record ??= recordOf(
      this.#row.record as string,
      this.#row.geo as string,
      this.#row.entrance as string | null,
    ))
  }
}

const json = (row: KeyedRow, column: string) => JSON.parse(row[column] as string) as unknown

export class StateViews {
  readonly operatorNames: ReadView<OperatorName>
  readonly evses: ReadView<EvseEntry>
  readonly statuses: ReadView<StatusEntry>
  readonly authData: ReadView<AuthProvider>
  readonly pricingProducts: ReadView<PricingEntry>
  readonly evsePricing: ReadView<EvsePricingEntry>
  readonly sessions: ReadView<Session>
  readonly cdrs: ReadView<CdrEntry>

  constructor(db: Database) {
    const view = <V>(
      table: string,
      key: string,
      columns: string,
      order: string,
      read: (row: KeyedRow) => V,
    ): ReadView<V> =>
      new SqlView(
        {
          one: db.prepare(`SELECT ${key} AS k, ${columns} FROM ${table} WHERE ${key} = ?`),
          all: db.prepare(`SELECT ${key} AS k, ${columns} FROM ${table} ORDER BY ${order}`),
          count: db.prepare(`SELECT count(*) FROM ${table}`),
        },
        read,
      )
    this.operatorNames = view('operator', 'key', 'operator_id, name', 'key', (r) => ({
      operatorId: r.operator_id as string,
      name: r.name as string,
    }))
    this.evses = view(
      'evse',
      'key',
      'operator_key, created, updated, deleted, lat, lon, record, geo, entrance',
      'key',
      (r) => new StoredEvse(r),
    )
    this.statuses = view('evse_status', 'key', 'evse_id, operator_key, status, updated', 'id', (r) => ({
      key: r.k,
      evseId: r.evse_id as string,
      operatorKey: r.operator_key as string,
      status: r.status as S.EvseStatus,
      updated: r.updated as number,
    }))
    const records = {
      one: db.prepare('SELECT ident_key AS k, record FROM auth_record WHERE provider_key = ? AND ident_key = ?'),
      all: db.prepare('SELECT ident_key AS k, record FROM auth_record WHERE provider_key = ? ORDER BY id'),
      count: db.prepare('SELECT count(*) FROM auth_record WHERE provider_key = ?'),
    }
    this.authData = view('auth_provider', 'key', 'provider_id', 'id', (r) => ({
      providerId: r.provider_id as string,
      records: new SqlView(records, (row) => json(row, 'record') as S.AuthenticationDataRecord, [r.k]),
    }))
    this.pricingProducts = view('pricing_product', 'key', 'updated, data', 'id', (r) => ({
      data: json(r, 'data') as S.PricingProductData,
      updated: r.updated as number,
    }))
    this.evsePricing = view('evse_pricing', 'key', 'operator_id, updated, pricing', 'id', (r) => ({
      operatorId: r.operator_id as string,
      pricing: json(r, 'pricing') as S.EVSEPricing,
      updated: r.updated as number,
    }))
    this.sessions = view('session', 'session_id', 'data', 'id', (r) => json(r, 'data') as Session)
    this.cdrs = view('cdr', 'session_id', 'provider_key, operator_id, received, forwarded, cdr', 'id', (r) => ({
      cdr: json(r, 'cdr') as S.eRoamingChargeDetailRecord,
      providerKey: r.provider_key as string,
      operatorId: r.operator_id as string,
      received: r.received as number,
      forwarded: r.forwarded === 1,
    }))
  }
}
