// The web view's own reads of the hub's database (tables as in storage/schema.ts): one EVSE
// with its operator and status, list entries by row id, the latest sessions and a session's
// CDR. Each is one indexed query; none reads a whole table.
import type { Database, Statement } from 'better-sqlite3'
import type { EvseDetail, EvseListItem, SessionSummary } from './api.js'
import { STATUSES, type StatusName } from './api.js'

function statusName(status: string | null): StatusName {
  return status && (STATUSES as readonly string[]).includes(status) ? (status as StatusName) : 'none'
}

function summary(data: string): SessionSummary {
  const s = JSON.parse(data) as SessionSummary & Record<string, unknown>
  return {
    sessionId: s.sessionId,
    state: s.state,
    origin: s.origin,
    evseId: s.evseId,
    operatorId: s.operatorId,
    providerId: s.providerId,
    created: s.created,
    updated: s.updated,
  }
}

export class WebReads {
  readonly #evse: Statement
  readonly #items: Statement
  readonly #sessions: Statement
  readonly #session: Statement
  readonly #cdr: Statement

  constructor(db: Database) {
    this.#evse = db.prepare(
      `SELECT e.*, o.operator_id, o.name, s.status, s.updated AS status_updated
       FROM evse e LEFT JOIN operator o ON o.key = e.operator_key LEFT JOIN evse_status s ON s.key = e.key
       WHERE e.id = ? AND e.deleted = 0`,
    )
    this.#items = db.prepare(
      `SELECT e.id, json_extract(e.record, '$.EvseID') AS evse_id, json_extract(e.record, '$.ChargingStationNames[0].value') AS name,
         json_extract(e.record, '$.Address.City') AS city, s.status
       FROM evse e LEFT JOIN evse_status s ON s.key = e.key
       WHERE e.id IN (SELECT value FROM json_each(?))`,
    )
    this.#sessions = db.prepare('SELECT data FROM session ORDER BY id DESC LIMIT ?').pluck()
    this.#session = db.prepare('SELECT data FROM session WHERE session_id = ?').pluck()
    this.#cdr = db.prepare('SELECT cdr FROM cdr WHERE session_id = ?').pluck()
  }

  evse(id: number): EvseDetail | undefined {
    const row = this.#evse.get(id) as
      | {
          id: number
          created: number
          updated: number
          lat: number | null
          lon: number | null
          record: string
          geo?: string
          entrance?: string | null
          operator_id: string
          name: string
          status: string | null
          status_updated: number | null
        }
      | undefined
    if (!row) return undefined
    const record = JSON.parse(row.record) as { EvseID: string } & Record<string, unknown>
    // Where the schema keeps the coordinates beside the record, they go back into it.
    if (typeof row.geo === 'string' && record.GeoCoordinates === undefined) record.GeoCoordinates = JSON.parse(row.geo)
    if (typeof row.entrance === 'string' && record.GeoChargingPointEntrance === undefined)
      record.GeoChargingPointEntrance = JSON.parse(row.entrance)
    return {
      id: row.id,
      evseId: record.EvseID,
      operatorId: row.operator_id,
      operatorName: row.name,
      status: statusName(row.status),
      statusUpdated: row.status_updated ?? undefined,
      lat: row.lat ?? undefined,
      lon: row.lon ?? undefined,
      created: row.created,
      updated: row.updated,
      record,
    }
  }

  /** List entries for row ids, in EvseID order. */
  items(ids: number[]): EvseListItem[] {
    const rows = this.#items.all(JSON.stringify(ids)) as Array<{
      id: number
      evse_id: string
      name: string | null
      city: string | null
      status: string | null
    }>
    return rows
      .map((r) => ({
        id: r.id,
        evseId: r.evse_id,
        name: r.name ?? undefined,
        city: r.city ?? undefined,
        status: statusName(r.status),
      }))
      .sort((a, b) => (a.evseId < b.evseId ? -1 : a.evseId > b.evseId ? 1 : 0))
  }

  /** The latest sessions, newest first. */
  sessions(limit: number): SessionSummary[] {
    return (this.#sessions.all(limit) as string[]).map(summary)
  }

  session(sessionId: string): SessionSummary | undefined {
    const data = this.#session.get(sessionId) as string | undefined
    return data === undefined ? undefined : summary(data)
  }

  cdr(sessionId: string): unknown {
    const text = this.#cdr.get(sessionId) as string | undefined
    return text === undefined ? undefined : JSON.parse(text)
  }
}
