// express adapter: a middleware that answers every request under the core's prefix and
// passes everything else on. `app.use(oicpExpress(core))`, best before any body parser.
// Behind express.json() (or express.raw/text) it takes the parsed body and holds it to the
// core's rules (nesting limit, dangerous keys, validation); that parser's own limit (100 kB
// unless set) then applies, and `app.use(oicpExpressErrors(core))` after the routes
// answers its refusals (not JSON, too large, compressed) with acknowledgements too.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express'
import { answerHeaders } from '../answer-headers.js'
import type { ServerCore } from '../core.js'
import { BODY_PARSER_FAILURES } from '../framework-failures.js'
import { readAndAnswer } from '../incoming.js'
import { peerCertificate } from '../peer-certificate.js'
import type { CoreRequest, CoreResponse } from '../types.js'

function send(res: Response, answer: CoreResponse): void {
  res.status(answer.status).set(answerHeaders(answer)).send(answer.body)
}

/** The body a parser mounted earlier left, if one consumed the stream. */
function parsedBody(core: ServerCore, req: Request): CoreRequest['body'] | undefined {
  const value: unknown = req.body
  if (Buffer.isBuffer(value)) return value.length > core.bodyLimit ? { refused: 'tooLarge' } : value
  if (typeof value === 'string') return value
  if (!req.readableEnded) return undefined
  return value === undefined ? new Uint8Array(0) : { parsed: value }
}

async function serve(core: ServerCore, req: Request, res: Response): Promise<void> {
  const parsed = parsedBody(core, req)
  // A parser decoded the body already (also a compressed one): its Content-Encoding is history.
  const { 'content-encoding': _decoded, ...decoded } = req.headers
  const headers = parsed === undefined ? req.headers : decoded
  const head = { method: req.method, url: req.originalUrl, headers, client: peerCertificate(req.socket) }
  if (parsed !== undefined) return send(res, await core.handle({ ...head, body: parsed }))
  const early = core.precheck(head)
  if (early) return send(res, early)
  await readAndAnswer(core, req, res, { ...head, body: new Uint8Array(0) }, (answer) => send(res, answer))
}

/** Answers the requests under the core's prefix and passes the others on. */
export function oicpExpress(core: ServerCore): RequestHandler {
  return (req, res, next) => (core.owns(req.originalUrl) ? void serve(core, req, res) : next())
}

/**
 * An error middleware for after the routes: refusals of a body parser mounted before
 * oicpExpress (express.json() and its kin), for requests under the core's prefix, answered
 * as acknowledgements instead of express's HTML error page. Other errors pass on.
 */
export function oicpExpressErrors(core: ServerCore): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const type = (error as { type?: unknown } | null)?.type
    const failure = typeof type === 'string' ? BODY_PARSER_FAILURES[type] : undefined
    if (!failure || !core.owns(req.originalUrl) || res.headersSent) return next(error)
    send(res, core.refuse(failure, (error as Error).message))
  }
}
