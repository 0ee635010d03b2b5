// Fetch-style adapter (Request in, Response out) and a hono middleware built on it:
// `app.use(oicpHono(core))` answers every request under the core's prefix. Behind a
// middleware that read the body through hono (`c.req.json()`, `c.req.text()`, a json
// validator), the text hono kept is used and held to the core's rules; a body read from
// `c.req.raw` directly is gone: such a request fails with an error for hono's onError.
// Imports nothing from hono at run time.
import type { Context, MiddlewareHandler } from 'hono'
import { readWebBody } from './body.js'
import type { ServerCore } from './core.js'
import type { ClientCertificate, CoreRequest, CoreResponse } from './types.js'

function toResponse(answer: CoreResponse): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.close ? { ...answer.headers, connection: 'close' } : answer.headers })
}

/** Answers a fetch Request; `readBefore` gives the body text when something read the stream already. */
async function answer(core: ServerCore, request: Request, client: ClientCertificate | undefined, readBefore?: () => Promise<string>): Promise<Response> {
  const url = new URL(request.url)
  const headers: Record<string, string> = {}
  request.headers.forEach((value, key) => {
    headers[key] = value
  })
  const head = { method: request.method, url: url.pathname + url.search, headers, client }
  if (readBefore) return toResponse(await core.handle({ ...head, body: await readBefore() }))
  const early = core.precheck(head)
  if (early) {
    await request.body?.cancel().catch(() => undefined)
    return toResponse(early)
  }
  const limits = core.limits
  const hold = core.budget.hold()
  try {
    const body: CoreRequest['body'] = await readWebBody(request, { limit: limits.bodyLimit, hold, timeoutMs: limits.bodyTimeoutMs, idleTimeoutMs: limits.idleTimeoutMs })
    return toResponse(await core.handle({ ...head, body }))
  } finally {
    hold.release()
  }
}

/** Answers a fetch Request through the core; `client` is the verified client certificate, if the runtime exposes it. */
export function handleFetch(core: ServerCore, request: Request, client?: ClientCertificate): Promise<Response> {
  return answer(core, request, client)
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

/** The body text hono keeps after a middleware read it; undefined when the stream is untouched. */
function readByHono(c: Context): (() => Promise<string>) | undefined {
  if (!c.req.raw.bodyUsed) return undefined
  if (Object.keys(c.req.bodyCache).length === 0) return () => Promise.reject(new Error('the request body was read from c.req.raw before oicpHono: read it through c.req (json, text) or mount oicpHono first'))
  return () => c.req.text()
}

export function oicpHono(core: ServerCore, options: HonoAdapterOptions = {}): MiddlewareHandler {
  const prefix = `${core.prefix}/`
  const certificate = options.clientCertificate ?? nodeClientCertificate
  return async (c, next) => {
    const path = c.req.path
    if (!path.startsWith(prefix) && path !== core.prefix) return next()
    return answer(core, c.req.raw, certificate(c.env), readByHono(c))
  }
}
