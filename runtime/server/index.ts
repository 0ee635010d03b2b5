// The server core and what generated route tables need; no framework, no node:http.
// Adapters live next to this file: node.js, fastify.js, express.js, hono.js.
export { FAILURES, isOicpRejection, negativeAck, notImplemented, OicpRejection, type Acknowledgement, type Failure } from './ack.js'
export { DEFAULT_BODY_LIMIT, parseJsonSafely, readBody, readWebBody, type ByteStream } from './body.js'
export { createServerCore, type ServerCore, type ServerOptions, type ValidationReport } from './core.js'
export { normalizeId, subjectIds, type CertificateIds } from './identity.js'
export { mount, routeTable, type RouteEntry } from './routes.js'
export type { ClientCertificate, CoreRequest, CoreResponse, Handler, HandlerContext, MountedRoutes, RouteDef, RouteRequest, RouteTable } from './types.js'
