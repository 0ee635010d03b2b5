// Reading request bodies within limits: a byte limit (a declared Content-Length over it is
// refused before anything is read), a share of the core's in-flight byte budget, a total
// time and a longest pause. A refused body is dropped at once, not kept.
import { deadline } from './deadlines.js'
import type { BodyHold } from './limits.js'

/** Why a body was not read to its end. */
export type BodyRefusal = 'tooLarge' | 'busy' | 'timeout'

export interface ReadOptions {
  /** Largest body in bytes. */
  limit: number
  /** The Content-Length header, if any. */
  declaredLength?: string | undefined
  /** The request's share of the in-flight budget; the caller releases it when done. */
  hold?: BodyHold
  /** Time for the whole body. */
  timeoutMs?: number
  /** Longest pause between two pieces of the body. */
  idleTimeoutMs?: number
}

/** A Content-Length as a number; undefined when absent or not a plain count. */
export function declaredLength(header: string | undefined | null): number | undefined {
  return header !== undefined && header !== null && /^\d{1,16}$/.test(header.trim()) ? Number(header) : undefined
}

/**
 * The answer that needs no byte of the body: too large by its declared length, or no room
 * in the budget for it. Undefined when reading may start.
 */
export function refuseByLength(options: ReadOptions): BodyRefusal | undefined {
  const declared = declaredLength(options.declaredLength)
  if (declared === undefined) return undefined
  if (declared > options.limit) return 'tooLarge'
  if (options.hold && !options.hold.ensure(declared)) return 'busy'
  return undefined
}

/** A readable stream of bytes as node:http and express give it. */
export interface ByteStream {
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown
  on(event: 'end' | 'close', listener: () => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  removeListener?(event: string, listener: (...args: never[]) => void): unknown
  pause?(): unknown
}

/** Reads a node stream within the limits; rejects when the stream breaks. */
export function readBody(stream: ByteStream, options: ReadOptions): Promise<Uint8Array | { refused: BodyRefusal }> {
  const early = refuseByLength(options)
  if (early) return Promise.resolve({ refused: early })
  return new Promise((resolve, reject) => {
    let chunks: Uint8Array[] = []
    let size = 0
    let done = false
    const finish = (outcome: Uint8Array | { refused: BodyRefusal } | Error) => {
      if (done) return
      done = true
      timer.stop()
      stream.removeListener?.('data', onData)
      chunks = []
      if (outcome instanceof Error) reject(outcome)
      else {
        // Refused: stop taking bytes in; the adapter answers and closes the connection.
        if (!(outcome instanceof Uint8Array)) stream.pause?.()
        resolve(outcome)
      }
    }
    const timer = deadline(options.timeoutMs, options.idleTimeoutMs, () => finish({ refused: 'timeout' }))
    const onData = (chunk: Uint8Array | string) => {
      if (done) return
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += buf.byteLength
      if (size > options.limit) return finish({ refused: 'tooLarge' })
      if (options.hold && !options.hold.ensure(size)) return finish({ refused: 'busy' })
      chunks.push(buf)
      timer.touch()
    }
    stream.on('data', onData)
    stream.on('end', () => finish(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)))
    stream.on('error', (e) => finish(e))
    // A connection closed before the end: nobody is left to answer. ('close' follows every
    // complete body too: no Error, and its stack trace, unless it is needed.)
    stream.on('close', () => done || finish(new Error('the connection closed before the body was complete')))
  })
}

/** Reads a fetch Request body within the limits. */
export async function readWebBody(
  request: Request,
  options: ReadOptions,
): Promise<Uint8Array | { refused: BodyRefusal }> {
  const early = refuseByLength({
    ...options,
    declaredLength: options.declaredLength ?? request.headers.get('content-length') ?? undefined,
  })
  if (early) {
    await request.body?.cancel().catch(() => undefined)
    return { refused: early }
  }
  if (!request.body) return new Uint8Array(0)
  const reader = (request.body as ReadableStream<Uint8Array>).getReader()
  let expired = false
  const timer = deadline(options.timeoutMs, options.idleTimeoutMs, () => {
    expired = true
    void reader.cancel().catch(() => undefined)
  })
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (expired) return { refused: 'timeout' }
      if (done) break
      size += value.byteLength
      const refusal: BodyRefusal | undefined =
        size > options.limit ? 'tooLarge' : options.hold && !options.hold.ensure(size) ? 'busy' : undefined
      if (refusal) {
        await reader.cancel().catch(() => undefined)
        return { refused: refusal }
      }
      chunks.push(value)
      timer.touch()
    }
  } catch (e) {
    if (expired) return { refused: 'timeout' }
    throw e
  } finally {
    timer.stop()
  }
  if (chunks.length === 1) return chunks[0]!
  // No Buffer here: fetch-style runtimes need not have it.
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}

const decoder = new TextDecoder('utf-8', { fatal: true })

/** The body as text; undefined when it is not UTF-8. */
export function bodyText(body: Uint8Array | string): string | undefined {
  if (typeof body === 'string') return body
  try {
    return decoder.decode(body)
  } catch {
    return undefined
  }
}
