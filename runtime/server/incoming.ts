// A node request (node:http, and express, whose requests are node's) as the core sees it,
// and the reading of its body within the core's limits and in-flight budget.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody } from './body.js'
import type { ServerCore } from './core.js'
import { peerCertificate } from './peer-certificate.js'
import type { ClientCertificate, CoreRequest, CoreResponse } from './types.js'

const NO_BODY = new Uint8Array(0)

/**
 * headers is a getter: node parses them on first access. A class, not an object literal
 * with `get`: V8 builds such literals slowly, in dictionary mode, and they outlive
 * young-generation collections.
 */
export class NodeCoreRequest implements CoreRequest {
  readonly method: string
  readonly url: string
  readonly client: ClientCertificate | undefined
  body: CoreRequest['body'] = NO_BODY
  readonly #req: IncomingMessage

  constructor(req: IncomingMessage) {
    this.method = req.method ?? 'GET'
    this.url = req.url ?? '/'
    this.client = peerCertificate(req.socket)
    this.#req = req
  }

  get headers(): IncomingMessage['headers'] {
    return this.#req.headers
  }
}

/** Writes the core's answer; after one given without reading the whole body, the connection closes rather than read the rest. */
export function writeAnswer(res: ServerResponse, answer: CoreResponse): void {
  res.writeHead(answer.status, answer.close ? { ...answer.headers, connection: 'close' } : answer.headers)
  res.end(answer.body)
}

/**
 * Reads the body of `req` into `request` and sends the core's answer; the request's share of
 * the budget is held until the answer is sent. When the connection breaks while the body is
 * read, nobody is left to answer: the socket is destroyed instead.
 */
export async function readAndAnswer(
  core: ServerCore,
  req: IncomingMessage,
  res: ServerResponse,
  request: CoreRequest,
  send: (answer: CoreResponse) => void,
): Promise<void> {
  const limits = core.limits
  const hold = core.budget.hold()
  try {
    try {
      request.body = await readBody(req, {
        limit: limits.bodyLimit,
        declaredLength: req.headers['content-length'],
        hold,
        timeoutMs: limits.bodyTimeoutMs,
        idleTimeoutMs: limits.idleTimeoutMs,
      })
    } catch {
      if (!res.headersSent) res.destroy()
      return
    }
    send(await core.handle(request))
  } finally {
    hold.release()
  }
}
