// A read-only, Map-like view of one table (or part of one): each call is a query, so a
// view always shows what the database holds, never a copy that could drift from it.
import type { Statement } from 'better-sqlite3'
import { storageErrorOf } from './errors.js'

/** What the handlers read the hub's state through. */
export interface ReadView<V> extends Iterable<[string, V]> {
  get(key: string): V | undefined
  has(key: string): boolean
  readonly size: number
  keys(): IterableIterator<string>
  values(): IterableIterator<V>
  entries(): IterableIterator<[string, V]>
}

/** A row of a view's queries: the key as `k`, then whatever `read` turns into a value. */
export type KeyedRow = { k: string } & Record<string, unknown>

export interface ViewQueries {
  /** One row by key (the key is the last parameter). */
  one: Statement
  /** Every row in the view's order. */
  all: Statement
  count: Statement
}

/** Runs a query; what the database reports as damaged, locked or unreadable becomes a HubStorageError. */
export function guarded<T>(statement: Statement, run: (s: Statement) => T): T {
  try {
    return run(statement)
  } catch (e) {
    throw storageErrorOf(e, statement.database.name) ?? e
  }
}

export class SqlView<V> implements ReadView<V> {
  constructor(
    private readonly queries: ViewQueries,
    private readonly read: (row: KeyedRow) => V,
    /** Parameters before the key, e.g. the provider of a provider's records. */
    private readonly scope: readonly unknown[] = [],
  ) {}

  get(key: string): V | undefined {
    const row = guarded(this.queries.one, (s) => s.get(...this.scope, key) as KeyedRow | undefined)
    return row === undefined ? undefined : this.read(row)
  }

  has(key: string): boolean {
    return guarded(this.queries.one, (s) => s.get(...this.scope, key)) !== undefined
  }

  get size(): number {
    return guarded(this.queries.count, (s) => s.pluck().get(...this.scope) as number)
  }

  // Rows are read whole before the first value is handed out: a caller may run other
  // queries (or commit) while it iterates, which an open statement would not allow.
  private rows(): KeyedRow[] {
    return guarded(this.queries.all, (s) => s.all(...this.scope) as KeyedRow[])
  }

  *keys(): IterableIterator<string> {
    for (const row of this.rows()) yield row.k
  }

  *values(): IterableIterator<V> {
    for (const row of this.rows()) yield this.read(row)
  }

  *entries(): IterableIterator<[string, V]> {
    for (const row of this.rows()) yield [row.k, this.read(row)]
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries()
  }
}
