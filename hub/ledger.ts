// The only way the hub's state changes: commit(op) checks the op against the current
// state, writes it to the journal (when there is a data folder) and applies it, one op
// at a time. Reads never wait: they see the state after the last applied op, and an op
// is applied only once it is on disk, so nothing unacknowledged is ever served.
import { Persistence } from './persistence.js'
import { HubStore, type Op } from './store.js'

export class Ledger {
  readonly store = new HubStore()
  #persistence: Persistence | undefined
  #tail: Promise<unknown> = Promise.resolve()
  #lastAt = 0

  private constructor() {}

  /** A ledger in memory, or on disk in `dataDir` with what it held before. */
  static async open(dataDir?: string): Promise<{
    ledger: Ledger
    restored: { items: number; ops: number; dropped: number }
  }> {
    const ledger = new Ledger()
    if (!dataDir) return { ledger, restored: { items: 0, ops: 0, dropped: 0 } }
    const { persistence, loaded } = await Persistence.open(dataDir)
    for (const item of loaded.items) ledger.store.restore(item)
    for (const op of loaded.ops) {
      ledger.store.apply(op)
      ledger.#lastAt = Math.max(ledger.#lastAt, op.at)
    }
    ledger.#persistence = persistence
    return {
      ledger,
      restored: {
        items: loaded.items.length,
        ops: loaded.ops.length,
        dropped: loaded.dropped,
      },
    }
  }

  /** The time of a new change in ms: never earlier than the last one, so versions stay ordered. */
  now(): number {
    this.#lastAt = Math.max(Date.now(), this.#lastAt + 1)
    return this.#lastAt
  }

  /**
   * Checks, stores and applies an op; rejects (changing nothing) with the op's
   * OicpRejection. Sets the op's `at` when its turn comes, so versions follow commit order.
   */
  commit(op: Op): Promise<void> {
    const run = async () => {
      this.store.check(op)
      op.at = this.now()
      if (this.#persistence) {
        await this.#persistence.append(op)
        this.store.apply(op)
        if (this.#persistence.shouldCompact()) this.#persistence.compact(this.store.dump())
      } else this.store.apply(op)
    }
    const result = this.#tail.then(run, run)
    this.#tail = result.catch(() => undefined)
    return result
  }

  /** Waits for pending commits, writes a snapshot and closes the journal. */
  async close(): Promise<void> {
    await this.#tail
    const p = this.#persistence
    this.#persistence = undefined
    if (p) {
      p.compact(this.store.dump())
      await p.close()
    }
  }
}
