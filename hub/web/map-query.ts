// What the map asks of the columns: for a box and a cell size, the EVSEs binned into cells
// (a count per status and their mean position), or the EVSEs themselves when few are in the
// box; and the first EVSEs in the box for the list beside the map. One pass over the
// columns, counting into a dense grid: no allocation per EVSE.
import { STATUSES, type Bin, type MapAnswer, type Point } from './api.js'
import { ABSENT, type Columns } from './map-columns.js'

/** A box in world units (x east, y south, both 0..1). */
export interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

export interface Filter {
  /** Bit n set: status code n is shown. */
  statusMask: number
  /** An operator code, or -1 for all. */
  operator: number
}

export const ALL_STATUSES = (1 << STATUSES.length) - 1
/** Cells of one answer at most: the cell grows when a box would need more. */
const MAX_CELLS = 40_000
const round = (v: number) => Math.round(v * 1e9) / 1e9

function shown(c: Columns, i: number, box: Box, f: Filter): boolean {
  const s = c.status[i]!
  if (s === ABSENT || ((f.statusMask >> s) & 1) === 0) return false
  if (f.operator >= 0 && c.operator[i] !== f.operator) return false
  const x = c.x[i]!
  const y = c.y[i]!
  return x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1
}

/** Bins of `cell` world units, or the points when the box holds at most `pointLimit`. */
export function binned(c: Columns, box: Box, f: Filter, cell: number, pointLimit: number): Omit<MapAnswer, 'ms'> {
  // Cell indexes by multiplying with the inverse throughout, so a point on a cell's edge
  // falls in the same cell here as in the grid's bounds.
  let size = cell
  let inverse = 1 / size
  const span = (a: number, b: number) => Math.floor(b * inverse) - Math.floor(a * inverse) + 1
  while (span(box.x0, box.x1) * span(box.y0, box.y1) > MAX_CELLS) {
    size *= 2
    inverse = 1 / size
  }
  const cols = span(box.x0, box.x1)
  const rows = span(box.y0, box.y1)
  const cx0 = Math.floor(box.x0 * inverse)
  const cy0 = Math.floor(box.y0 * inverse)
  const kinds = STATUSES.length
  const counts = new Uint32Array(cols * rows * kinds)
  const totals = new Uint32Array(cols * rows)
  const sx = new Float64Array(cols * rows)
  const sy = new Float64Array(cols * rows)
  const points = new Int32Array(pointLimit + 1)
  let total = 0
  // The filter written out (no call per EVSE): this loop is the whole cost of an answer.
  const { x, y, status, operator } = c
  const { statusMask, operator: only } = f
  const { x0, y0, x1, y1 } = box
  for (let i = 0, end = c.end; i < end; i++) {
    const s = status[i]!
    if (s === ABSENT || ((statusMask >> s) & 1) === 0 || (only >= 0 && operator[i] !== only)) continue
    const px = x[i]!
    if (px < x0 || px > x1) continue
    const py = y[i]!
    if (py < y0 || py > y1) continue
    const cell = (Math.floor(py * inverse) - cy0) * cols + (Math.floor(px * inverse) - cx0)
    totals[cell]!++
    counts[cell * kinds + s]!++
    sx[cell]! += px
    sy[cell]! += py
    if (total <= pointLimit) points[total] = i
    total++
  }
  if (total <= pointLimit) {
    const list: Point[] = []
    for (let k = 0; k < total; k++) {
      const i = points[k]!
      list.push([i, round(x[i]!), round(y[i]!), status[i]!, c.operator[i]!])
    }
    return { total, cell: size, points: list }
  }
  const bins: Bin[] = []
  for (let cell = 0; cell < totals.length; cell++) {
    const t = totals[cell]!
    if (t === 0) continue
    bins.push([round(sx[cell]! / t), round(sy[cell]! / t), t, ...counts.subarray(cell * kinds, cell * kinds + kinds)])
  }
  return { total, cell: size, bins }
}

/** The box around every EVSE held, or undefined when there is none. */
export function boundsOf(c: Columns): [number, number, number, number] | undefined {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (let i = 0; i < c.end; i++) {
    if (c.status[i] === ABSENT) continue
    const x = c.x[i]!
    const y = c.y[i]!
    if (x < x0) x0 = x
    if (x > x1) x1 = x
    if (y < y0) y0 = y
    if (y > y1) y1 = y
  }
  return x0 <= x1 ? [x0, y0, x1, y1] : undefined
}

/** The number of EVSEs in the box and the row ids of the first `limit` of them. */
export function firstIn(c: Columns, box: Box, f: Filter, limit: number): { total: number; ids: number[] } {
  const ids: number[] = []
  let total = 0
  for (let i = 0; i < c.end; i++) {
    if (!shown(c, i, box, f)) continue
    if (ids.length < limit) ids.push(i)
    total++
  }
  return { total, ids }
}
