// "Did you mean": the known names nearest to a mistyped one, compared without regard to
// letter case, so that `genrate`, `--chek` and `eRoamingPushEvseDta` each point somewhere.

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function distance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1)
      row.push(d)
    }
    rows.push(row)
  }
  return rows[a.length]![b.length]!
}

/** Up to `max` candidates near `input`, nearest first: a few typos away, or containing it. */
export function nearest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const typed = input.toLowerCase()
  // About one typo per three letters; fewer would miss real typos, more suggests noise.
  const allowed = Math.max(1, Math.floor(typed.length / 3))
  const scored: Array<[string, number]> = []
  for (const c of new Set(candidates)) {
    const lower = c.toLowerCase()
    const d = distance(typed, lower)
    if (d <= allowed) scored.push([c, d])
    else if (typed.length >= 4 && lower.includes(typed)) scored.push([c, allowed + 1 + lower.length - typed.length])
  }
  return scored
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, max)
    .map(([c]) => c)
}

/** ` (did you mean a, b or c?)`, or nothing when no name is near. */
export function didYouMean(
  input: string,
  candidates: Iterable<string>,
  quote: (s: string) => string = (s) => `"${s}"`,
): string {
  const names = nearest(input, candidates).map(quote)
  if (names.length === 0) return ''
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
  return ` (did you mean ${list}?)`
}
