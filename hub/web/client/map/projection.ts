// The map's view: a centre in world units (Web Mercator, 0..1 both ways, as the server's
// columns), a fractional zoom (the world is 256 * 2^zoom CSS pixels wide) and the canvas
// size. Pure functions, so panning and zooming are arithmetic on four numbers.
export const TILE = 256
export const MIN_ZOOM = 0
export const MAX_ZOOM = 19

export interface View {
  cx: number
  cy: number
  zoom: number
  width: number
  height: number
}

export function worldSize(zoom: number): number {
  return TILE * 2 ** zoom
}

export function toScreen(v: View, x: number, y: number): [number, number] {
  const w = worldSize(v.zoom)
  return [(x - v.cx) * w + v.width / 2, (y - v.cy) * w + v.height / 2]
}

export function toWorld(v: View, sx: number, sy: number): [number, number] {
  const w = worldSize(v.zoom)
  return [v.cx + (sx - v.width / 2) / w, v.cy + (sy - v.height / 2) / w]
}

/** The world box the canvas shows, grown by `margin` of its size on every side. */
export function visibleBox(v: View, margin = 0): [number, number, number, number] {
  const w = worldSize(v.zoom)
  const hw = (v.width * (0.5 + margin)) / w
  const hh = (v.height * (0.5 + margin)) / w
  return [v.cx - hw, v.cy - hh, v.cx + hw, v.cy + hh]
}

export function clampView(v: View): View {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom))
  return { ...v, zoom, cx: Math.min(1, Math.max(0, v.cx)), cy: Math.min(1, Math.max(0, v.cy)) }
}

/** Zooms to `zoom`, keeping the world point under the screen point (sx, sy) where it is. */
export function zoomAt(v: View, zoom: number, sx: number, sy: number): View {
  const [x, y] = toWorld(v, sx, sy)
  const next = clampView({ ...v, zoom })
  const w = worldSize(next.zoom)
  return clampView({ ...next, cx: x - (sx - v.width / 2) / w, cy: y - (sy - v.height / 2) / w })
}

/** Moves the view by screen pixels (the map follows the pointer). */
export function panBy(v: View, dx: number, dy: number): View {
  const w = worldSize(v.zoom)
  return clampView({ ...v, cx: v.cx - dx / w, cy: v.cy - dy / w })
}

/** The view that shows a world box whole, with `padding` pixels around it, no closer than `maxZoom`. */
export function fitBox(
  box: readonly [number, number, number, number],
  width: number,
  height: number,
  maxZoom = 14,
  padding = 60,
): View {
  const [x0, y0, x1, y1] = box
  const bw = Math.max(x1 - x0, 1e-9)
  const bh = Math.max(y1 - y0, 1e-9)
  const zoom = Math.log2(Math.min((width - 2 * padding) / (bw * TILE), (height - 2 * padding) / (bh * TILE)))
  return clampView({ cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, zoom: Math.min(maxZoom, zoom), width, height })
}

/** The view a key brings: arrows pan, + (or =) and - zoom about the centre, 0 fits `all`; undefined for other keys. */
export function keyMove(v: View, key: string, all: readonly [number, number, number, number]): View | undefined {
  const step = 100
  const moves: Record<string, () => View> = {
    ArrowLeft: () => panBy(v, step, 0),
    ArrowRight: () => panBy(v, -step, 0),
    ArrowUp: () => panBy(v, 0, step),
    ArrowDown: () => panBy(v, 0, -step),
    '+': () => zoomAt(v, v.zoom + 1, v.width / 2, v.height / 2),
    '=': () => zoomAt(v, v.zoom + 1, v.width / 2, v.height / 2),
    '-': () => zoomAt(v, v.zoom - 1, v.width / 2, v.height / 2),
    '0': () => fitBox(all, v.width, v.height),
  }
  return moves[key]?.()
}

/** World units of one map cell at a zoom: cells are about `px` pixels wide on screen, a power of two in world units so they line up across pans. */
export function cellSize(zoom: number, px = 48): number {
  return 2 ** Math.ceil(Math.log2(px / worldSize(zoom)))
}
