// Turns an HTTP answer into the response message or a typed error. OICP reports refusals
// inside the body: an acknowledgement with Result false, or a StatusCode other than 000.
// An authorization answer is the exception: NotAuthorized (with e.g. 102 or 210) is the
// decision asked for, so it is returned, not thrown.
import { OicpError, OicpHttpError, OicpResponseError } from './errors.js'
import type { Incoming } from './http.js'

export interface StatusCodeFields {
  Code?: unknown
  Description?: unknown
  AdditionalInfo?: unknown
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

/** The refusal an answer carries, if it carries one. */
export function refusal(body: unknown): { code: string; description?: string; additionalInfo?: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const b = body as { Result?: unknown; StatusCode?: StatusCodeFields | null; AuthorizationStatus?: unknown }
  const status = b.StatusCode ?? undefined
  const code = str(status?.Code) ?? ''
  const refused = b.Result === false || (code !== '' && code !== '000' && b.AuthorizationStatus === undefined)
  if (!refused) return undefined
  return { code, description: str(status?.Description), additionalInfo: str(status?.AdditionalInfo) }
}

function header(res: Incoming, name: string): string | undefined {
  const v = res.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** The parsed body of a 2xx answer, or the error the answer stands for. */
export function interpret(res: Incoming, operation: string, requestId: string, responseMessage: string): unknown {
  let body: unknown
  let parsed = true
  try {
    body = res.text === '' ? undefined : JSON.parse(res.text)
  } catch {
    parsed = false
  }
  const refused = parsed ? refusal(body) : undefined
  if (refused)
    throw new OicpError(
      operation,
      requestId,
      refused.code,
      refused.description,
      refused.additionalInfo,
      res.status,
      body,
    )
  if (res.status < 200 || res.status > 299)
    throw new OicpHttpError(operation, requestId, res.status, res.text.slice(0, 1000), header(res, 'retry-after'))
  if (!parsed || body === undefined)
    throw new OicpResponseError(
      operation,
      requestId,
      responseMessage,
      [{ path: '', message: parsed ? 'the body is empty' : 'the body is not JSON', keyword: 'json' }],
      res.text.slice(0, 1000),
    )
  return body
}
