// hono adapter: `app.use(oicpHono(core))` answers every request under the core's prefix,
// fetch-style (handleFetch serves any fetch runtime). Behind a middleware that read the body
// through hono (`c.req.json()`, `c.req.text()`, a json validator), the text hono kept is used
// and held to the core's rules; a body read from `c.req.raw` directly is gone: such a request
// fails with an error for hono's onError. Imports nothing from hono at run time.
import type { Context, MiddlewareHandler } from 'hono'
import type { ServerCore } from '../core.js'
import { answerFetch } from '../fetch.js'
import { peerCertificate } from '../peer-certificate.js'
import type { ClientCertificate } from '../types.js'

/** Answers a fetch Request through the core; `client` is the verified client certificate, if the runtime exposes it. */
export function handleFetch(core: ServerCore, request: Request, client?: ClientCertificate): Promise<Response> {
  return answerFetch(core, request, client)
}

/** How oicpHono finds what the core needs besides the request. */
export interface HonoAdapterOptions {
  /**
   * Finds the client certificate of a request from hono's `c.env`.
   * @default node's, under @hono/node-server (which passes node's request as `env.incoming`)
   */
  clientCertificate?: (env: unknown) => ClientCertificate | undefined
}

/** The client certificate under @hono/node-server. */
function nodeClientCertificate(env: unknown): ClientCertificate | undefined {
  return peerCertificate((env as { incoming?: { socket?: unknown } } | undefined)?.incoming?.socket)
}

/** The body text hono keeps after a middleware read it; undefined when the stream is untouched. */
function readByHono(c: Context): (() => Promise<string>) | undefined {
  if (!c.req.raw.bodyUsed) return undefined
  const early =
    'the request body was read from c.req.raw before oicpHono: read it through c.req (json, text) or mount oicpHono first'
  if (Object.keys(c.req.bodyCache).length === 0) return () => Promise.reject(new Error(early))
  return () => c.req.text()
}

/** A middleware that answers the requests under the core's prefix and passes the others on. */
export function oicpHono(core: ServerCore, options: HonoAdapterOptions = {}): MiddlewareHandler {
  const certificate = options.clientCertificate ?? nodeClientCertificate
  return async (c, next) =>
    core.owns(c.req.path) ? answerFetch(core, c.req.raw, certificate(c.env), readByHono(c)) : next()
}
