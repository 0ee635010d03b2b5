// Typed failures of a client call. Every one names the operation and the request id, so a
// log line is enough to find the exchange again; `OicpError` is OICP saying no, the
// others are the transport failing.
import { formatIssues, type ValidationIssue } from '../validation/issues.js'

/** What every client failure carries. */
export class OicpClientError extends Error {
  constructor(
    message: string,
    /** The OICP operation, e.g. eRoamingPushEvseStatus. */
    readonly operation: string,
    /** The id sent as X-Request-ID with every attempt of the call. */
    readonly requestId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = new.target.name
  }
}

/** The partner answered, and the answer is a refusal: `Result: false` or a StatusCode other than 000. */
export class OicpError extends OicpClientError {
  constructor(
    operation: string,
    requestId: string,
    /** The StatusCode's Code, e.g. "018" (empty when the answer had none). */
    readonly code: string,
    readonly description: string | undefined,
    readonly additionalInfo: string | undefined,
    /** The HTTP status the answer came with. */
    readonly httpStatus: number,
    /** The whole answer, as parsed. */
    readonly response: unknown,
  ) {
    super(
      `${operation} refused: ${code || 'no status code'}${description ? ` ${description}` : ''}${additionalInfo ? ` (${additionalInfo})` : ''}`,
      operation,
      requestId,
    )
  }
}

/** An HTTP status other than 2xx whose body is not an OICP answer. */
export class OicpHttpError extends OicpClientError {
  constructor(
    operation: string,
    requestId: string,
    readonly status: number,
    /** The start of the body, for the log. */
    readonly body: string,
    /** Seconds or date of a Retry-After header, when the server sent one. */
    readonly retryAfter?: string,
  ) {
    super(`${operation}: HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`, operation, requestId)
  }
}

/** The connection failed or broke: nothing, or no complete answer, came back. */
export class OicpNetworkError extends OicpClientError {
  constructor(
    operation: string,
    requestId: string,
    /** The system or undici error code, e.g. ECONNRESET, UND_ERR_SOCKET. */
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(
      `${operation}: connection failed${code ? ` (${code})` : ''}: ${(cause as Error)?.message ?? String(cause)}`,
      operation,
      requestId,
      { cause },
    )
  }
}

/** Mutual TLS failed: our certificate was refused, theirs could not be verified, or ours is unusable. */
export class OicpTlsError extends OicpNetworkError {}

/** No answer within the call's timeout. */
export class OicpTimeoutError extends OicpClientError {
  constructor(
    operation: string,
    requestId: string,
    readonly timeoutMs: number,
  ) {
    super(`${operation}: no answer within ${timeoutMs} ms`, operation, requestId)
  }
}

/** The answer came but is not JSON or not a valid response message (checked leniently). */
export class OicpResponseError extends OicpClientError {
  constructor(
    operation: string,
    requestId: string,
    readonly responseMessage: string,
    readonly issues: ValidationIssue[],
    readonly body: string,
  ) {
    super(
      `${operation}: the answer is not a valid ${responseMessage}: ${formatIssues(issues, { max: 5 })}`,
      operation,
      requestId,
    )
  }
}

/** The answer was larger than the client's `maxResponseBytes`: reading stopped there and the connection was dropped. */
export class OicpResponseTooLargeError extends OicpClientError {
  constructor(
    operation: string,
    requestId: string,
    /** The cap in bytes. */
    readonly limit: number,
    /** The Content-Length the server announced, when it announced one. */
    readonly declaredLength?: number,
  ) {
    super(
      `${operation}: the answer is larger than ${limit} bytes${declaredLength !== undefined ? ` (Content-Length ${declaredLength})` : ''}; reading stopped`,
      operation,
      requestId,
    )
  }
}
