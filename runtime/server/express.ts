// express adapter: a middleware that answers every request under the core's prefix and
// passes everything else on. `app.use(oicpExpress(core))`, best before any body parser.
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { readBody } from './body.js'
import type { ServerCore } from './core.js'
import { clientCertificate } from './node.js'
import type { CoreRequest } from './types.js'

/** The body as bytes: read it, or take what a body parser mounted earlier left. */
async function bodyOf(core: ServerCore, req: Request): Promise<CoreRequest['body']> {
  const parsed: unknown = req.body
  if (Buffer.isBuffer(parsed)) return parsed.length > core.bodyLimit ? { tooLarge: true } : parsed
  if (typeof parsed === 'string') return parsed
  // A body parser (express.json()) consumed the stream: its value goes back to text so
  // that the core checks it the same way (the limit was that parser's to enforce).
  if (req.readableEnded) return parsed === undefined ? new Uint8Array(0) : JSON.stringify(parsed)
  return readBody(req, core.bodyLimit, req.headers['content-length'])
}

export function oicpExpress(core: ServerCore): RequestHandler {
  const prefix = `${core.prefix}/`
  return (req: Request, res: Response, next: NextFunction) => {
    const url = req.originalUrl
    if (!url.startsWith(prefix) && url !== core.prefix) {
      next()
      return
    }
    void (async () => {
      let answer
      try {
        answer = await core.handle({ method: req.method, url, headers: req.headers, body: await bodyOf(core, req), client: clientCertificate(req) })
      } catch {
        if (!res.headersSent) res.destroy()
        return
      }
      res.status(answer.status).set(answer.status === 413 ? { ...answer.headers, connection: 'close' } : answer.headers).send(answer.body)
    })()
  }
}
