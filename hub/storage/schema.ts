// The hub's tables, as a list of migrations: migration n brings a database from schema
// version n-1 to n, and PRAGMA user_version records the version a file holds. A file of
// a newer version than this code knows is refused rather than guessed at. The current
// schema is the migrations applied in order; each lives in a file of its own
// (migration-n.ts) and never changes once released.
//
// Every record's JSON text is stored once, as written, so that pages can be put together
// from stored text; the columns beside it are what pulls select and order by: EvseID
// (key), operator, change time (LastCall deltas) and position (an R*Tree of points).
// A migration is SQL, or a function for one that must compute rows as the code does.
import type { Database } from 'better-sqlite3'
import { HubStorageError } from './errors.js'
import { SCHEMA_1 } from './migration-1.js'
import { pullColumns } from './migration-2.js'

type Migration = string | ((db: Database) => void)

const MIGRATIONS: readonly Migration[] = [
  // 1: the first schema.
  SCHEMA_1,
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
