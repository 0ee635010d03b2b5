// Cells whose rings would overlap on screen are drawn as one: their counts add up, per
// status too, at the larger one's place. A cell's mean position can lie near its border,
// so neighbours from the server's grid may touch. Screen distances depend on the zoom
// alone, so one merge holds while the map pans.
import type { Bin } from '../../api.js'
import { worldSize } from './projection.js'

/** Radius of a cell's ring in pixels: grows with the log of its count. */
export function binRadius(total: number): number {
  return Math.min(22, 7 + 3.2 * Math.log10(total))
}

/** The largest ring's diameter: neighbours to compare are within one grid square of it. */
const REACH = 2 * binRadius(1e9)

export function mergeOverlapping(bins: readonly Bin[], zoom: number): Bin[] {
  const w = worldSize(zoom)
  const kept: Bin[] = []
  const grid = new Map<string, number[]>()
  for (const b of [...bins].sort((a, c) => c[2] - a[2])) {
    const gx = Math.floor((b[0] * w) / REACH)
    const gy = Math.floor((b[1] * w) / REACH)
    let into: Bin | undefined
    for (let dx = -1; dx <= 1 && !into; dx++)
      for (let dy = -1; dy <= 1 && !into; dy++)
        for (const k of grid.get(`${gx + dx},${gy + dy}`) ?? []) {
          const o = kept[k]!
          if (Math.hypot((o[0] - b[0]) * w, (o[1] - b[1]) * w) < 0.9 * (binRadius(o[2]) + binRadius(b[2]))) {
            into = o
            break
          }
        }
    if (into) {
      for (let i = 2; i < b.length; i++) into[i] = (into[i] as number) + (b[i] as number)
      continue
    }
    const key = `${gx},${gy}`
    grid.set(key, [...(grid.get(key) ?? []), kept.length])
    kept.push([...b] as Bin)
  }
  return kept
}
