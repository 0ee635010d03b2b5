// One call on the wire: sends with retries where the binding allows, reports every attempt
// to the hooks, and returns the parsed answer (refusals thrown as typed errors). Loaded with
// ky and undici on the first call, so importing a release does not pay for it.
import type { Binding } from './binding.js'
import { emit, type ClientHooks } from './hooks.js'
import { HttpTransport } from './http.js'
import type { CallOptions } from './options.js'
import { interpret } from './outcome.js'
import { repeatable, retryDelay, transient, type RetryOptions } from './retry.js'
import type { TlsOptions } from './tls.js'

export interface ExchangeSettings {
  baseUrl: string
  tls: TlsOptions
  connections: number
  timeoutMs: number
  retry: Required<RetryOptions>
  headers: Record<string, string>
  hooks?: ClientHooks
  maxResponseBytes?: number
}

/** One request as it goes on the wire: checked, serialised and its path filled in. */
export interface Outgoing {
  binding: Binding
  /** The request message, for deciding whether a retry is safe. */
  body: unknown
  /** The message as sent. */
  text: string
  /** The operation's path with its parameters filled in, without the leading slash. */
  path: string
  query?: Record<string, string>
}

export interface Answer {
  /** The parsed body. */
  value: unknown
  requestId: string
  /** The body as received, for error reports. */
  text: string
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  // Rejects with the signal's reason as it is: an Error unless the caller aborted with something else.
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error)
    const done = () => {
      signal?.removeEventListener('abort', abort)
      resolve()
    }
    const timer = setTimeout(done, ms)
    const abort = () => {
      clearTimeout(timer)
      reject(signal!.reason as Error)
    }
    signal?.addEventListener('abort', abort, { once: true })
  })
}

export class Exchange {
  private readonly http: HttpTransport

  constructor(private readonly settings: ExchangeSettings) {
    this.http = new HttpTransport(settings.baseUrl, settings.tls, settings.connections, settings.maxResponseBytes)
  }

  async send({ binding, body, text, path, query }: Outgoing, options: CallOptions): Promise<Answer> {
    const { settings } = this
    const operation = binding.operation.name
    const requestId = options.requestId ?? crypto.randomUUID()
    const headers = { ...settings.headers, ...options.headers, 'x-request-id': requestId }
    const timeoutMs = options.timeoutMs ?? settings.timeoutMs
    const limit = repeatable(binding.retry, body) ? settings.retry.limit : 0
    const url = `${settings.baseUrl}/${path}`
    // Bounded: at most limit + 1 attempts.
    for (let attempt = 1; ; attempt++) {
      const event = { operation, method: binding.operation.method, url, requestId, attempt }
      const started = performance.now()
      emit(settings.hooks, 'onRequest', event)
      try {
        const res = await this.http.send(operation, requestId, {
          path,
          query,
          body: text,
          headers,
          timeoutMs,
          signal: options.signal,
        })
        emit(settings.hooks, 'onResponse', { ...event, status: res.status, durationMs: performance.now() - started })
        return { value: interpret(res, operation, requestId, binding.operation.response), requestId, text: res.text }
      } catch (error) {
        const again = attempt <= limit && transient(error) && !options.signal?.aborted
        const retryInMs = again ? retryDelay(attempt, settings.retry, error) : undefined
        emit(settings.hooks, 'onError', {
          ...event,
          error,
          durationMs: performance.now() - started,
          ...(retryInMs !== undefined ? { retryInMs } : {}),
        })
        if (retryInMs === undefined) throw error
        await sleep(retryInMs, options.signal)
      }
    }
  }

  close(): Promise<void> {
    return this.http.close()
  }
}
