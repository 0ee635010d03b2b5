// How a generated client method calls its operation: the table entry it binds, shared by
// the client core, the exchange that sends and the decoder that reads the answer.
import type { OperationInfo } from '../operations.js'
import type { Validator } from '../validation/registry.js'
import type { RetryPolicy } from './retry.js'

/** How a generated method calls its operation. */
export interface Binding {
  readonly operation: OperationInfo
  /** The request message this method sends (one of several for a oneOf operation). */
  readonly request: string
  readonly retry: RetryPolicy
  /** Validators of the path parameters. */
  readonly path: Readonly<Record<string, Validator>>
  /** For paged pulls: the validator of one record of `content`. */
  readonly records?: Validator
}
