// When a call may be repeated. Only where a second arrival changes nothing: pulls, and
// pushes whose ActionType replaces or removes (fullLoad, update, delete). Never anything
// Hubject forwards to the partner (authorizations, remote start/stop, reservations,
// notifications) and never a charge detail record: a repeated CDR bills twice.
import { OicpError, OicpHttpError, OicpNetworkError, OicpTimeoutError, OicpTlsError } from './errors.js'

/** How the generator classified an operation. */
export type RetryPolicy =
  /** Reads: always safe to repeat. */
  | 'read'
  /** Data pushes: safe unless ActionType is insert (a repeated insert fails on the records it created). */
  | 'push'
  /** Forwarded or billing-relevant: never repeated. */
  | 'never'

/** How safe calls are repeated (the `retry` of ClientOptions). */
export interface RetryOptions {
  /**
   * Repetitions after the first attempt, from 0 (retries off) to 10.
   * @default 2
   */
  limit?: number
  /**
   * Delay before the first repetition; doubles each time, with jitter.
   * @default 250
   */
  delayMs?: number
  /**
   * Upper bound of any delay, Retry-After included.
   * @default 10_000
   */
  maxDelayMs?: number
}

/** Whether the request body may be sent again under the policy. */
export function repeatable(policy: RetryPolicy, body: unknown): boolean {
  if (policy === 'read') return true
  if (policy === 'push') return (body as { ActionType?: unknown } | null)?.ActionType !== 'insert'
  return false
}

/** Failures worth another attempt: the connection broke, no answer came, or the server had a passing fault. */
export function transient(error: unknown): boolean {
  if (error instanceof OicpTlsError) return false // certificates do not heal by retrying
  if (error instanceof OicpNetworkError || error instanceof OicpTimeoutError) return true
  const status = error instanceof OicpHttpError ? error.status : error instanceof OicpError ? error.httpStatus : 0
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505)
}

/** Delay before repetition `n` (1-based): exponential (each step between half and all of it, so clients spread out), or the server's Retry-After. */
export function retryDelay(n: number, options: Required<RetryOptions>, error: unknown): number {
  const after = error instanceof OicpHttpError ? parseRetryAfter(error.retryAfter) : undefined
  if (after !== undefined) return Math.min(after, options.maxDelayMs)
  const ceiling = Math.min(options.maxDelayMs, options.delayMs * 2 ** (n - 1))
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}
