// The land under the EVSEs, kept as a picture: the outline is filled and stroked into an
// off-screen canvas a good margin larger than the view, and frames copy from it. Panning
// within the margin costs one copy; a zoom draws the old picture scaled until it is drawn
// anew, once the view has been still for a moment. Filling a detailed outline every frame
// would take tens of milliseconds without a GPU.
import { worldSize, type View } from './projection.js'

const SEA = '#dfe9f2'
const LAND = '#f7f5ef'
const BORDER = '#9aa5b1'
/** Of the view's size, on each side. */
const MARGIN = 0.5
/** Stillness before a scaled picture is drawn anew. */
const SETTLE_MS = 150

export class LandPicture {
  readonly #canvas = document.createElement('canvas')
  #view: View | undefined
  #path: Path2D | undefined
  #dpr = 1
  #timer: number | undefined
  /** How long the picture took to draw, the last time it was drawn. */
  lastRenderMs: number | undefined

  constructor(private readonly redraw: () => void) {}

  /** Paints sea and land for view `v` into ctx (in CSS pixels, transform set to dpr); true when the picture was drawn anew for it. */
  paint(ctx: CanvasRenderingContext2D, v: View, dpr: number, path: Path2D | undefined): boolean {
    ctx.fillStyle = SEA
    ctx.fillRect(0, 0, v.width, v.height)
    if (!path) return false
    const held = this.#view
    const stale =
      !held || this.#path !== path || this.#dpr !== dpr || held.width !== v.width || held.height !== v.height
    const anew = stale || !this.#covers(v)
    if (anew) this.#render(v, dpr, path)
    else if (held.zoom !== v.zoom) this.#later()
    this.#copy(ctx, v)
    return anew
  }

  #covers(v: View): boolean {
    const held = this.#view!
    if (held.zoom !== v.zoom) return true
    const w = worldSize(v.zoom)
    return Math.abs(v.cx - held.cx) * w <= v.width * MARGIN && Math.abs(v.cy - held.cy) * w <= v.height * MARGIN
  }

  /** Draws the picture anew (for the view then) once the zoom has been still for a moment. */
  #later(): void {
    clearTimeout(this.#timer)
    this.#timer = window.setTimeout(() => {
      this.#view = undefined
      this.redraw()
    }, SETTLE_MS)
  }

  #render(v: View, dpr: number, path: Path2D): void {
    clearTimeout(this.#timer)
    const started = performance.now()
    const c = this.#canvas
    const width = v.width * (1 + 2 * MARGIN)
    const height = v.height * (1 + 2 * MARGIN)
    c.width = Math.ceil(width * dpr)
    c.height = Math.ceil(height * dpr)
    const ctx = c.getContext('2d')!
    const w = worldSize(v.zoom)
    ctx.setTransform(dpr * w, 0, 0, dpr * w, dpr * (width / 2 - v.cx * w), dpr * (height / 2 - v.cy * w))
    ctx.fillStyle = LAND
    ctx.fill(path)
    ctx.lineWidth = 0.8 / w
    ctx.strokeStyle = BORDER
    ctx.stroke(path)
    this.#view = v
    this.#path = path
    this.#dpr = dpr
    // The canvas draws lazily: reading a pixel makes it finish, so the time is the drawing's.
    ctx.getImageData(0, 0, 1, 1)
    this.lastRenderMs = performance.now() - started
  }

  /** Copies the picture to where its world lies in view `v` (scaled when the zoom differs). */
  #copy(ctx: CanvasRenderingContext2D, v: View): void {
    const held = this.#view!
    const scale = 2 ** (v.zoom - held.zoom)
    const w = worldSize(v.zoom)
    // The picture's top-left corner, in world units, then on screen now.
    const left = held.cx - (held.width * (0.5 + MARGIN)) / worldSize(held.zoom)
    const top = held.cy - (held.height * (0.5 + MARGIN)) / worldSize(held.zoom)
    const x = (left - v.cx) * w + v.width / 2
    const y = (top - v.cy) * w + v.height / 2
    ctx.drawImage(this.#canvas, x, y, held.width * (1 + 2 * MARGIN) * scale, held.height * (1 + 2 * MARGIN) * scale)
  }
}
