// fastify adapter: a plugin that registers every route of the core (all methods, so that
// the core answers a wrong method) and a catch-all under its prefix. The body is read as
// raw bytes inside the plugin only (fastify's JSON parser is never in front of the core);
// the rest of the app keeps its own parsers. What needs no body (unknown path, wrong
// method, wrong media type, too large by Content-Length) is answered before fastify reads
// it. fastify reads the body itself: its connectionTimeout and requestTimeout (set them
// on the Fastify instance) bound slow clients, not the core's body timeouts and budget.
// `await app.register(oicpFastify, { core })`
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { FAILURES, negativeAck, type Failure } from './ack.js'
import type { ServerCore } from './core.js'
import type { CoreResponse } from './types.js'
import { clientCertificate } from './node.js'

export interface FastifyAdapterOptions {
  core: ServerCore
}

/**
 * fastify rejects a path that is not valid percent-encoding before any plugin runs; pass
 * this as `Fastify({ frameworkErrors: oicpFrameworkErrors })` to answer that with an
 * acknowledgement (400, 022) too.
 */
export function oicpFrameworkErrors(_error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const f = FAILURES.invalidRequest
  void reply.code(f.status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(negativeAck(f.code, f.description, 'the path is not valid percent-encoding')))
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']

/** fastify's own refusals, as the core's failures. */
const FASTIFY_FAILURES: Readonly<Record<string, Failure>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'tooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupportedMedia',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalidRequest',
}

/** fastify's path syntax: {Name} becomes :Name. */
function fastifyPath(template: string): string {
  return template.replace(/\{(\w+)\}/g, ':$1')
}

// `any` server and logger types: the plugin works the same on http, https and http2 instances.
export async function oicpFastify(app: FastifyInstance<any, any, any, any, any>, { core }: FastifyAdapterOptions): Promise<void> {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: core.bodyLimit }, (_req, body, done) => done(null, body))
  // Errors fastify raises itself before our handler runs (body too large, broken content-type).
  app.setErrorHandler((error: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
    const known = FASTIFY_FAILURES[error.code]
    const status = known ? FAILURES[known].status : error.statusCode && error.statusCode < 500 ? error.statusCode : 500
    const f = known ? FAILURES[known] : status < 500 ? FAILURES.invalidRequest : FAILURES.handlerError
    void reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(negativeAck(f.code, f.description)))
  })
  const send = (reply: FastifyReply, answer: CoreResponse) => reply.code(answer.status).headers(answer.close ? { ...answer.headers, connection: 'close' } : answer.headers).send(answer.body)
  // Before fastify reads the body.
  app.addHook('onRequest', async (req, reply) => {
    const early = core.precheck({ method: req.method, url: req.url, headers: req.headers, client: clientCertificate(req.raw) })
    if (early) return send(reply, early)
  })
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const body = req.body instanceof Uint8Array ? req.body : new Uint8Array(0)
    return send(reply, await core.handle({ method: req.method, url: req.url, headers: req.headers, body, client: clientCertificate(req.raw) }))
  }
  const seen = new Set<string>()
  for (const r of core.routes) {
    const url = fastifyPath(r.path)
    if (seen.has(url)) continue
    seen.add(url)
    app.route({ method: METHODS, url, handler, bodyLimit: core.bodyLimit })
  }
  // Unknown paths under the prefix get the core's 404 acknowledgement, not fastify's.
  for (const url of [core.prefix || '/', `${core.prefix}/*`]) app.route({ method: METHODS, url, handler, bodyLimit: core.bodyLimit })
}
