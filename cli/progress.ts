// A progress line for long pulls on a terminal: a bar, records and pages so far, the
// rate and the time left, redrawn in place (carriage return) at most a few times a
// second, so that drawing costs nothing beside the pull.

export interface Progress {
  records: number
  /** Records the source says there are (a page's totalElements); 0 while unknown. */
  total: number
  pages: number
  totalPages: number
  elapsedMs: number
}

const WIDTH = 24
const n = (x: number) => x.toLocaleString('en')

/** 75 → "1m15s"; 9 → "9s". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`
}

/** One line: `[#####-------] 42% 420,000 of 1,000,000 records, page 210 of 500, 9,800 records/s, 59s left`. */
export function progressLine(p: Progress): string {
  const done = p.total > 0 ? Math.min(1, p.records / p.total) : 0
  const filled = Math.round(done * WIDTH)
  const rate = p.elapsedMs > 0 ? (p.records / p.elapsedMs) * 1000 : 0
  const left = rate > 0 && p.total > 0 ? `, ${duration((p.total - p.records) / rate)} left` : ''
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(done * 100)}% ${n(p.records)} of ${n(p.total)} records, page ${n(p.pages)} of ${n(p.totalPages)}, ${n(Math.round(rate))} records/s${left}`
}

/** Draws progress lines on a terminal; `done` ends the line. Nothing at all when `write` is undefined. */
export class ProgressLine {
  #last = 0
  #width = 0

  constructor(
    private readonly write: ((s: string) => unknown) | undefined,
    private readonly everyMs = 200,
  ) {}

  update(p: Progress, force = false): void {
    if (!this.write) return
    const now = performance.now()
    if (!force && now - this.#last < this.everyMs) return
    this.#last = now
    const line = progressLine(p)
    // Spaces over what a longer line before left behind.
    this.write(`\r${line}${' '.repeat(Math.max(0, this.#width - line.length))}`)
    this.#width = line.length
  }

  done(): void {
    if (this.write && this.#width > 0) this.write('\n')
  }
}
