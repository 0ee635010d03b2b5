// oicp/runtime: what a service calls or types. Generated code imports oicp/runtime/internal,
// which adds the plumbing under these (the validators' walk, the client core, route tables).
// (JSON positions for messages, which load jsonc-parser, live with the CLI: importing a
// release must stay cheap.)

// Validation and identifiers.
export {
  canonicalId,
  evseOfOperator,
  idKey,
  parseId,
  providerOfEvco,
  sameId,
  type IdParts,
  type IdType,
} from './validation/ids.js'
export {
  formatIssues,
  OicpValidationError,
  type FormatIssuesOptions,
  type ValidationIssue,
  type ValidationMode,
  type ValidationResult,
} from './validation/issues.js'
export { MessageRegistry, type MessageEntry, type ValidateOptions } from './validation/registry.js'
export type { OperationInfo, Role } from './operations.js'

// Serving: the core, its options and the handlers' side.
export {
  isOicpRejection,
  negativeAck,
  notImplemented,
  OicpRejection,
  type Acknowledgement,
  type Failure,
} from './server/ack.js'
export { createServerCore, type ServerCore } from './server/core.js'
export { subjectIds, type CertificateIds, type PartnerIdentity } from './server/identity.js'
export type { ServerLimits } from './server/limits.js'
export type { ServerOptions, ValidationReport } from './server/options.js'
export { rawJson } from './server/raw.js'
export { mount } from './server/routes.js'
export type {
  ClientCertificate,
  CoreRequest,
  CoreRequestHead,
  CoreResponse,
  Handler,
  HandlerContext,
  MountedRoutes,
  RouteTable,
} from './server/types.js'

// Calling: client options, errors, hooks, paging, push queues, time and delta pulls.
export { HUBJECT_PRODUCTION, HUBJECT_QA } from './client/base-url.js'
export {
  OicpClientError,
  OicpError,
  OicpHttpError,
  OicpNetworkError,
  OicpResponseError,
  OicpResponseTooLargeError,
  OicpTimeoutError,
  OicpTlsError,
} from './client/errors.js'
export type { AttemptEvent, ClientHooks, ErrorEvent, ResponseEvent, WarningsEvent } from './client/hooks.js'
export type { CallOptions, ClientOptions, PageQuery, PagesOptions } from './client/options.js'
export { eachRecord, type InvalidRecord, type Page } from './client/paging.js'
export { InProcessQueue, PushQueueError, type PushQueue } from './client/queue.js'
export { RedisPushQueue, redisPushQueue, type RedisPushQueueOptions } from './client/redis-queue.js'
export type { RetryOptions } from './client/retry.js'
export { localTimestamp, utcOffsetMinutes } from './client/time-zone.js'
export type { PemInput, TlsOptions } from './client/tls.js'
export {
  fileWatermarkStore,
  LastCallWatermark,
  memoryWatermarkStore,
  type DeltaPull,
  type WatermarkOptions,
  type WatermarkStore,
} from './client/watermark.js'
