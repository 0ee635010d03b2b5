// The core behind a fetch-style interface: a Request in, a Response out (hono, and any
// runtime that speaks fetch).
import { readWebBody } from './body.js'
import type { ServerCore } from './core.js'
import type { ClientCertificate, CoreRequest, CoreResponse } from './types.js'

function toResponse(answer: CoreResponse): Response {
  return new Response(answer.body, {
    status: answer.status,
    headers: answer.close ? { ...answer.headers, connection: 'close' } : answer.headers,
  })
}

/** Answers a fetch Request; `readBefore` gives the body text when something read the stream already. */
export async function answerFetch(
  core: ServerCore,
  request: Request,
  client: ClientCertificate | undefined,
  readBefore?: () => Promise<string>,
): Promise<Response> {
  const url = new URL(request.url)
  const headers: Record<string, string> = {}
  request.headers.forEach((value, key) => {
    headers[key] = value
  })
  const head = { method: request.method, url: url.pathname + url.search, headers, client }
  if (readBefore) return toResponse(await core.handle({ ...head, body: await readBefore() }))
  const early = core.precheck(head)
  if (early) {
    await request.body?.cancel().catch(() => undefined)
    return toResponse(early)
  }
  const limits = core.limits
  const hold = core.budget.hold()
  try {
    const body: CoreRequest['body'] = await readWebBody(request, {
      limit: limits.bodyLimit,
      hold,
      timeoutMs: limits.bodyTimeoutMs,
      idleTimeoutMs: limits.idleTimeoutMs,
    })
    return toResponse(await core.handle({ ...head, body }))
  } finally {
    hold.release()
  }
}
