// The core's answers as adapters get them: JSON with its content type, and for each kind of
// failure its negative acknowledgement.
import { FAILURES, negativeAck, type Failure } from './ack.js'
import type { CoreResponse } from './types.js'

export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' }

/** `value` as JSON with `status`; `extra` headers besides the content type. */
export function respond(status: number, value: unknown, extra?: Record<string, string>): CoreResponse {
  return { status, headers: extra ? { ...JSON_HEADERS, ...extra } : JSON_HEADERS, body: JSON.stringify(value) }
}

/** The negative acknowledgement of a failure, with the failure's HTTP status unless `status` says otherwise. */
export function failureResponse(
  failure: Failure,
  detail?: string,
  extra?: Record<string, string>,
  status?: number,
): CoreResponse {
  const f = FAILURES[failure]
  return respond(status ?? f.status, negativeAck(f.code, f.description, detail), extra)
}

/** An answer given before the body was read to its end: the connection must close. */
export function closing(answer: CoreResponse): CoreResponse {
  return { ...answer, close: true }
}
