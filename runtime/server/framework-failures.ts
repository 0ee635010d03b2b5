// What a framework refuses itself, before the core sees the request (a body parser's errors,
// fastify's own checks), answered as the core would: with an acknowledgement.
import type { Failure } from './ack.js'
import { failureResponse } from './responses.js'
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

/** fastify's refusal of a path that is not valid percent-encoding (its frameworkErrors), as the core answers it. */
export const BAD_PATH: CoreResponse = failureResponse('invalidRequest', 'the path is not valid percent-encoding')

/** The answer to an error fastify raised: a known one as its failure, any other with its own status (a data error below 500). */
export function fastifyRefusal(error: { code?: string; statusCode?: number }): CoreResponse {
  const known = error.code === undefined ? undefined : FASTIFY_FAILURES[error.code]
  if (known) return failureResponse(known)
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500
  return failureResponse(status < 500 ? 'invalidRequest' : 'handlerError', undefined, undefined, status)
}
