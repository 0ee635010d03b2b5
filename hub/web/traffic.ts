// The recent exchanges: a ring buffer bounded by count and by bytes (bodies are capped
// per exchange too), so the view's memory stays bounded however long the hub runs.
import type { ExchangeDetail } from './api.js'
import { weightOf } from './exchange.js'

export interface TrafficLimits {
  /** Exchanges held. */
  count: number
  /** Bytes their bodies and findings may take. */
  bytes: number
}

export const DEFAULT_TRAFFIC: TrafficLimits = { count: 1000, bytes: 16 * 1024 * 1024 }

export class Traffic {
  /** Oldest first; ids rise along it. */
  readonly #ring: Array<{ x: ExchangeDetail; weight: number }> = []
  #bytes = 0
  #next = 1
  readonly #listeners = new Set<(x: ExchangeDetail) => void>()

  constructor(readonly limits: TrafficLimits = DEFAULT_TRAFFIC) {}

  get size(): number {
    return this.#ring.length
  }

  get bytes(): number {
    return this.#bytes
  }

  /** Gives the exchange its id, keeps it (dropping the oldest beyond the limits) and tells the listeners. */
  add(x: ExchangeDetail): ExchangeDetail {
    x.id = this.#next++
    const weight = weightOf(x)
    this.#ring.push({ x, weight })
    this.#bytes += weight
    while (this.#ring.length > this.limits.count || (this.#bytes > this.limits.bytes && this.#ring.length > 1))
      this.#bytes -= this.#ring.shift()!.weight
    for (const listener of this.#listeners) listener(x)
    return x
  }

  get(id: number): ExchangeDetail | undefined {
    let lo = 0
    let hi = this.#ring.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const at = this.#ring[mid]!.x.id
      if (at === id) return this.#ring[mid]!.x
      if (at < id) lo = mid + 1
      else hi = mid - 1
    }
    return undefined
  }

  /** Newest first, at most `limit`. */
  recent(limit: number): ExchangeDetail[] {
    const out: ExchangeDetail[] = []
    for (let i = this.#ring.length - 1; i >= 0 && out.length < limit; i--) out.push(this.#ring[i]!.x)
    return out
  }

  onAdd(listener: (x: ExchangeDetail) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
