// Everything of the server core, what generated route tables need included; no framework,
// no node:http (the adapters live in adapters/, each its own entry point, oicp/server/*).
// oicp/runtime/internal re-exports it all, runtime/index.ts picks what users call.
export {
  FAILURES,
  isOicpRejection,
  negativeAck,
  notImplemented,
  OicpRejection,
  type Acknowledgement,
  type Failure,
} from './ack.js'
export { declaredLength, readBody, readWebBody, type BodyRefusal, type ByteStream, type ReadOptions } from './body.js'
export { createServerCore, type ServerCore } from './core.js'
export type { ServerOptions, ValidationReport } from './options.js'
export { subjectIds, type CertificateIds, type PartnerIdentity } from './identity.js'
export { DEFAULT_DEPTH_LIMIT, parseJsonSafely, type ParsedJson } from './json.js'
export { BodyBudget, DEFAULT_BODY_LIMIT, type BodyHold, type ServerLimits } from './limits.js'
export { rawJson } from './raw.js'
export { mount, routeTable, type RouteEntry } from './routes.js'
export type {
  ClientCertificate,
  CoreRequest,
  CoreRequestHead,
  CoreResponse,
  Handler,
  HandlerContext,
  MountedRoutes,
  RouteDef,
  RouteRequest,
  RouteTable,
} from './types.js'
