// The only way the hub's state changes: commit(op) checks the op, applies it and commits,
// all in one database transaction, before the caller answers. So an acknowledged change
// is on disk (with a data folder), and a refused or failed one changed nothing: the
// database rolls the transaction back, and the state is read from the database alone.
// Transactions are synchronous, so ops never interleave and a read (a pull) sees the
// state after the last commit.
import type { Database } from 'better-sqlite3'
import { isOicpRejection, OicpRejection } from 'oicp/runtime'
import { openDatabase, type StorageOptions } from './persistence.js'
import { storageErrorOf, type HubStorageError } from './storage/errors.js'
import { importOldJournal, type Imported } from './storage/legacy.js'
import { HubStore, type Op } from './store.js'

export interface LedgerOptions extends StorageOptions {
  /** A change could not be stored (it was answered 021); for the hub's log. */
  onStorageError?: (error: HubStorageError) => void
  /** Each op once committed (its `at` set), for what watches the state (the web view's map). */
  onCommit?: (op: Op) => void
}

/** What a start found in the data folder. */
export interface Restored {
  /** The database file, or `:memory:`. */
  file: string
  /** The schema version the file held (0: new). */
  schemaFrom: number
  /** An old journal imported on this start. */
  imported: Imported | undefined
}

export class Ledger {
  readonly store: HubStore
  readonly #db: Database
  readonly #file: string
  readonly #write: (op: Op) => void
  readonly #onStorageError: (error: HubStorageError) => void
  readonly #onCommit: ((op: Op) => void) | undefined
  #lastAt: number

  private constructor(db: Database, file: string, options: LedgerOptions) {
    this.#db = db
    this.#file = file
    this.store = new HubStore(db)
    this.#lastAt = this.store.clock()
    this.#onStorageError = options.onStorageError ?? (() => undefined)
    this.#onCommit = options.onCommit
    this.#write = db.transaction((op: Op) => {
      this.store.check(op)
      op.at = this.now()
      this.store.apply(op)
    })
  }

  /** A ledger in memory, or in the data folder with what it held before; throws HubStorageError. */
  static open(options: LedgerOptions = {}): { ledger: Ledger; restored: Restored } {
    const { db, file, dir, schemaFrom } = openDatabase(options)
    try {
      const ledger = new Ledger(db, file, options)
      const imported = dir === undefined ? undefined : importOldJournal(dir, db, ledger.store)
      if (imported) ledger.#lastAt = ledger.store.clock()
      return { ledger, restored: { file, schemaFrom, imported } }
    } catch (e) {
      db.close()
      throw storageErrorOf(e, file) ?? e
    }
  }

  /** The time of a new change in ms: never earlier than the last one, so versions stay ordered. */
  now(): number {
    this.#lastAt = Math.max(Date.now(), this.#lastAt + 1)
    return this.#lastAt
  }

  /**
   * Checks, applies and commits an op, setting its `at`. Rejects with the op's
   * OicpRejection, or with 021 when the database cannot store it; either way nothing changed.
   */
  // Async without awaiting on purpose: a refusal must reach callers as a rejection.
  // eslint-disable-next-line @typescript-eslint/require-await
  async commit(op: Op): Promise<void> {
    const lastAt = this.#lastAt
    try {
      this.#write(op)
    } catch (e) {
      this.#lastAt = lastAt
      if (isOicpRejection(e)) throw e
      const failure = storageErrorOf(e, this.#file)
      if (!failure) throw e
      this.#onStorageError(failure)
      throw new OicpRejection(
        '021',
        `System error: the hub could not store this, ${failure.summary}; nothing was changed`,
        500,
      )
    }
    try {
      this.#onCommit?.(op)
    } catch {
      // A watcher must not turn a commit into a failure.
    }
  }

  /** The database, for read-only views beside the store (the web view); changes go through commit only. */
  get database(): Database {
    return this.#db
  }

  close(): void {
    if (this.#db.open) this.#db.close()
  }
}
