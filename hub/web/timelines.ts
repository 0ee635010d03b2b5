// Each session's exchanges in the order they happened, for the sessions view: what the
// EMP asked, what the CPO (or its simulated charge point) was passed, its notifications,
// the stop and the CDR, and what each partner was sent. Bounded by sessions, steps per
// session and bytes; the oldest sessions go first.
import type { ExchangeDetail, Phase, TimelineStep } from './api.js'
import { weightOf } from './exchange.js'

export interface TimelineLimits {
  sessions: number
  stepsPerSession: number
  bytes: number
}

export const DEFAULT_TIMELINES: TimelineLimits = { sessions: 300, stepsPerSession: 40, bytes: 8 * 1024 * 1024 }

const PHASES: Record<string, Phase> = {
  eRoamingAuthorizeStart: 'authorization',
  eRoamingAuthorizeStop: 'stop',
  eRoamingAuthorizeRemoteStart: 'remote start',
  eRoamingAuthorizeRemoteStop: 'stop',
  eRoamingAuthorizeRemoteReservationStart: 'reservation',
  eRoamingAuthorizeRemoteReservationStop: 'reservation',
  eRoamingChargingNotifications: 'notification',
  eRoamingChargeDetailRecord: 'CDR',
}

export function phaseOf(operation: string): Phase {
  return PHASES[operation] ?? 'other'
}

interface Held {
  steps: ExchangeDetail[]
  bytes: number
  /** Steps were dropped (over the per-session limit). */
  cut: boolean
}

export class Timelines {
  /** In order of last change: the first is the one to drop. */
  readonly #sessions = new Map<string, Held>()
  #bytes = 0

  constructor(readonly limits: TimelineLimits = DEFAULT_TIMELINES) {}

  /** Files an exchange under its session, if it names one. Returns that SessionID. */
  add(x: ExchangeDetail): string | undefined {
    const id = x.sessionId
    if (id === undefined) return undefined
    const held = this.#sessions.get(id) ?? { steps: [], bytes: 0, cut: false }
    this.#sessions.delete(id)
    this.#sessions.set(id, held)
    const weight = weightOf(x)
    held.steps.push(x)
    held.bytes += weight
    this.#bytes += weight
    if (held.steps.length > this.limits.stepsPerSession) {
      const dropped = held.steps.shift()!
      held.cut = true
      held.bytes -= weightOf(dropped)
      this.#bytes -= weightOf(dropped)
    }
    for (const [other, h] of this.#sessions) {
      if (this.#sessions.size <= this.limits.sessions && this.#bytes <= this.limits.bytes) break
      if (other === id) continue
      this.#sessions.delete(other)
      this.#bytes -= h.bytes
    }
    return id
  }

  /** The steps held for a session, oldest first, and whether some were dropped. */
  of(sessionId: string): { steps: TimelineStep[]; cut: boolean } | undefined {
    const held = this.#sessions.get(sessionId)
    if (!held) return undefined
    // Ordered by when each began: a forward finishes before the request that caused it.
    const steps = [...held.steps]
      .sort((a, b) => a.at - b.at || a.id - b.id)
      .map((exchange) => ({ phase: phaseOf(exchange.operation), exchange }))
    return { steps, cut: held.cut }
  }

  get size(): number {
    return this.#sessions.size
  }

  get bytes(): number {
    return this.#bytes
  }
}
