// Everything of the client runtime, what the generated CPO and EMP clients run on included;
// oicp/runtime/internal re-exports it all, runtime/index.ts picks what users call.
export { HUBJECT_PRODUCTION, HUBJECT_QA } from './base-url.js'
export type { Binding } from './binding.js'
export { ClientCore } from './core.js'
export type { CallOptions, ClientOptions, PageQuery, PagesOptions } from './options.js'
export {
  OicpClientError,
  OicpError,
  OicpHttpError,
  OicpNetworkError,
  OicpResponseError,
  OicpResponseTooLargeError,
  OicpTimeoutError,
  OicpTlsError,
} from './errors.js'
export type { AttemptEvent, ClientHooks, ErrorEvent, ResponseEvent, WarningsEvent } from './hooks.js'
export { eachRecord, type InvalidRecord, type Page } from './paging.js'
export { InProcessQueue, PushQueueError, type PushQueue } from './queue.js'
export { RedisPushQueue, redisPushQueue, type RedisPushQueueOptions } from './redis-queue.js'
export type { RetryOptions, RetryPolicy } from './retry.js'
export { localTimestamp, utcOffsetMinutes } from './time-zone.js'
export type { PemInput, TlsOptions } from './tls.js'
export {
  fileWatermarkStore,
  LastCallWatermark,
  memoryWatermarkStore,
  type DeltaPull,
  type WatermarkOptions,
  type WatermarkStore,
} from './watermark.js'
