// One frame of the map: sea and land (a picture kept by LandPicture), then the
// EVSEs: cells as rings split by status (the share of each), with their count; single
// EVSEs as dots in their status colour; the selected one ringed.
import { STATUSES, type Bin, type Point } from '../../api.js'
import { STATUS_COLOURS } from '../format.js'
import { binRadius } from './clusters.js'
import type { LandPicture } from './land.js'
import { toScreen, type View } from './projection.js'

export interface Layers {
  land: LandPicture
  outline: Path2D | undefined
  bins: Bin[] | undefined
  points: Point[] | undefined
  /** The selected EVSE's position (world units). */
  selected: [number, number] | undefined
}

const COLOURS = STATUSES.map((s) => STATUS_COLOURS[s])

export const POINT_RADIUS = 5

/** Draws a frame; true when the land picture was drawn anew in it (a slow frame, one in many). */
export function draw(ctx: CanvasRenderingContext2D, v: View, dpr: number, layers: Layers): boolean {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  const landDrawn = layers.land.paint(ctx, v, dpr, layers.outline)
  if (layers.bins) drawBins(ctx, v, layers.bins)
  if (layers.points) drawPoints(ctx, v, layers.points)
  if (layers.selected) {
    const [sx, sy] = toScreen(v, ...layers.selected)
    ctx.beginPath()
    ctx.arc(sx, sy, POINT_RADIUS + 5, 0, 2 * Math.PI)
    ctx.lineWidth = 3
    ctx.strokeStyle = '#111'
    ctx.stroke()
  }
  return landDrawn
}

function visible(v: View, sx: number, sy: number, r: number): boolean {
  return sx > -r && sy > -r && sx < v.width + r && sy < v.height + r
}

function drawBins(ctx: CanvasRenderingContext2D, v: View, bins: Bin[]): void {
  ctx.font = '600 11px system-ui, sans-serif'
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  for (const bin of bins) {
    const [x, y, total] = bin
    const [sx, sy] = toScreen(v, x, y)
    const r = binRadius(total)
    if (!visible(v, sx, sy, r)) continue
    ctx.beginPath()
    ctx.arc(sx, sy, r, 0, 2 * Math.PI)
    ctx.fillStyle = 'rgba(255,255,255,0.92)'
    ctx.fill()
    // The ring: one arc per status, as long as its share.
    let angle = -Math.PI / 2
    ctx.lineWidth = Math.max(3, r * 0.38)
    for (let s = 0; s < COLOURS.length; s++) {
      const n = bin[3 + s] ?? 0
      if (n === 0) continue
      const sweep = (2 * Math.PI * n) / total
      ctx.beginPath()
      ctx.arc(sx, sy, r - ctx.lineWidth / 2, angle, angle + sweep)
      ctx.strokeStyle = COLOURS[s]!
      ctx.stroke()
      angle += sweep
    }
    ctx.fillStyle = '#1f2933'
    ctx.fillText(total >= 10_000 ? `${Math.round(total / 1000)}k` : String(total), sx, sy + 0.5)
  }
}

function drawPoints(ctx: CanvasRenderingContext2D, v: View, points: Point[]): void {
  ctx.lineWidth = 1.5
  ctx.strokeStyle = '#ffffff'
  for (const [, x, y, status] of points) {
    const [sx, sy] = toScreen(v, x, y)
    if (!visible(v, sx, sy, POINT_RADIUS)) continue
    ctx.beginPath()
    ctx.arc(sx, sy, POINT_RADIUS, 0, 2 * Math.PI)
    ctx.fillStyle = COLOURS[status] ?? '#000'
    ctx.fill()
    ctx.stroke()
  }
}

/** The point nearest to a screen position, within reach of a finger. */
export function pointAt(v: View, points: Point[] | undefined, sx: number, sy: number, reach = 10): Point | undefined {
  let best: Point | undefined
  let bestD = reach * reach
  for (const p of points ?? []) {
    const [px, py] = toScreen(v, p[1], p[2])
    const d = (px - sx) ** 2 + (py - sy) ** 2
    if (d <= bestD) {
      best = p
      bestD = d
    }
  }
  return best
}

/** The cell whose ring is under a screen position. */
export function binAt(v: View, bins: Bin[] | undefined, sx: number, sy: number): Bin | undefined {
  for (const b of bins ?? []) {
    const [bx, by] = toScreen(v, b[0], b[1])
    if ((bx - sx) ** 2 + (by - sy) ** 2 <= binRadius(b[2]) ** 2) return b
  }
  return undefined
}
