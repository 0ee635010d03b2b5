// Schema 2: the EVSE table in the form pulls read (see evse-row.ts). Version 1 kept each
// record's JSON as pushed; pages parsed every record they looked at. The table is built
// anew with the record in its pulled form, its coordinates apart and a column per
// PullEvseData filter, the rows copied by the same code that writes new ones (ids kept),
// indexes added for the pulls, and the position index made anew: live EVSEs only, with
// their exact position and key.
import type { Database } from 'better-sqlite3'
import type * as S from 'oicp/2.3/schemas'
import { evseColumns } from './evse-row.js'
import { EVSE_KEY_COLUMNS } from './migration-1.js'

// The DDL is not shared with tables.ts or later code: a migration must keep building
// schema 2 whatever later code changes. The columns kept come from migration 1, frozen too.
/** The EVSE table of schema 2 and its indexes, without rows. */
export const EVSE_TABLE = `
  CREATE TABLE evse (${EVSE_KEY_COLUMNS}
    -- The record's JSON as pulled, without its coordinates (evse-row.ts).
    record TEXT NOT NULL,
    geo TEXT NOT NULL,
    entrance TEXT,
    accessibility TEXT NOT NULL,
    calibration TEXT NOT NULL,
    auth_modes TEXT NOT NULL,
    renewable INTEGER NOT NULL,
    hubject_compatible INTEGER NOT NULL,
    open_24h INTEGER NOT NULL
  );
  CREATE INDEX evse_by_operator ON evse (operator_key, key);
  CREATE INDEX evse_by_updated ON evse (updated);
  -- Pages of what is live, in EvseID order: skipping to a deep page reads only this index.
  CREATE INDEX evse_live ON evse (key) WHERE deleted = 0;
  CREATE INDEX evse_live_by_country ON evse (country, key) WHERE deleted = 0;
`

/**
 * The live EVSEs that have a position, as points (min = max), with their exact position
 * and key beside: SearchCenter reads this alone (the box is 32-bit floats, rounded
 * outwards; the distance is checked on the exact values).
 */
export const POSITION_TABLE = `
  CREATE VIRTUAL TABLE evse_position USING rtree (id, min_lat, max_lat, min_lon, max_lon, +lat REAL, +lon REAL, +key TEXT);
`

const INSERT = `INSERT INTO evse (id, key, operator_key, country, created, updated, deleted, lat, lon, record, geo, entrance, accessibility, calibration, auth_modes, renewable, hubject_compatible, open_24h)
  VALUES (@id, @key, @operatorKey, @country, @created, @updated, @deleted, @lat, @lon, @record, @geo, @entrance, @accessibility, @calibration, @authModes, @renewable, @hubjectCompatible, @open24h)`

interface OldRow {
  id: number
  key: string
  operator_key: string
  created: number
  updated: number
  deleted: number
  lat: number | null
  lon: number | null
  record: string
}

/** Runs inside the migration's transaction. */
export function pullColumns(db: Database): void {
  db.exec('ALTER TABLE evse RENAME TO evse_v1')
  // Renaming keeps the old indexes under their names; they go with the old table.
  db.exec('DROP INDEX evse_by_operator; DROP INDEX evse_by_updated')
  db.exec(EVSE_TABLE)
  const read = db.prepare(
    'SELECT id, key, operator_key, created, updated, deleted, lat, lon, record FROM evse_v1 WHERE id > ? ORDER BY id LIMIT 1000',
  )
  const insert = db.prepare(INSERT)
  for (let last = 0; ;) {
    const rows = read.all(last) as OldRow[]
    if (rows.length === 0) break
    for (const r of rows) {
      const { position: _p, ...columns } = evseColumns(JSON.parse(r.record) as S.EvseDataRecord)
      insert.run({
        ...columns,
        id: r.id,
        key: r.key,
        operatorKey: r.operator_key,
        created: r.created,
        updated: r.updated,
        deleted: r.deleted,
        lat: r.lat,
        lon: r.lon,
      })
    }
    last = rows[rows.length - 1]!.id
  }
  db.exec('DROP TABLE evse_v1')
  db.exec(`DROP TABLE evse_position; ${POSITION_TABLE}`)
  db.exec(
    'INSERT INTO evse_position SELECT id, lat, lat, lon, lon, lat, lon, key FROM evse WHERE deleted = 0 AND lat IS NOT NULL',
  )
}
