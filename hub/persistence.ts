// Where the hub's state lives: a SQLite database, in memory by default or `hub.db` in the
// data folder. On disk it runs in WAL mode with synchronous=FULL, so a committed
// transaction is on disk before the commit returns, and a kill at any moment leaves the
// file as of the last commit. One hub owns a folder (exclusive locking): a second one is
// refused at start instead of writing beside the first.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { fsReason, HubStorageError, storageErrorOf } from './storage/errors.js'
import { migrate } from './storage/schema.js'

export const DATABASE_FILE = 'hub.db'
/** How long a start waits for a folder another process holds before refusing. */
const BUSY_TIMEOUT_MS = 1000
/** The WAL file is cut back to this after a checkpoint, so it does not keep its peak size. */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024
/**
 * Pages copied back from the WAL at most this often (in 4 KiB pages: 64 MiB). SQLite's
 * 1,000 pages made every push of 10,000 records a checkpoint of its own, writing the
 * index pages it shares with the next push again each time.
 */
const WAL_CHECKPOINT_PAGES = 16384
/**
 * Page cache, in KiB (SQLite's default here is 16 MB). At a million EVSEs the indexes
 * pushes and pulls walk take about 200 MB; a smaller cache reads them from the file
 * again and again (a deep 2,000-record page with its count: 190 ms with 16 MB, 72 ms
 * with this, on the 2-core development machine under other load).
 */
const CACHE_KIB = 256 * 1024

export interface StorageOptions {
  /** The data folder; default: in memory. */
  dataDir?: string | undefined
  /** Refuse changes (OICP 021) that would grow the database past this size. */
  maxDatabaseBytes?: number | undefined
}

export interface OpenedDatabase {
  db: Database.Database
  /** The database file, or `:memory:`. */
  file: string
  /** The folder, when on disk. */
  dir: string | undefined
  /** The schema version the file held before this start (0: new). */
  schemaFrom: number
}

/** Creates the folder when missing and makes sure this process can read and write it and the database in it. */
function prepareFolder(dir: string): void {
  try {
    if (!statSync(dir).isDirectory())
      throw new HubStorageError(`cannot use ${dir} as the data folder: it is a file, not a folder`, 'cannotOpen', dir)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    try {
      mkdirSync(dir, { recursive: true })
    } catch (made) {
      throw new HubStorageError(`cannot create the data folder ${dir}: ${fsReason(made)}`, 'cannotOpen', dir, {
        cause: made,
      })
    }
  }
  mustReadAndWrite(dir, constants.X_OK, 'the data folder')
  // A read-only database would open read-only and fail at its lock, in less clear words.
  for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((f) => join(dir, f)))
    if (existsSync(file)) mustReadAndWrite(file, 0, 'the database file')
}

function mustReadAndWrite(path: string, more: number, what: string): void {
  try {
    accessSync(path, constants.R_OK | constants.W_OK | more)
  } catch (e) {
    throw new HubStorageError(
      `${what} ${path} cannot be read and written by this process: ${fsReason(e)}`,
      'readOnly',
      path,
      { cause: e },
    )
  }
}

function configure(db: Database.Database, file: string, options: StorageOptions): void {
  if (file !== ':memory:') {
    db.pragma('locking_mode = EXCLUSIVE')
    // Reads the file: a damaged header, or a folder another hub holds, shows here.
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal')
      throw new HubStorageError(
        `${file} cannot be switched to write-ahead logging (journal mode ${String(mode)})`,
        'cannotOpen',
        file,
      )
    db.pragma('synchronous = FULL')
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`)
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`)
    db.pragma(`cache_size = -${CACHE_KIB}`)
    // Takes the write lock now, not at the first push.
    db.exec('BEGIN IMMEDIATE; COMMIT')
  }
  if (options.maxDatabaseBytes !== undefined) {
    const pageSize = db.pragma('page_size', { simple: true }) as number
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxDatabaseBytes / pageSize))}`)
  }
}

/**
 * Damage SQLite finds in the file's structure (the pages of every table and index). It
 * reads the whole file, so it grows with it: at a million EVSEs with status (1.6 GB) it
 * takes 3 to 4 s of a 5.5 s start (11 s when the machine was busy), well within the
 * 30 s a restart may take, so it is kept whole rather than bounded.
 */
function checkIntact(db: Database.Database, file: string): void {
  const result = db.pragma('quick_check(1)', { simple: true })
  if (result !== 'ok')
    throw new HubStorageError(
      `${file} is damaged (the integrity check failed); restore it from a backup, or move it aside to start empty`,
      'damaged',
      file,
    )
}

/** Opens (creating, migrating) the hub's database; throws HubStorageError for what a person must fix. */
export function openDatabase(options: StorageOptions): OpenedDatabase {
  const dir = options.dataDir === undefined ? undefined : resolve(options.dataDir)
  const file = dir === undefined ? ':memory:' : join(dir, DATABASE_FILE)
  let db: Database.Database | undefined
  try {
    if (dir !== undefined) prepareFolder(dir)
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS })
    configure(db, file, options)
    if (dir !== undefined) checkIntact(db, file)
    const schemaFrom = migrate(db, file)
    return { db, file, dir, schemaFrom }
  } catch (e) {
    db?.close()
    throw storageErrorOf(e, file) ?? e
  }
}
