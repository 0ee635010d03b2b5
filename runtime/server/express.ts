// express adapter: a middleware that answers every request under the core's prefix and
// passes everything else on. `app.use(oicpExpress(core))`, best before any body parser.
// Behind express.json() (or express.raw/text) it takes the parsed body and holds it to the
// core's rules (nesting limit, dangerous keys, validation); that parser's own limit (100 kB
// unless set) then applies, and `app.use(oicpExpressErrors(core))` after the routes
// answers its refusals (not JSON, too large, compressed) with acknowledgements too.
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express'
import type { Failure } from './ack.js'
import { readBody } from './body.js'
import type { ServerCore } from './core.js'
import { clientCertificate } from './node.js'
import type { CoreRequest, CoreResponse } from './types.js'

function send(res: Response, answer: CoreResponse): void {
  res.status(answer.status).set(answer.close ? { ...answer.headers, connection: 'close' } : answer.headers).send(answer.body)
}

/** The body a parser mounted earlier left, if one consumed the stream. */
function parsedBody(core: ServerCore, req: Request): CoreRequest['body'] | undefined {
  const value: unknown = req.body
  if (Buffer.isBuffer(value)) return value.length > core.bodyLimit ? { refused: 'tooLarge' } : value
  if (typeof value === 'string') return value
  if (!req.readableEnded) return undefined
  return value === undefined ? new Uint8Array(0) : { parsed: value }
}

function underPrefix(core: ServerCore, url: string): boolean {
  return url.startsWith(`${core.prefix}/`) || url === core.prefix || url.startsWith(`${core.prefix}?`)
}

export function oicpExpress(core: ServerCore): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const url = req.originalUrl
    if (!underPrefix(core, url)) {
      next()
      return
    }
    void (async () => {
      const parsed = parsedBody(core, req)
      // A parser decoded the body already (also a compressed one): its Content-Encoding is history.
      const { 'content-encoding': _decoded, ...decodedHeaders } = req.headers
      const head = { method: req.method, url, headers: parsed === undefined ? req.headers : decodedHeaders, client: clientCertificate(req) }
      if (parsed !== undefined) return send(res, await core.handle({ ...head, body: parsed }))
      const early = core.precheck(head)
      if (early) return send(res, early)
      const limits = core.limits
      const hold = core.budget.hold()
      try {
        let body
        try {
          body = await readBody(req, { limit: limits.bodyLimit, declaredLength: req.headers['content-length'], hold, timeoutMs: limits.bodyTimeoutMs, idleTimeoutMs: limits.idleTimeoutMs })
        } catch {
          if (!res.headersSent) res.destroy()
          return
        }
        send(res, await core.handle({ ...head, body }))
      } finally {
        hold.release()
      }
    })()
  }
}

/** body-parser's error types, as acknowledgements. */
const PARSER_FAILURES: Readonly<Record<string, Failure>> = {
  'entity.parse.failed': 'invalidJson',
  'entity.too.large': 'tooLarge',
  'encoding.unsupported': 'unsupportedMedia',
  'charset.unsupported': 'unsupportedMedia',
  'entity.verify.failed': 'invalidRequest',
  'request.size.invalid': 'invalidRequest',
}

/**
 * An error middleware for after the routes: refusals of a body parser mounted before
 * oicpExpress (express.json() and its kin), for requests under the core's prefix, answered
 * as acknowledgements instead of express's HTML error page. Other errors pass on.
 */
export function oicpExpressErrors(core: ServerCore): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: unknown } | null)?.type
    const failure = typeof type === 'string' ? PARSER_FAILURES[type] : undefined
    if (!failure || !underPrefix(core, req.originalUrl) || res.headersSent) {
      next(error)
      return
    }
    send(res, core.refuse(failure, (error as Error).message))
  }
}
