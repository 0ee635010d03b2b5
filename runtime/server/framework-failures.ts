// What a framework refuses itself, before the core sees the request (a body parser's errors,
// fastify's own checks), answered as the core would: with an acknowledgement.
import { FAILURES, negativeAck, type Failure } from './ack.js'
import type { CoreResponse } from './types.js'

/** body-parser's error types (express.json() and its kin), as the core's failures. */
export const BODY_PARSER_FAILURES: Readonly<Record<string, Failure>> = {
  'entity.parse.failed': 'invalidJson',
  'entity.too.large': 'tooLarge',
  'encoding.unsupported': 'unsupportedMedia',
  'charset.unsupported': 'unsupportedMedia',
  'entity.verify.failed': 'invalidRequest',
  'request.size.invalid': 'invalidRequest',
}

/** fastify's own error codes, as the core's failures. */
const FASTIFY_FAILURES: Readonly<Record<string, Failure>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'tooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupportedMedia',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalidRequest',
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' }

/** The answer to a failure, for where no core is at hand; `status` overrides the failure's own. */
export function failureAnswer(failure: Failure, detail?: string, status = FAILURES[failure].status): CoreResponse {
  const f = FAILURES[failure]
  return { status, headers: JSON_HEADERS, body: JSON.stringify(negativeAck(f.code, f.description, detail)) }
}

/** The answer to an error fastify raised: a known one as its failure, any other with its own status (a data error below 500). */
export function fastifyRefusal(error: { code?: string; statusCode?: number }): CoreResponse {
  const known = error.code === undefined ? undefined : FASTIFY_FAILURES[error.code]
  if (known) return failureAnswer(known)
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500
  return failureAnswer(status < 500 ? 'invalidRequest' : 'handlerError', undefined, status)
}
