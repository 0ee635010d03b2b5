// node:http and node:https adapter: a request listener over the core, and servers (plain
// and mutual TLS) with the core's header and idle timeouts. The listener answers what it
// can before reading a byte of the body (see ServerCore.precheck), caps the connections it
// serves, and reads bodies within the core's limits and in-flight budget.
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerOptions as HttpOptions, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer, type ServerOptions as HttpsOptions } from 'node:https'
import type { Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { readBody } from './body.js'
import type { ServerCore } from './core.js'
import type { ClientCertificate, CoreRequest, CoreResponse } from './types.js'

/** The verified client certificate of a request, if it came over mutual TLS. */
export function clientCertificate(req: IncomingMessage): ClientCertificate | undefined {
  const socket = req.socket as Partial<TLSSocket>
  if (!socket.authorized || typeof socket.getPeerCertificate !== 'function') return undefined
  const cert = socket.getPeerCertificate()
  return cert && Object.keys(cert).length > 0 ? (cert as unknown as ClientCertificate) : undefined
}

const NO_BODY = new Uint8Array(0)

/**
 * A node request as the core sees it. headers is a getter: node parses them on first
 * access. A class, not an object literal with `get`: V8 builds such literals slowly, in
 * dictionary mode, and they outlive young-generation collections.
 */
class NodeCoreRequest implements CoreRequest {
  readonly method: string
  readonly url: string
  readonly client: ClientCertificate | undefined
  body: CoreRequest['body'] = NO_BODY
  readonly #req: IncomingMessage

  constructor(req: IncomingMessage) {
    this.method = req.method ?? 'GET'
    this.url = req.url ?? '/'
    this.client = clientCertificate(req)
    this.#req = req
  }

  get headers(): IncomingMessage['headers'] {
    return this.#req.headers
  }
}

/** Counts the connections a listener serves (from their first request on); false beyond `max`. */
function connectionGate(max: number): (socket: Socket) => boolean {
  const seen = new WeakSet<Socket>()
  let open = 0
  return (socket) => {
    if (!seen.has(socket)) {
      seen.add(socket)
      open++
      socket.once('close', () => open--)
    }
    return open <= max
  }
}

function send(res: ServerResponse, answer: CoreResponse): void {
  // After an answer given without reading the whole body, close rather than read the rest.
  res.writeHead(answer.status, answer.close ? { ...answer.headers, connection: 'close' } : answer.headers)
  res.end(answer.body)
}

async function serve(core: ServerCore, req: IncomingMessage, res: ServerResponse, admitted: boolean): Promise<void> {
  const request = new NodeCoreRequest(req)
  const early = admitted ? core.precheck(request) : core.refuse('busy', 'too many connections')
  if (early) return send(res, early)
  const limits = core.limits
  const hold = core.budget.hold()
  try {
    try {
      request.body = await readBody(req, { limit: limits.bodyLimit, declaredLength: req.headers['content-length'], hold, timeoutMs: limits.bodyTimeoutMs, idleTimeoutMs: limits.idleTimeoutMs })
    } catch {
      // The connection broke while the body was read: nobody is left to answer.
      if (!res.headersSent) res.destroy()
      return
    }
    send(res, await core.handle(request))
  } finally {
    hold.release()
  }
}

/** Answers one node request through the core. */
export function handleNodeRequest(core: ServerCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return serve(core, req, res, true)
}

/** A request listener for `http.createServer(listener)` or `https.createServer(options, listener)`. */
export function nodeListener(core: ServerCore): (req: IncomingMessage, res: ServerResponse) => void {
  const admit = connectionGate(core.limits.maxConnections)
  return (req, res) => void serve(core, req, res, admit(req.socket))
}

/** node's own timeouts from the core's limits: headers, the whole request, idle keep-alive. */
function timeouts(core: ServerCore): Pick<HttpOptions, 'headersTimeout' | 'requestTimeout' | 'keepAliveTimeout' | 'connectionsCheckingInterval'> {
  const { headersTimeoutMs, bodyTimeoutMs, idleTimeoutMs } = core.limits
  return {
    headersTimeout: headersTimeoutMs,
    requestTimeout: headersTimeoutMs + bodyTimeoutMs,
    keepAliveTimeout: idleTimeoutMs,
    // node checks the two request timeouts this often (30 s by default, too coarse for a 20 s limit).
    connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
  }
}

/** A plain http server over the core, with its timeouts and caps (development, or behind a TLS-terminating proxy). */
export function createOicpServer(core: ServerCore, options: HttpOptions = {}): HttpServer {
  return createHttpServer({ ...timeouts(core), ...options }, nodeListener(core))
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
  return createHttpsServer({ minVersion: 'TLSv1.2', handshakeTimeout: core.limits.headersTimeoutMs, ...timeouts(core), ...tls, requestCert: true, rejectUnauthorized: true }, nodeListener(core))
}
