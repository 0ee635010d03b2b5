// Reading request bodies within a byte limit, and parsing them as JSON without keys that
// could reach an object prototype.

/** Bytes a body may have unless configured: a fullLoad push of about 40,000 EVSEs (1.2 kB each) fits. */
export const DEFAULT_BODY_LIMIT = 50 * 1024 * 1024

const DANGEROUS = new Set(['__proto__', 'constructor', 'prototype'])

/** Removes __proto__, constructor and prototype keys everywhere in a parsed value. */
function strip(value: unknown, depth: number): void {
  if (typeof value !== 'object' || value === null || depth > 1000) return
  if (Array.isArray(value)) {
    for (const item of value) strip(item, depth + 1)
    return
  }
  for (const key of Object.keys(value)) {
    if (DANGEROUS.has(key)) delete (value as Record<string, unknown>)[key]
    else strip((value as Record<string, unknown>)[key], depth + 1)
  }
}

/**
 * JSON.parse, then dangerous keys removed. JSON.parse itself makes `__proto__` an own
 * property, harmless until someone merges the value into another object; removing it here
 * keeps it from ever reaching handlers. The walk runs only when the text could hold such
 * a key (also as a \u escape).
 */
export function parseJsonSafely(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return { ok: false, message: (e as Error).message }
  }
  if (text.includes('__proto__') || text.includes('constructor') || text.includes('prototype') || text.includes('\\u')) strip(value, 0)
  return { ok: true, value }
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

/** A readable stream of bytes as node:http and express give it. */
export interface ByteStream {
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown
  on(event: 'end', listener: () => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  removeAllListeners?(event?: string): unknown
  resume(): unknown
}

/**
 * Reads a node stream up to `limit` bytes. Past the limit it stops collecting and answers
 * `tooLarge` at once; the rest of the body is drained, not kept.
 */
export function readBody(stream: ByteStream, limit: number, declaredLength?: string | undefined): Promise<Uint8Array | { tooLarge: true }> {
  return new Promise((resolve, reject) => {
    if (declaredLength !== undefined && Number(declaredLength) > limit) {
      stream.resume()
      resolve({ tooLarge: true })
      return
    }
    const chunks: Uint8Array[] = []
    let size = 0
    let done = false
    stream.on('data', (chunk) => {
      if (done) return
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += buf.byteLength
      if (size > limit) {
        done = true
        chunks.length = 0
        resolve({ tooLarge: true })
        return
      }
      chunks.push(buf)
    })
    stream.on('end', () => {
      if (done) return
      done = true
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
    })
    stream.on('error', (e) => {
      if (done) return
      done = true
      reject(e)
    })
  })
}

/** Reads a fetch Request body up to `limit` bytes. */
export async function readWebBody(request: Request, limit: number): Promise<Uint8Array | { tooLarge: true }> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined)
    return { tooLarge: true }
  }
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      return { tooLarge: true }
    }
    chunks.push(value)
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
