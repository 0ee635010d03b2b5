// Time limits of body reads: the whole body by a deadline, no pause longer than the idle
// limit. One shared ticker checks every read in progress; a timer per request would cost
// about as much as the rest of reading a small body. Limits are kept to within one tick.

export interface Deadline {
  /** A piece of the body arrived. */
  touch(): void
  /** The read is over (done or refused); the deadline no longer fires. */
  stop(): void
}

const TICK_MS = 100
const NONE: Deadline = { touch() {}, stop() {} }

class Watched implements Deadline {
  last = Date.now()
  readonly end: number
  /** Position in `active`, -1 once stopped. */
  index = -1

  constructor(
    totalMs: number,
    readonly idleMs: number,
    readonly expire: () => void,
  ) {
    this.end = this.last + totalMs
  }

  touch(): void {
    this.last = Date.now()
  }

  stop(): void {
    if (this.index < 0) return
    // Swap-remove: a Set that fills and empties with every request reallocates each time.
    const last = active.pop()!
    if (last !== this) {
      active[this.index] = last
      last.index = this.index
    }
    this.index = -1
  }
}

const active: Watched[] = []
let ticker: ReturnType<typeof setInterval> | undefined

function tick(): void {
  if (active.length === 0) {
    clearInterval(ticker)
    ticker = undefined
    return
  }
  const now = Date.now()
  for (const w of active.filter((x) => now > x.end || now - x.last > x.idleMs)) {
    w.stop()
    w.expire()
  }
}

/** Calls `expire` once when the read passes `totalMs` or pauses longer than `idleMs` (either may be absent). */
export function deadline(totalMs: number | undefined, idleMs: number | undefined, expire: () => void): Deadline {
  if (totalMs === undefined && idleMs === undefined) return NONE
  const w = new Watched(totalMs ?? Infinity, idleMs ?? Infinity, expire)
  w.index = active.length
  active.push(w)
  if (ticker === undefined) {
    ticker = setInterval(tick, TICK_MS)
    // The ticker alone must not keep a process alive.
    ;(ticker as { unref?: () => void }).unref?.()
  }
  return w
}
