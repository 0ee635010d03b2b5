// The EVSEs the map draws, as columns indexed by the evse table's row id: position in world
// units (Web Mercator, 0..1 both ways), status code and operator code. Typed arrays, so a
// million EVSEs take about 19 MB and a full scan a few milliseconds.
import { STATUSES, type StatusName } from './api.js'

/** The status code of a row id that holds no EVSE (never pushed, deleted or without a position). */
export const ABSENT = 255
const NONE = STATUSES.indexOf('none')
const MAX_LAT = 85.05112878

export function worldX(lon: number): number {
  return (lon + 180) / 360
}

export function worldY(lat: number): number {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)
}

export function statusCode(status: string | null | undefined): number {
  const i = status ? STATUSES.indexOf(status as StatusName) : -1
  return i < 0 ? NONE : i
}

export class Columns {
  x = new Float64Array(0)
  y = new Float64Array(0)
  status = new Uint8Array(0)
  operator = new Uint16Array(0)
  /** EVSEs held, and per operator code. */
  count = 0
  readonly perOperator: number[] = []
  /** One past the highest row id held so far: scans stop here. */
  end = 0

  #grow(id: number): void {
    let size = Math.max(1024, this.status.length)
    while (size <= id) size *= 2
    const grown = <T extends Float64Array | Uint8Array | Uint16Array>(old: T, make: (n: number) => T): T => {
      const next = make(size)
      next.set(old)
      return next
    }
    this.x = grown(this.x, (n) => new Float64Array(n))
    this.y = grown(this.y, (n) => new Float64Array(n))
    this.operator = grown(this.operator, (n) => new Uint16Array(n))
    const status = new Uint8Array(size).fill(ABSENT)
    status.set(this.status)
    this.status = status
  }

  has(id: number): boolean {
    return id < this.status.length && this.status[id] !== ABSENT
  }

  set(id: number, lat: number, lon: number, status: number, operator: number): void {
    if (id >= this.status.length) this.#grow(id)
    this.remove(id)
    this.x[id] = worldX(lon)
    this.y[id] = worldY(lat)
    this.status[id] = status
    this.operator[id] = operator
    this.count++
    this.perOperator[operator] = (this.perOperator[operator] ?? 0) + 1
    if (id >= this.end) this.end = id + 1
  }

  remove(id: number): void {
    if (!this.has(id)) return
    this.status[id] = ABSENT
    this.count--
    this.perOperator[this.operator[id]!]!--
  }
}
