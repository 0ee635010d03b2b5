// What a user sets on a client and on each of its calls. Kept apart from the client core so
// that the modules that send and decode a call can name these types without importing it.
import type { ValidationMode } from '../validation/issues.js'
import type { ClientHooks } from './hooks.js'
import type { PushQueue } from './queue.js'
import type { RetryOptions } from './retry.js'
import type { TlsOptions } from './tls.js'

/**
 * How a client reaches its partner and treats what comes back.
 * @example
 * ```ts
 * const cpo = createCpoClient({
 *   baseUrl: HUBJECT_QA,
 *   tls: { cert: readFileSync('cpo.pem'), key: readFileSync('cpo-key.pem') },
 *   operatorId: 'DE*ABC',
 *   timeoutMs: 10_000,
 *   retry: { limit: 3 },
 * })
 * ```
 */
export interface ClientOptions {
  /** HUBJECT_QA, HUBJECT_PRODUCTION, or any https URL; Hubject's /api/oicp prefix belongs here. */
  baseUrl: string
  /** Client certificate, key and the CAs to trust: OICP runs over mutual TLS. */
  tls: TlsOptions
  /**
   * Per attempt, unless a call says otherwise.
   * @default 30_000
   */
  timeoutMs?: number
  /**
   * Repetition of safe calls on network errors and 5xx; `false` for none.
   * @default { limit: 2, delayMs: 250, maxDelayMs: 10_000 }
   */
  retry?: RetryOptions | false
  /**
   * Keeps data pushes of one operation one at a time; see redisPushQueue for several processes.
   * @default new InProcessQueue()
   */
  queue?: PushQueue
  /** Hear of every attempt, answer, failure and lenient-decoding warning (logging, tracing). */
  hooks?: ClientHooks
  /** Sent with every request (e.g. a User-Agent). */
  headers?: Record<string, string>
  /**
   * Concurrent TLS connections to the server.
   * @default 8
   */
  connections?: number
  /**
   * Largest answer in bytes; a larger one fails with OicpResponseTooLargeError as soon as
   * its Content-Length or its bytes pass the cap, without reading on. The default leaves
   * room for the largest page OICP allows (2,000 records) and a whole PullEvseStatus.
   * @default 64 * 1024 * 1024 (64 MiB)
   */
  maxResponseBytes?: number
  /**
   * How answers are validated. `lenient` keeps what can be used: an invalid optional member
   * is removed and a bad record of a page skipped, each reported to `hooks.onWarnings`;
   * alias spellings, newer enumeration values and nulls are read. `exact` and `strict`
   * fail the call with OicpResponseError on anything invalid (`strict` also on members
   * the spec does not define).
   * @default 'lenient'
   */
  answers?: ValidationMode
}

/** Settings of one call, given as the last argument of a client method. */
export interface CallOptions {
  /**
   * Per attempt.
   * @default the client's `timeoutMs`
   */
  timeoutMs?: number
  /** Aborts the call, between attempts too. */
  signal?: AbortSignal
  /**
   * Sent as X-Request-ID and reported to the hooks.
   * @default crypto.randomUUID()
   */
  requestId?: string
  /** Extra headers, e.g. a traceparent. */
  headers?: Record<string, string>
}

/** The query of a paged pull (Hubject's pages are Spring pages). */
export interface PageQuery {
  /**
   * Page number, from 0.
   * @default 0 (Hubject's)
   */
  page?: number
  /**
   * Records per page; at most 2000 for CDRs.
   * @default 20 (Hubject's)
   */
  size?: number
  /**
   * Sort order passed as is, e.g. `EvseID,asc`.
   * @default the server's order
   */
  sort?: string
}

/** Settings of a page-by-page walk (the `…Pages` methods of a client). */
export interface PagesOptions extends CallOptions, Omit<PageQuery, 'page'> {
  /**
   * First page to fetch.
   * @default 0
   */
  startPage?: number
  /**
   * Stop with an error after this many pages (a guard against a server that never says last).
   * @default 10_000
   */
  maxPages?: number
}
