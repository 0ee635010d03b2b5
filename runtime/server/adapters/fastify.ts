// fastify adapter: a plugin that registers every route of the core (all methods, so that the
// core answers a wrong method) and a catch-all under its prefix. Bodies are read as raw bytes in
// the plugin only (the app keeps its parsers); what needs no body is answered before fastify
// reads it. fastify's connectionTimeout and requestTimeout, not the core's, bound slow clients.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { answerHeaders } from '../answer-headers.js'
import type { ServerCore } from '../core.js'
import { BAD_PATH, fastifyRefusal } from '../framework-failures.js'
import { peerCertificate } from '../peer-certificate.js'
import type { CoreRequestHead, CoreResponse } from '../types.js'

/** The plugin's options: the core to serve. */
export interface FastifyAdapterOptions {
  core: ServerCore
}

// Any server and logger types: the plugin works the same on http, https and http2 instances.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFastify = FastifyInstance<any, any, any, any, any>

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']

const send = (reply: FastifyReply, answer: CoreResponse) =>
  reply.code(answer.status).headers(answerHeaders(answer)).send(answer.body)

function head(req: FastifyRequest): CoreRequestHead {
  return { method: req.method, url: req.url, headers: req.headers, client: peerCertificate(req.raw.socket) }
}

/**
 * fastify rejects a path that is not valid percent-encoding before any plugin runs; pass
 * this as `Fastify({ frameworkErrors: oicpFrameworkErrors })` to answer that with an
 * acknowledgement (400, 022) too.
 */
export function oicpFrameworkErrors(_error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  void send(reply, BAD_PATH)
}

/** Serves the core's routes: `await app.register(oicpFastify, { core })`. Registers synchronously. */
export function oicpFastify(app: AnyFastify, { core }: FastifyAdapterOptions): Promise<void> {
  app.removeAllContentTypeParsers()
  const raw = { parseAs: 'buffer', bodyLimit: core.bodyLimit } as const
  app.addContentTypeParser('*', raw, (_req, body, done) => done(null, body))
  // Errors fastify raises itself before our handler runs (body too large, broken content-type).
  app.setErrorHandler((error: FastifyError, _req, reply: FastifyReply) => void send(reply, fastifyRefusal(error)))
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const early = core.precheck(head(req))
    if (early) return send(reply, early)
  })
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const body = req.body instanceof Uint8Array ? req.body : new Uint8Array(0)
    return send(reply, await core.handle({ ...head(req), body }))
  }
  // Each path once, in fastify's syntax ({Name} becomes :Name); unknown paths under the prefix get the core's 404.
  const paths = new Set(core.routes.map((r) => r.path.replace(/\{(\w+)\}/g, ':$1')))
  for (const url of [...paths, core.prefix || '/', `${core.prefix}/*`])
    app.route({ method: METHODS, url, handler, bodyLimit: core.bodyLimit })
  return Promise.resolve()
}
