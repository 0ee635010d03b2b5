// Delta pulls: eRoamingPullEvseData with LastCall returns only what changed since then.
// The watermark is the start time of the last pull that was processed completely; it is
// taken before the pull begins (so changes made during the pull come again next time)
// and saved only when the caller commits, after every page was handled.
import { readFile, rename, writeFile } from 'node:fs/promises'

/** Where the watermark is kept between pulls. */
export interface WatermarkStore {
  load(): Promise<string | undefined>
  save(lastCall: string): Promise<void>
}

/** Kept in memory: for one long-running process. */
export function memoryWatermarkStore(initial?: string): WatermarkStore {
  let value = initial
  return {
    load: () => Promise.resolve(value),
    save: (v) => {
      value = v
      return Promise.resolve()
    },
  }
}

/** Kept in a file (written atomically): survives restarts. */
export function fileWatermarkStore(path: string): WatermarkStore {
  return {
    async load() {
      try {
        const text = (await readFile(path, 'utf8')).trim()
        return text === '' ? undefined : text
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw e
      }
    },
    async save(v) {
      await writeFile(`${path}.tmp`, `${v}\n`)
      await rename(`${path}.tmp`, path)
    },
  }
}

/** One delta pull under way: what to send, and how to record it as done. */
export interface DeltaPull {
  /** `{ LastCall }` to spread into the pull request; empty for the first (full) pull. */
  readonly filter: { LastCall?: string }
  /** Records the pull as processed: the next one asks for changes since it began. */
  commit(): Promise<void>
}

/** How a LastCallWatermark reads the clock. */
export interface WatermarkOptions {
  /**
   * Subtracted from the start time, against clock differences with Hubject; repeats are harmless, gaps are not.
   * @default 60_000
   */
  overlapMs?: number
  /**
   * The clock; for tests.
   * @default () => new Date()
   */
  now?: () => Date
}

/**
 * The LastCall of delta pulls: when the last completely processed pull began.
 * @example
 * ```ts
 * const watermark = new LastCallWatermark(fileWatermarkStore('evse-data.lastcall'), { overlapMs: 120_000 })
 * const pull = await watermark.begin() // pull.filter is {} the first time, then { LastCall: '...' }
 * const pages = emp.pullEvseDataPages({ ProviderID: 'DE-8EO', ...pull.filter })
 * for await (const evse of eachRecord(pages)) await save(evse)
 * await pull.commit()
 * ```
 */
export class LastCallWatermark {
  private readonly overlapMs: number
  private readonly now: () => Date

  constructor(
    private readonly store: WatermarkStore = memoryWatermarkStore(),
    options: WatermarkOptions = {},
  ) {
    this.overlapMs = options.overlapMs ?? 60_000
    this.now = options.now ?? (() => new Date())
  }

  /** Starts a pull: the LastCall to send, and the commit that moves the watermark on. */
  async begin(): Promise<DeltaPull> {
    const last = await this.store.load()
    const next = new Date(this.now().getTime() - this.overlapMs).toISOString()
    return {
      filter: last === undefined ? {} : { LastCall: last },
      commit: () => this.store.save(next),
    }
  }

  /** The saved watermark, if any. */
  current(): Promise<string | undefined> {
    return this.store.load()
  }
}
