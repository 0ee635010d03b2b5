// Tiny timing helpers for the benchmark script.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Median milliseconds per call: warm up, then time batches for about `budgetMs`. */
export function bench(fn: () => unknown, budgetMs = 600): number {
  for (let i = 0; i < 5; i++) fn()
  const once = performance.now()
  fn()
  const per = Math.max(performance.now() - once, 0.001)
  const batch = Math.max(1, Math.floor(20 / per))
  const samples: number[] = []
  const end = performance.now() + budgetMs
  while (performance.now() < end || samples.length < 5) {
    const t = performance.now()
    for (let i = 0; i < batch; i++) fn()
    samples.push((performance.now() - t) / batch)
  }
  return median(samples)
}

export function fmt(ms: number): string {
  return ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`
}

export function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(line(head))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of rows) console.log(line(r))
}
