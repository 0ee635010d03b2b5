// oicp/runtime/internal: what generated code imports. Everything of oicp/runtime (generated
// modules re-export parts of it), and the plumbing under it that only generated code should
// touch: the validators' walk and rule checks, the client core and its bindings, route
// tables, the server's body reading and acknowledgement table. No compatibility promise:
// it changes with the generator, and a release is generated for the runtime it ships with.
export * from './index.js'

// Validators: the walk, its modes and faults, the rule checks, the registry's pieces.
export {
  Ctx,
  fitsDigits,
  hasAny,
  isDateTime,
  isObject,
  LENIENT,
  onlyKnownKeys,
  pointer,
  STRICT,
  type Path,
} from './validation/context.js'
export { fault, type Fault } from './validation/issues.js'
export { REMOVED, removalWarning } from './validation/removal.js'
export { atMostOne, exactlyOne, excludes, within, withinHolds } from './validation/rules.js'
export { leafValidator, runCheck, type Check, type Is, type Validator } from './validation/registry.js'

// Route tables and the server's reading of bodies.
export { FAILURES } from './server/ack.js'
export {
  declaredLength,
  readBody,
  readWebBody,
  type BodyRefusal,
  type ByteStream,
  type ReadOptions,
} from './server/body.js'
export { DEFAULT_DEPTH_LIMIT, parseJsonSafely, type ParsedJson } from './server/json.js'
export { BodyBudget, DEFAULT_BODY_LIMIT, type BodyHold } from './server/limits.js'
export { routeTable, type RouteEntry } from './server/routes.js'
export type { RouteDef, RouteRequest } from './server/types.js'

// Generated clients: the core they call through and what binds an operation to it.
export type { Binding } from './client/binding.js'
export { ClientCore } from './client/core.js'
export type { RetryPolicy } from './client/retry.js'
