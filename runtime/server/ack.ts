// The acknowledgements the server answers when it cannot let a handler answer, in one
// table: HTTP status and OICP status code per kind of failure.

/** Why the core answered instead of a handler. */
export type Failure =
  | 'invalidJson'
  | 'tooDeep'
  | 'invalidRequest'
  | 'tooLarge'
  | 'unsupportedMedia'
  | 'bodyTimeout'
  | 'busy'
  | 'notFound'
  | 'wrongMethod'
  | 'unauthorized'
  | 'handlerError'
  | 'invalidResponse'

interface FailureAnswer {
  status: number
  code: string
  description: string
}
/** The OICP codes the core answers with, and how their descriptions begin. */
const CODE_TITLES = { '022': 'Data error', '021': 'System error', '017': 'Unauthorized access' }
const failure = (status: number, code: keyof typeof CODE_TITLES, what: string): FailureAnswer => ({
  status,
  code,
  description: `${CODE_TITLES[code]}: ${what}`,
})

/** HTTP status, OICP code and the default description of each failure. */
export const FAILURES: Readonly<Record<Failure, FailureAnswer>> = {
  invalidJson: failure(400, '022', 'the request body is not valid JSON'),
  tooDeep: failure(400, '022', 'the request body nests objects and lists too deeply'),
  invalidRequest: failure(400, '022', 'the request body is not a valid message'),
  tooLarge: failure(413, '022', 'the request body is too large'),
  unsupportedMedia: failure(415, '022', 'the request body is not uncompressed JSON in UTF-8'),
  bodyTimeout: failure(408, '022', 'the request body did not arrive in time'),
  busy: failure(503, '021', 'the server is busy, retry later'),
  notFound: failure(404, '022', 'no OICP operation at this path'),
  wrongMethod: failure(405, '022', 'this operation does not take this HTTP method'),
  unauthorized: failure(403, '017', 'the IDs of the request do not belong to the client certificate'),
  handlerError: failure(500, '021', 'the request could not be processed'),
  invalidResponse: failure(500, '021', 'the request could not be processed'),
}

/** An OICP acknowledgement; `Code` narrows the status code to a release's codes where the caller knows them. */
export interface Acknowledgement<Code extends string = string> {
  Result: boolean
  StatusCode: { Code: Code; Description?: string; AdditionalInfo?: string }
  SessionID?: string
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`
}

/**
 * A negative acknowledgement; texts are cut to the lengths the spec allows (200 and 1000).
 * @param sessionId the process the answer is about, for operations that have one (remote
 *   starts and stops, reservations); left out when empty.
 */
export function negativeAck<C extends string>(
  code: C,
  description: string,
  additionalInfo?: string,
  sessionId?: string,
): Acknowledgement<C> {
  const StatusCode: Acknowledgement<C>['StatusCode'] = { Code: code, Description: clip(description, 200) }
  if (additionalInfo) StatusCode.AdditionalInfo = clip(additionalInfo, 1000)
  return sessionId ? { Result: false, StatusCode, SessionID: sessionId } : { Result: false, StatusCode }
}

const OICP_REJECTION = Symbol.for('oicp.OicpRejection')

/** Whether `e` is an OicpRejection, also one thrown by another copy of oicp (the app and its handlers may load two). */
export function isOicpRejection(e: unknown): e is OicpRejection {
  return typeof e === 'object' && e !== null && (e as { [OICP_REJECTION]?: unknown })[OICP_REJECTION] === true
}

/**
 * Thrown by a handler to answer a negative acknowledgement with a chosen OICP status code,
 * e.g. `throw new OicpRejection('603', 'Unknown EVSE')`. The description is sent as written.
 */
export class OicpRejection extends Error {
  /** Recognised by this brand, not by instanceof: the app and its handlers may load two copies of oicp. */
  readonly [OICP_REJECTION] = true

  constructor(
    readonly code: string,
    readonly description: string,
    /** HTTP status of the answer; 200 since the request itself was well-formed. */
    readonly httpStatus = 200,
  ) {
    super(`OICP ${code}: ${description}`)
    this.name = 'OicpRejection'
  }
}

/** What a scaffolded handler throws until it is written. */
export function notImplemented(operation: string): OicpRejection {
  return new OicpRejection('021', `Not implemented: ${operation}`, 501)
}
