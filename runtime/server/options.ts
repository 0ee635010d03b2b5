// What a user sets on a server core, and the validation reports it hands back.
import type { OperationInfo } from '../operations.js'
import type { ValidationIssue } from '../validation/issues.js'
import type { CertificateIds } from './identity.js'
import type { ServerLimits } from './limits.js'

/** A validation finding, reported to `onValidationError`. */
export interface ValidationReport {
  /** `request`: what a partner sent; `response`: what a handler returned (answered 500 when invalid). */
  direction: 'request' | 'response'
  /**
   * `rejected`: the request was answered 400, or the answer 500, for `errors`.
   * `accepted`: the request reached its handler after lenient decoding, which reports
   * `warnings` (an invalid optional member removed, an alias spelling read, ...).
   */
  outcome: 'rejected' | 'accepted'
  operation: OperationInfo
  /** The message checked; for a body that is not JSON, the message expected. */
  message: string
  /** Empty when accepted. */
  errors: ValidationIssue[]
  warnings: ValidationIssue[]
}

/**
 * Limits (see ServerLimits for each and its default) and behaviour of a server core.
 * @example
 * ```ts
 * const core = createServerCore(mount(cpoRoutes, handlers), {
 *   bodyLimit: 10 * 1024 * 1024,
 *   onValidationError: (report) => log.warn(`${report.operation.name}: ${formatIssues(report.errors)}`),
 *   onError: (error) => log.error(error),
 * })
 * ```
 */
export interface ServerOptions extends Partial<ServerLimits> {
  /**
   * Path prefix of every operation; Hubject's.
   * @default '/api/oicp'
   */
  prefix?: string
  /**
   * Check that the OperatorID (CPO requests) or ProviderID (EMP requests) in the path and
   * body belong to the client certificate, as Hubject does; answer 017 otherwise. `true`
   * takes the identities from the certificate subject's CN and OU fields, written
   * `cpo:<OperatorID>` or `emp:<ProviderID>` (subjectIds); a function maps a certificate to
   * its identities (`{ role: 'cpo', id }` may only send as that CPO). Only for servers
   * partners call directly (a hub stand-in): requests Hubject forwards carry the partner's
   * IDs but Hubject's certificate.
   * @default false
   */
  checkClientIds?: boolean | CertificateIds
  /**
   * `drop`: members the spec does not define are removed from request bodies (at every
   * depth) before handlers see them, for servers that keep what they receive. Optional
   * fields sent as null are removed either way.
   * @default 'keep'
   */
  unknownMembers?: 'keep' | 'drop'
  /** Every rejected request body, every request accepted with warnings, and every invalid handler answer. Must not throw. */
  onValidationError?: (report: ValidationReport) => void
  /** Every error thrown by a handler (except OicpRejection) and every internal failure; the stack goes here, never to the client. */
  onError?: (error: unknown, operation: OperationInfo | undefined) => void
}
