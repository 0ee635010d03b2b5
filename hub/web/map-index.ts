// Keeps the map's columns in step with the hub's database. At start it reads every EVSE with
// a position (with its status), in slices with a pause between them so the hub keeps
// answering; after that each committed op names what it changed (EvseIDs, or a whole
// operator on a fullLoad) and only those rows are read again. The database stays the one
// truth: an op is only a hint of where to look. Reads the evse, evse_status and operator
// tables (see storage/schema.ts).
import type { Database, Statement } from 'better-sqlite3'
import { idKey } from '../ids.js'
import type { Op } from '../store.js'
import { Columns, statusCode } from './map-columns.js'

/** Rows per slice: about 25 ms of reading each (a million EVSEs: 5 s in all), the longest the hub waits. */
const SLICE = 5_000
/** Changes are gathered this long before they are read. */
const SETTLE_MS = 50

type Row = [
  id: number,
  lat: number | null,
  lon: number | null,
  deleted: number,
  operator: string,
  status: string | null,
]

const COLUMNS =
  'e.id, e.lat, e.lon, e.deleted, e.operator_key, s.status FROM evse e LEFT JOIN evse_status s ON s.key = e.key'

export interface OperatorName {
  operatorId: string
  name: string
}

export class MapIndex {
  readonly columns = new Columns()
  /** By operator code. */
  readonly operators: OperatorName[] = []
  readonly #codes = new Map<string, number>()
  readonly #all: Statement
  readonly #byKeys: Statement
  readonly #byOperator: Statement
  readonly #operatorNames: Statement
  readonly #dirtyKeys = new Set<string>()
  readonly #dirtyOperators = new Set<string>()
  #ready = false
  #running: Promise<void> | undefined
  #timer: NodeJS.Timeout | undefined
  #closed = false

  constructor(
    db: Database,
    /** After the columns changed (the first load included). */
    private readonly onChange: () => void,
    private readonly onError: (e: unknown) => void,
  ) {
    this.#all = db
      .prepare(`SELECT ${COLUMNS} WHERE e.id > ? AND e.deleted = 0 AND e.lat IS NOT NULL ORDER BY e.id LIMIT ${SLICE}`)
      .raw()
    this.#byKeys = db.prepare(`SELECT ${COLUMNS} WHERE e.key IN (SELECT value FROM json_each(?))`).raw()
    this.#byOperator = db
      .prepare(`SELECT e.key, ${COLUMNS} WHERE e.operator_key = ? AND e.key > ? ORDER BY e.key LIMIT ${SLICE}`)
      .raw()
    this.#operatorNames = db.prepare('SELECT key, operator_id, name FROM operator').raw()
    this.#run(() => this.#loadAll())
  }

  /** False until the first load is done. */
  get ready(): boolean {
    return this.#ready
  }

  /** A committed op: what it may have changed is read again shortly. */
  note(op: Op): void {
    if (op.kind !== 'evseData' && op.kind !== 'evseStatus') return
    if (op.action === 'fullLoad') this.#dirtyOperators.add(idKey(op.operatorId))
    else for (const r of op.records) this.#dirtyKeys.add(idKey(r.EvseID))
    if (this.#ready && !this.#running) this.#schedule()
  }

  close(): void {
    this.#closed = true
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined
      this.#run(() => this.#refresh())
    }, SETTLE_MS)
  }

  #run(task: () => Promise<void>): void {
    const previous = this.#running ?? Promise.resolve()
    const next = previous
      .then(task)
      .catch((e) => {
        if (!this.#closed) this.onError(e)
      })
      .finally(() => {
        if (this.#running !== next) return
        this.#running = undefined
        if (!this.#closed && (this.#dirtyKeys.size > 0 || this.#dirtyOperators.size > 0)) this.#schedule()
      })
    this.#running = next
  }

  /** A pause between slices, so requests to the hub are answered meanwhile. */
  #pause(): Promise<boolean> {
    return new Promise((resolve) => setImmediate(() => resolve(!this.#closed)))
  }

  #operatorCode(key: string): number {
    let code = this.#codes.get(key)
    if (code !== undefined) return code
    for (const [k, id, name] of this.#operatorNames.all() as Array<[string, string, string]>) {
      if (this.#codes.has(k)) continue
      this.#codes.set(k, this.operators.length)
      this.operators.push({ operatorId: id, name })
    }
    code = this.#codes.get(key)
    if (code === undefined) {
      code = this.operators.length
      this.#codes.set(key, code)
      this.operators.push({ operatorId: key, name: key })
    }
    return code
  }

  #apply(row: Row): void {
    const [id, lat, lon, deleted, operator, status] = row
    if (deleted === 1 || lat === null || lon === null) this.columns.remove(id)
    else this.columns.set(id, lat, lon, statusCode(status), this.#operatorCode(operator))
  }

  async #loadAll(): Promise<void> {
    let after = 0
    for (;;) {
      const rows = this.#all.all(after) as Row[]
      for (const row of rows) this.#apply(row)
      if (rows.length < SLICE) break
      after = rows[rows.length - 1]![0]
      if (!(await this.#pause())) return
    }
    this.#ready = true
    this.onChange()
  }

  async #refresh(): Promise<void> {
    const operators = [...this.#dirtyOperators]
    const keys = [...this.#dirtyKeys]
    this.#dirtyOperators.clear()
    this.#dirtyKeys.clear()
    for (const key of operators) if (!(await this.#reloadOperator(key))) return
    for (let i = 0; i < keys.length; i += SLICE) {
      for (const row of this.#byKeys.all(JSON.stringify(keys.slice(i, i + SLICE))) as Row[]) this.#apply(row)
      if (!(await this.#pause())) return
    }
    if (operators.length + keys.length > 0) this.onChange()
  }

  /** Every row of one operator; those the columns hold that it no longer has go. */
  async #reloadOperator(key: string): Promise<boolean> {
    const code = this.#operatorCode(key)
    const c = this.columns
    const stale = new Set<number>()
    for (let i = 0; i < c.end; i++) if (c.has(i) && c.operator[i] === code) stale.add(i)
    let after = ''
    for (;;) {
      const rows = this.#byOperator.all(key, after) as Array<[string, ...Row]>
      for (const [, ...row] of rows) {
        stale.delete(row[0])
        this.#apply(row)
      }
      if (rows.length < SLICE) break
      after = rows[rows.length - 1]![0]
      if (!(await this.#pause())) return false
    }
    for (const id of stale) c.remove(id)
    return true
  }
}
