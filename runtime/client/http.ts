// One HTTP exchange over mutual TLS: ky builds and times the request, undici's Agent holds
// the TLS connections. ky, undici and node:tls are loaded on the first call, so importing
// a release (which re-exports the generated clients) stays cheap.
import type { KyInstance } from 'ky'
import type { Agent, Dispatcher } from 'undici'
import {
  OicpClientError,
  OicpNetworkError,
  OicpResponseTooLargeError,
  OicpTimeoutError,
  OicpTlsError,
} from './errors.js'
import { connectOptions, isTlsFailure, type TlsOptions } from './tls.js'

export interface Outgoing {
  /** Relative to the base URL, without the leading slash (ky's prefixUrl rule). */
  path: string
  query?: Record<string, string>
  /** The JSON text, validated and serialised once by the caller. */
  body: string
  headers: Record<string, string>
  timeoutMs: number
  signal?: AbortSignal
}

export interface Incoming {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

interface Loaded {
  ky: KyInstance
  agent: Agent
  /** What undici received, by the Response ky hands back. */
  received: WeakMap<Response, Incoming>
}

/** Default cap of an answer: the largest page OICP allows (2,000 records) and a whole PullEvseStatus fit. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024

/** The option name ky passes through to our fetch untouched (it forwards unknown options). */
const OUTGOING = 'oicpOutgoing'

/** An answer over the cap, found while reading; becomes OicpResponseTooLargeError with the call's names. */
class TooLarge extends Error {
  constructor(readonly declared: number | undefined) {
    super('answer too large')
  }
}

/**
 * The body as text, read no further than `max` bytes: an announced length over it fails
 * before reading, a stream that passes it fails at that chunk. Either way the stream is
 * destroyed, so the connection is dropped rather than drained.
 */
async function readCapped(res: Dispatcher.ResponseData, max: number): Promise<string> {
  const length = res.headers['content-length']
  const declared = typeof length === 'string' && /^\d+$/.test(length) ? Number(length) : undefined
  if (declared !== undefined && declared > max) {
    res.body.destroy()
    throw new TooLarge(declared)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.byteLength
    if (size > max) {
      res.body.destroy()
      throw new TooLarge(declared)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, size).toString('utf8')
}

export class HttpTransport {
  private loaded?: Promise<Loaded>
  private agent?: Agent

  constructor(
    private readonly baseUrl: string,
    private readonly tls: TlsOptions,
    private readonly connections: number,
    private readonly maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES,
  ) {
    connectOptions(tls) // fail at construction on missing certificate or key
  }

  private load(): Promise<Loaded> {
    this.loaded ??= (async () => {
      const [{ default: ky }, undici, nodeTls] = await Promise.all([import('ky'), import('undici'), import('node:tls')])
      const connect = connectOptions(this.tls)
      // Parse certificate, key and passphrase now, so a wrong passphrase is reported as such
      // and not as a failed connection on every call.
      nodeTls.createSecureContext(connect)
      const agent = new undici.Agent({ connect, connections: this.connections, keepAliveTimeout: 10_000 })
      this.agent = agent
      const received = new WeakMap<Response, Incoming>()
      // ky hands us its Request; the body and headers come as the string and object the
      // caller prepared, since a fetch Request would wrap the body in a stream and ky would
      // tee it for its own retries (we retry ourselves): ~40 µs a call for nothing. The
      // answer is read here in full and kept beside an empty Response for the same reason.
      const fetchViaUndici = async (request: Request, init: Record<string, unknown>): Promise<Response> => {
        const out = init[OUTGOING] as Outgoing
        // ky's signal carries both its timeout and the caller's abort.
        const res = await undici.request(request.url, {
          method: 'POST',
          headers: out.headers,
          body: out.body,
          dispatcher: agent,
          signal: request.signal,
        })
        const text = await readCapped(res, this.maxResponseBytes)
        const status = res.statusCode >= 200 && res.statusCode <= 599 ? res.statusCode : 599
        const response = new Response(null, { status })
        received.set(response, { status: res.statusCode, headers: res.headers, text })
        return response
      }
      // Errors and retries are ours (typed, and only where repeating is safe), so ky neither
      // throws on HTTP status nor retries.
      const instance = ky.create({
        prefixUrl: this.baseUrl,
        retry: 0,
        throwHttpErrors: false,
        fetch: fetchViaUndici as typeof fetch,
      })
      return { agent, ky: instance, received }
    })()
    return this.loaded
  }

  /** Sends one request; failures come back as typed client errors. */
  async send(operation: string, requestId: string, out: Outgoing): Promise<Incoming> {
    let loaded: Loaded
    try {
      loaded = await this.load()
    } catch (e) {
      this.loaded = undefined
      throw new OicpTlsError(operation, requestId, (e as NodeJS.ErrnoException).code, e)
    }
    try {
      const options = { timeout: out.timeoutMs, signal: out.signal, searchParams: out.query, [OUTGOING]: out }
      const response = await loaded.ky.post(out.path, options)
      return loaded.received.get(response)!
    } catch (e) {
      throw toClientError(e, operation, requestId, out, this.maxResponseBytes)
    }
  }

  async close(): Promise<void> {
    const agent = this.agent
    this.loaded = undefined
    this.agent = undefined
    await agent?.close()
  }
}

function toClientError(
  e: unknown,
  operation: string,
  requestId: string,
  out: Outgoing,
  maxResponseBytes: number,
): unknown {
  if (e instanceof OicpClientError) return e
  if (e instanceof TooLarge) return new OicpResponseTooLargeError(operation, requestId, maxResponseBytes, e.declared)
  const err = e as Error & { code?: string; cause?: { code?: string; message?: string } }
  if (err?.name === 'TimeoutError') return new OicpTimeoutError(operation, requestId, out.timeoutMs)
  // The caller's own abort stays what it is.
  if (out.signal?.aborted) return out.signal.reason ?? e
  const code = err?.code ?? err?.cause?.code
  const message = `${err?.message ?? ''} ${err?.cause?.message ?? ''}`
  return isTlsFailure(code, message)
    ? new OicpTlsError(operation, requestId, code, e)
    : new OicpNetworkError(operation, requestId, code, e)
}
