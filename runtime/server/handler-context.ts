// What a handler gets besides the body: operation, path and query parameters, headers, the
// client certificate and the warnings of lenient decoding.
import type { OperationInfo } from '../operations.js'
import type { ValidationIssue } from '../validation/issues.js'
import type { ClientCertificate, CoreRequest, HandlerContext } from './types.js'

/** Headers by lower-case name, repeated ones joined by a comma. */
function headerRecord(headers: CoreRequest['headers']): Record<string, string | undefined> {
  for (const key in headers) {
    if (Array.isArray(headers[key])) {
      const out: Record<string, string | undefined> = {}
      for (const k in headers) {
        const v = headers[k]
        out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
      }
      return out
    }
  }
  return headers as Record<string, string | undefined>
}

/**
 * A class, not an object literal with `get headers()`: V8 builds such literals slowly, in
 * dictionary mode, and they outlive young-generation collections.
 */
export class RequestContext implements HandlerContext<string, unknown> {
  readonly client: ClientCertificate | undefined
  readonly #request: CoreRequest
  #headers: Record<string, string | undefined> | undefined

  constructor(
    readonly operation: OperationInfo,
    readonly params: Readonly<Record<string, string>>,
    readonly query: unknown,
    request: CoreRequest,
    readonly warnings: readonly ValidationIssue[],
  ) {
    this.client = request.client
    this.#request = request
  }

  /** Built on first use: node parses request headers lazily too. */
  get headers(): Readonly<Record<string, string | undefined>> {
    return (this.#headers ??= headerRecord(this.#request.headers))
  }
}
