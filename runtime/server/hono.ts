// Fetch-style adapter (Request in, Response out) and a hono middleware built on it:
// `app.use(oicpHono(core))` answers every request under the core's prefix.
// Imports nothing from hono at run time.
import type { MiddlewareHandler } from 'hono'
import { readWebBody } from './body.js'
import type { ServerCore } from './core.js'
import type { ClientCertificate } from './types.js'

/** Answers a fetch Request through the core; `client` is the verified client certificate, if the runtime exposes it. */
export async function handleFetch(core: ServerCore, request: Request, client?: ClientCertificate): Promise<Response> {
  const url = new URL(request.url)
  const body = await readWebBody(request, core.bodyLimit)
  const headers: Record<string, string> = {}
  request.headers.forEach((value, key) => {
    headers[key] = value
  })
  const answer = await core.handle({ method: request.method, url: url.pathname + url.search, headers, body, client })
  return new Response(answer.body, { status: answer.status, headers: answer.headers })
}

/** The client certificate under @hono/node-server, which passes node's request as `env.incoming`. */
function nodeClientCertificate(env: unknown): ClientCertificate | undefined {
  const socket = (env as { incoming?: { socket?: { authorized?: boolean; getPeerCertificate?: () => object } } } | undefined)?.incoming?.socket
  if (!socket?.authorized || typeof socket.getPeerCertificate !== 'function') return undefined
  const cert = socket.getPeerCertificate()
  return Object.keys(cert).length > 0 ? (cert as ClientCertificate) : undefined
}

export interface HonoAdapterOptions {
  /** Finds the client certificate of a request; by default node's, under @hono/node-server. */
  clientCertificate?: (env: unknown) => ClientCertificate | undefined
}

export function oicpHono(core: ServerCore, options: HonoAdapterOptions = {}): MiddlewareHandler {
  const prefix = `${core.prefix}/`
  const certificate = options.clientCertificate ?? nodeClientCertificate
  return async (c, next) => {
    const path = c.req.path
    if (!path.startsWith(prefix) && path !== core.prefix) return next()
    return handleFetch(core, c.req.raw, certificate(c.env))
  }
}
