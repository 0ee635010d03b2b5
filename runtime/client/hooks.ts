// Hooks for logging and tracing. Each attempt of a call reports its start, and either its
// HTTP answer or its failure; all events of one call share the request id. An answer
// accepted with warnings reports them once more, after decoding.
import type { ValidationIssue } from '../validation/issues.js'

/** The start of one attempt of a call. */
export interface AttemptEvent {
  /** The OICP operation, e.g. eRoamingPushEvseStatus. */
  operation: string
  method: string
  url: string
  /** Sent as X-Request-ID; the same for every attempt of a call. */
  requestId: string
  /** 1 for the first attempt. */
  attempt: number
}

/** An attempt that got an HTTP answer (any status). */
export interface ResponseEvent extends AttemptEvent {
  /** The HTTP status code. */
  status: number
  durationMs: number
}

/** An attempt that failed: a refusal, an HTTP error, a broken connection or a timeout. */
export interface ErrorEvent extends AttemptEvent {
  error: unknown
  durationMs: number
  /** Set when the call will be repeated after this many milliseconds. */
  retryInMs?: number
}

/** What lenient decoding tolerated or removed in an answer that was accepted. */
export interface WarningsEvent {
  operation: string
  requestId: string
  /** The response message, e.g. eRoamingAuthorizationStart. */
  message: string
  /** Each with its JSON pointer; `removed` ones (an invalid optional member, a skipped page record) carry their `causes`. */
  warnings: ValidationIssue[]
}

/** Callbacks for logging and tracing; each must be quick, and one that throws is reported as a process warning. */
export interface ClientHooks {
  onRequest?(event: AttemptEvent): void
  onResponse?(event: ResponseEvent): void
  onError?(event: ErrorEvent): void
  /** An answer was accepted with warnings (only with `answers: 'lenient'`, the default). */
  onWarnings?(event: WarningsEvent): void
}

/** Calls a hook; a failing hook is reported as a process warning and never fails the call. */
export function emit<K extends keyof ClientHooks>(
  hooks: ClientHooks | undefined,
  name: K,
  event: Parameters<NonNullable<ClientHooks[K]>>[0],
): void {
  const hook = hooks?.[name] as ((e: typeof event) => void) | undefined
  if (!hook) return
  try {
    hook(event)
  } catch (e) {
    process.emitWarning(`oicp: client hook ${name} threw: ${(e as Error)?.message ?? String(e)}`)
  }
}
