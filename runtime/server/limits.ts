// What one server accepts before it refuses, in one place: body size and nesting, how long
// a client may take, how many connections and body bytes it holds at once. The defaults
// let a 50 MiB fullLoad through from a slow partner, and keep a few dozen clients that
// send most of such a body and then stall from holding more than about 120 MB.
import { DEFAULT_DEPTH_LIMIT } from './json.js'

/** What one server accepts before it refuses; each may be set in ServerOptions. */
export interface ServerLimits {
  /**
   * Largest request body in bytes, enough for a fullLoad of about 40,000 EVSEs.
   * @default 50 * 1024 * 1024 (50 MiB)
   */
  bodyLimit: number
  /**
   * Deepest nesting of objects and lists in a request body (OICP messages nest fewer than 10).
   * @default 64
   */
  depthLimit: number
  /**
   * Time for the request headers to arrive (node servers made here).
   * @default 20_000
   */
  headersTimeoutMs: number
  /**
   * Time for the whole body to arrive once the headers are in (50 MiB at about 450 kB/s).
   * @default 120_000
   */
  bodyTimeoutMs: number
  /**
   * Longest pause while a body arrives, and how long a kept-alive connection may idle.
   * @default 10_000
   */
  idleTimeoutMs: number
  /**
   * Connections served at once by one listener; beyond, 503 with Retry-After.
   * @default 512
   */
  maxConnections: number
  /**
   * Request body bytes held at once by one core (declared lengths are reserved up front);
   * beyond, 503. The default lets two full-size bodies stall at once and still leaves room
   * for ordinary requests.
   * @default 2 * bodyLimit + 16 MiB
   */
  maxBodyBytesInFlight: number
  /**
   * Seconds a refused client is asked to wait (Retry-After of a 503).
   * @default 5
   */
  retryAfterSeconds: number
}

/** The default `bodyLimit`. */
export const DEFAULT_BODY_LIMIT = 50 * 1024 * 1024

/** The limits given, the defaults for the rest; throws RangeError on a value that cannot work. */
export function resolveLimits(given: Partial<ServerLimits>): ServerLimits {
  const bodyLimit = given.bodyLimit ?? DEFAULT_BODY_LIMIT
  const limits: ServerLimits = {
    bodyLimit,
    depthLimit: given.depthLimit ?? DEFAULT_DEPTH_LIMIT,
    headersTimeoutMs: given.headersTimeoutMs ?? 20_000,
    bodyTimeoutMs: given.bodyTimeoutMs ?? 120_000,
    idleTimeoutMs: given.idleTimeoutMs ?? 10_000,
    maxConnections: given.maxConnections ?? 512,
    maxBodyBytesInFlight: given.maxBodyBytesInFlight ?? 2 * bodyLimit + 16 * 1024 * 1024,
    retryAfterSeconds: given.retryAfterSeconds ?? 5,
  }
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value < 0 || (value === 0 && name !== 'retryAfterSeconds'))
      throw new RangeError(`server option ${name} must be a positive number (got ${value})`)
  }
  if (limits.maxBodyBytesInFlight < limits.bodyLimit)
    throw new RangeError(
      `maxBodyBytesInFlight (${limits.maxBodyBytesInFlight}) must be at least bodyLimit (${limits.bodyLimit}), or no full-size body could ever be read`,
    )
  return limits
}

/** Body bytes held by all requests of one core; reading stops (503) when a request would pass the cap. */
export class BodyBudget {
  #used = 0

  constructor(readonly capacity: number) {}

  get used(): number {
    return this.#used
  }

  /** A request's share, grown as its body arrives and given back once when it is done. */
  hold(): BodyHold {
    return new Share(this)
  }

  /** Takes `bytes` more if they fit. */
  take(bytes: number): boolean {
    if (this.#used + bytes > this.capacity) return false
    this.#used += bytes
    return true
  }

  give(bytes: number): void {
    this.#used -= bytes
  }
}

/** One request's share of a budget (a class: one of these is made per request). */
class Share implements BodyHold {
  #held = 0

  constructor(private readonly budget: BodyBudget) {}

  ensure(bytes: number): boolean {
    if (bytes <= this.#held) return true
    if (!this.budget.take(bytes - this.#held)) return false
    this.#held = bytes
    return true
  }

  release(): void {
    this.budget.give(this.#held)
    this.#held = 0
  }
}

export interface BodyHold {
  /** Makes the share at least `bytes`; false (share unchanged) when that would pass the cap. */
  ensure(bytes: number): boolean
  /** Gives the whole share back; safe to call more than once. */
  release(): void
}
