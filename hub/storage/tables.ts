// The writes that change the hub's tables (and the meta values beside them); reads go
// through the views (state-views.ts). Writes here change rows only; which rows an op
// changes, and whether it may, is the store's business (store.ts). Values are stored as
// their JSON text.
import type { Database, Statement } from 'better-sqlite3'
import type * as S from 'oicp/2.3/schemas'
import type { EvseColumns } from './evse-row.js'
import type { CdrEntry, EvseEntry, EvsePricingEntry, PricingEntry, Session, StatusEntry } from './records.js'

/** An EVSE row as a push writes it. */
export type EvseWrite = Omit<EvseEntry, 'record'> & EvseColumns

export class Tables {
  readonly #db: Database
  readonly #statements = new Map<string, Statement>()

  constructor(db: Database) {
    this.#db = db
  }

  /** A prepared statement, prepared once. */
  private sql(text: string): Statement {
    let s = this.#statements.get(text)
    if (!s) this.#statements.set(text, (s = this.#db.prepare(text)))
    return s
  }

  /** The time of the last change (ms), so that versions keep rising across restarts. */
  clock(): number {
    return Number(this.meta('clock') ?? 0)
  }

  setClock(at: number): void {
    this.setMeta('clock', String(at))
  }

  meta(name: string): string | undefined {
    return this.sql('SELECT value FROM meta WHERE name = ?').pluck().get(name) as string | undefined
  }

  setMeta(name: string, value: string): void {
    this.sql(
      'INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    ).run(name, value)
  }

  /** Whether a live (not deleted) EVSE data record has this key. */
  evseLive(key: string): boolean {
    return this.sql('SELECT 1 FROM evse WHERE key = ? AND deleted = 0').get(key) !== undefined
  }

  /** What a push compares with: the stored row's id, creation time, deletion mark and text. */
  evseHeld(
    key: string,
  ):
    | { id: number; created: number; deleted: boolean; record: string; geo: string; entrance: string | null }
    | undefined {
    const row = this.sql('SELECT id, created, deleted, record, geo, entrance FROM evse WHERE key = ?').get(key) as
      { id: number; created: number; deleted: number; record: string; geo: string; entrance: string | null } | undefined
    return row && { ...row, deleted: row.deleted === 1 }
  }

  liveEvseKeysOf(operatorKey: string): string[] {
    return this.sql('SELECT key FROM evse WHERE operator_key = ? AND deleted = 0').pluck().all(operatorKey) as string[]
  }

  setOperator(key: string, operatorId: string, name: string): void {
    this.sql(
      'INSERT INTO operator (key, operator_id, name) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET operator_id = excluded.operator_id, name = excluded.name',
    ).run(key, operatorId, name)
  }

  /**
   * Writes an EVSE row: a new one, or over row `id` (from evseHeld). The position index
   * holds the live ones that have a position.
   */
  putEvse(e: EvseWrite, id: number | undefined): void {
    const values = {
      key: e.key,
      operatorKey: e.operatorKey,
      country: e.country,
      created: e.created,
      updated: e.updated,
      deleted: e.deleted ? 1 : 0,
      lat: e.position?.lat ?? null,
      lon: e.position?.lon ?? null,
      record: e.record,
      geo: e.geo,
      entrance: e.entrance,
      accessibility: e.accessibility,
      calibration: e.calibration,
      authModes: e.authModes,
      renewable: e.renewable,
      hubjectCompatible: e.hubjectCompatible,
      open24h: e.open24h,
    }
    if (id === undefined) {
      const inserted = this.sql(
        `INSERT INTO evse (key, operator_key, country, created, updated, deleted, lat, lon, record, geo, entrance, accessibility, calibration, auth_modes, renewable, hubject_compatible, open_24h)
         VALUES (@key, @operatorKey, @country, @created, @updated, @deleted, @lat, @lon, @record, @geo, @entrance, @accessibility, @calibration, @authModes, @renewable, @hubjectCompatible, @open24h)`,
      ).run(values)
      id = Number(inserted.lastInsertRowid)
    } else {
      this.sql(
        `UPDATE evse SET key = @key, operator_key = @operatorKey, country = @country, created = @created, updated = @updated, deleted = @deleted, lat = @lat, lon = @lon,
           record = @record, geo = @geo, entrance = @entrance, accessibility = @accessibility, calibration = @calibration, auth_modes = @authModes,
           renewable = @renewable, hubject_compatible = @hubjectCompatible, open_24h = @open24h WHERE id = @id`,
      ).run({ ...values, id })
    }
    if (e.position && !e.deleted) {
      this.sql(
        'INSERT OR REPLACE INTO evse_position (id, min_lat, max_lat, min_lon, max_lon, lat, lon, key) VALUES (@id, @lat, @lat, @lon, @lon, @lat, @lon, @key)',
      ).run({ id, ...e.position, key: e.key })
    } else this.sql('DELETE FROM evse_position WHERE id = ?').run(id)
  }

  /** Marks a live EVSE deleted (kept for LastCall deltas), out of the position index. */
  markEvseDeleted(key: string, at: number): void {
    const id = this.sql('SELECT id FROM evse WHERE key = ? AND deleted = 0').pluck().get(key) as number | undefined
    if (id === undefined) return
    this.sql('UPDATE evse SET deleted = 1, updated = ? WHERE id = ?').run(at, id)
    this.sql('DELETE FROM evse_position WHERE id = ?').run(id)
  }

  putStatus(e: StatusEntry): void {
    this.sql(
      `INSERT INTO evse_status (key, evse_id, operator_key, status, updated) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET evse_id = excluded.evse_id, operator_key = excluded.operator_key, status = excluded.status, updated = excluded.updated`,
    ).run(e.key, e.evseId, e.operatorKey, e.status, e.updated)
  }

  deleteStatus(key: string): void {
    this.sql('DELETE FROM evse_status WHERE key = ?').run(key)
  }

  deleteStatusesOf(operatorKey: string): void {
    this.sql('DELETE FROM evse_status WHERE operator_key = ?').run(operatorKey)
  }

  putAuthProvider(key: string, providerId: string): void {
    this.sql(
      'INSERT INTO auth_provider (key, provider_id) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET provider_id = excluded.provider_id',
    ).run(key, providerId)
  }

  deleteAuthRecordsOf(providerKey: string): void {
    this.sql('DELETE FROM auth_record WHERE provider_key = ?').run(providerKey)
  }

  putAuthRecord(providerKey: string, identKey: string, record: S.AuthenticationDataRecord): void {
    this.sql(
      'INSERT INTO auth_record (provider_key, ident_key, record) VALUES (?, ?, ?) ON CONFLICT (provider_key, ident_key) DO UPDATE SET record = excluded.record',
    ).run(providerKey, identKey, JSON.stringify(record))
  }

  deleteAuthRecord(providerKey: string, identKey: string): void {
    this.sql('DELETE FROM auth_record WHERE provider_key = ? AND ident_key = ?').run(providerKey, identKey)
  }

  putPricing(key: string, e: PricingEntry): void {
    this.sql(
      'INSERT INTO pricing_product (key, updated, data) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET updated = excluded.updated, data = excluded.data',
    ).run(key, e.updated, JSON.stringify(e.data))
  }

  putEvsePricing(key: string, operatorKey: string, e: EvsePricingEntry): void {
    this.sql(
      `INSERT INTO evse_pricing (key, operator_key, operator_id, updated, pricing) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET operator_key = excluded.operator_key, operator_id = excluded.operator_id, updated = excluded.updated, pricing = excluded.pricing`,
    ).run(key, operatorKey, e.operatorId, e.updated, JSON.stringify(e.pricing))
  }

  deleteEvsePricing(key: string): void {
    this.sql('DELETE FROM evse_pricing WHERE key = ?').run(key)
  }

  deleteEvsePricingOf(operatorKey: string): void {
    this.sql('DELETE FROM evse_pricing WHERE operator_key = ?').run(operatorKey)
  }

  putSession(s: Session): void {
    this.sql(
      'INSERT INTO session (session_id, data) VALUES (?, ?) ON CONFLICT (session_id) DO UPDATE SET data = excluded.data',
    ).run(s.sessionId, JSON.stringify(s))
  }

  putCdr(e: CdrEntry): void {
    this.sql(
      `INSERT INTO cdr (session_id, provider_key, operator_id, received, forwarded, cdr) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET provider_key = excluded.provider_key, operator_id = excluded.operator_id,
         received = excluded.received, forwarded = excluded.forwarded, cdr = excluded.cdr`,
    ).run(e.cdr.SessionID, e.providerKey, e.operatorId, e.received, e.forwarded ? 1 : 0, JSON.stringify(e.cdr))
  }

  setCdrForwarded(sessionId: string): void {
    this.sql('UPDATE cdr SET forwarded = 1 WHERE session_id = ?').run(sessionId)
  }
}
