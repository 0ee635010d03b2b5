// The hub's tables, as a list of migrations: migration n brings a database from schema
// version n-1 to n, and PRAGMA user_version records the version a file holds. A file of
// a newer version than this code knows is refused rather than guessed at.
//
// Every record's JSON text is stored once, as written, so that pages can be put together
// from stored text; the columns beside it are what pulls select and order by: EvseID
// (key), operator, change time (LastCall deltas) and position (an R*Tree of points).
// A migration is SQL, or a function for one that must compute rows as the code does.
import type { Database } from 'better-sqlite3'
import { HubStorageError } from './errors.js'
import { pullColumns } from './migration-2.js'

type Migration = string | ((db: Database) => void)

const MIGRATIONS: readonly Migration[] = [
  // 1: the first schema.
  `
  CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  INSERT INTO meta (name, value) VALUES ('clock', '0');

  CREATE TABLE operator (key TEXT PRIMARY KEY, operator_id TEXT NOT NULL, name TEXT NOT NULL) WITHOUT ROWID;

  -- One row per EVSE ever pushed; a deleted one stays (deleted = 1) for LastCall deltas.
  CREATE TABLE evse (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    operator_key TEXT NOT NULL,
    country TEXT NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    lat REAL,
    lon REAL,
    record TEXT NOT NULL
  );
  CREATE INDEX evse_by_operator ON evse (operator_key, key);
  CREATE INDEX evse_by_updated ON evse (updated);
  -- Points (min = max) by evse.id, for SearchCenter.
  CREATE VIRTUAL TABLE evse_position USING rtree (id, min_lat, max_lat, min_lon, max_lon);

  -- Row order (id) is the order of arrival: an update keeps its place, as it did in memory.
  CREATE TABLE evse_status (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    evse_id TEXT NOT NULL,
    operator_key TEXT NOT NULL,
    status TEXT NOT NULL,
    updated INTEGER NOT NULL
  );
  CREATE INDEX evse_status_by_operator ON evse_status (operator_key);

  CREATE TABLE auth_provider (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, provider_id TEXT NOT NULL);
  CREATE TABLE auth_record (
    id INTEGER PRIMARY KEY,
    provider_key TEXT NOT NULL,
    ident_key TEXT NOT NULL,
    record TEXT NOT NULL,
    UNIQUE (provider_key, ident_key)
  );
  CREATE INDEX auth_record_by_ident ON auth_record (ident_key);

  CREATE TABLE pricing_product (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, updated INTEGER NOT NULL, data TEXT NOT NULL);

  CREATE TABLE evse_pricing (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    operator_key TEXT NOT NULL,
    operator_id TEXT NOT NULL,
    updated INTEGER NOT NULL,
    pricing TEXT NOT NULL
  );
  CREATE INDEX evse_pricing_by_operator ON evse_pricing (operator_key);

  CREATE TABLE session (id INTEGER PRIMARY KEY, session_id TEXT NOT NULL UNIQUE, data TEXT NOT NULL);

  CREATE TABLE cdr (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL UNIQUE,
    provider_key TEXT NOT NULL,
    operator_id TEXT NOT NULL,
    received INTEGER NOT NULL,
    forwarded INTEGER NOT NULL DEFAULT 0,
    cdr TEXT NOT NULL
  );
  CREATE INDEX cdr_by_provider ON cdr (provider_key, received);
  `,
  // 2: EVSE records in the form EMPs pull them, with a column per filter and indexes for pages.
  pullColumns,
]

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/**
 * Brings the database to SCHEMA_VERSION (or the version `to`, for tests of a migration),
 * one migration per transaction (a kill between two leaves a file of the earlier version,
 * which the next start carries on from). Returns the version the file held before.
 */
export function migrate(db: Database, file: string, to = SCHEMA_VERSION): number {
  const found = schemaVersion(db)
  if (found > SCHEMA_VERSION)
    throw new HubStorageError(
      `${file} holds schema version ${found}; this hub knows versions up to ${SCHEMA_VERSION} (use a newer oicp)`,
      'version',
      file,
    )
  // Version 0 with tables in it: some other program's SQLite file, not a new one.
  if (found === 0 && (db.prepare(`SELECT count(*) FROM sqlite_schema`).pluck().get() as number) > 0) {
    throw new HubStorageError(
      `${file} is a SQLite database of another program (no hub schema version); move it aside or choose another data folder`,
      'version',
      file,
    )
  }
  for (let v = found; v < to; v++) {
    const migration = MIGRATIONS[v]!
    db.transaction(() => {
      if (typeof migration === 'string') db.exec(migration)
      else migration(db)
      db.pragma(`user_version = ${v + 1}`)
    }).immediate()
  }
  return found
}
