// node:http and node:https adapter: a request listener over the core, and an https server
// that requires client certificates.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer, type ServerOptions as HttpsOptions } from 'node:https'
import type { TLSSocket } from 'node:tls'
import { readBody } from './body.js'
import type { ServerCore } from './core.js'
import type { ClientCertificate, CoreRequest } from './types.js'

/** The verified client certificate of a request, if it came over mutual TLS. */
export function clientCertificate(req: IncomingMessage): ClientCertificate | undefined {
  const socket = req.socket as Partial<TLSSocket>
  if (!socket.authorized || typeof socket.getPeerCertificate !== 'function') return undefined
  const cert = socket.getPeerCertificate()
  return cert && Object.keys(cert).length > 0 ? (cert as unknown as ClientCertificate) : undefined
}

/**
 * A node request as the core sees it. headers is a getter: node parses them on first
 * access, and most requests never need them. A class, not an object literal with `get`:
 * V8 builds such literals slowly, in dictionary mode, and they outlive young-generation
 * collections.
 */
class NodeCoreRequest implements CoreRequest {
  readonly method: string
  readonly url: string
  readonly client: ClientCertificate | undefined
  readonly #req: IncomingMessage

  constructor(
    req: IncomingMessage,
    readonly body: CoreRequest['body'],
  ) {
    this.method = req.method ?? 'GET'
    this.url = req.url ?? '/'
    this.client = clientCertificate(req)
    this.#req = req
  }

  get headers(): IncomingMessage['headers'] {
    return this.#req.headers
  }
}

/** Answers one node request through the core. */
export async function handleNodeRequest(core: ServerCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let answer
  try {
    answer = await core.handle(new NodeCoreRequest(req, await readBody(req, core.bodyLimit)))
  } catch {
    // The connection broke while the body was read: nobody is left to answer.
    if (!res.headersSent) res.destroy()
    return
  }
  // After a body over the limit, close rather than read the rest of it.
  res.writeHead(answer.status, answer.status === 413 ? { ...answer.headers, connection: 'close' } : answer.headers)
  res.end(answer.body)
}

/** A request listener for `http.createServer(listener)` or `https.createServer(options, listener)`. */
export function nodeListener(core: ServerCore): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => void handleNodeRequest(core, req, res)
}

export interface MtlsOptions extends HttpsOptions {
  /** The server certificate and key (PEM). */
  cert: HttpsOptions['cert']
  key: HttpsOptions['key']
  /** The CA(s) client certificates must be issued by (Hubject's, or a development CA). */
  ca: HttpsOptions['ca']
}

/**
 * An https server that accepts only clients with a certificate issued by `ca`; a client
 * without one is refused during the TLS handshake.
 */
export function createMtlsServer(core: ServerCore, tls: MtlsOptions): HttpsServer {
  return createHttpsServer({ minVersion: 'TLSv1.2', ...tls, requestCert: true, rejectUnauthorized: true }, nodeListener(core))
}
