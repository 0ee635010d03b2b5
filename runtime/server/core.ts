// The framework-free server: (method, url, headers, body bytes) in, (status, headers,
// JSON body) out. Match the route, check the path IDs and the media type, read the JSON
// within its nesting limit, check the sender's IDs against the client certificate if
// asked, validate leniently, call the handler, validate its answer exactly. Whatever goes
// wrong is answered with a well-formed eRoamingAcknowledgement.
import type { OperationInfo } from '../operations.js'
import { formatIssues, type ValidationIssue } from '../validation/issues.js'
import { runCheck } from '../validation/registry.js'
import { isOicpRejection, negativeAck, type Failure } from './ack.js'
import { bodyText, declaredLength, type BodyRefusal } from './body.js'
import { RequestContext } from './handler-context.js'
import { claimedIds, foreignIds, subjectIds, type CertificateIds } from './identity.js'
import { checkParsedValue, parseJsonSafely, type ParsedJson } from './json.js'
import { BodyBudget, resolveLimits, type ServerLimits } from './limits.js'
import { announcesBody, mediaRefusal } from './media.js'
import type { ServerOptions } from './options.js'
import { parseQuery } from './query.js'
import { rawJsonText } from './raw.js'
import { closing, failureResponse, JSON_HEADERS, respond } from './responses.js'
import type { Match } from './router.js'
import { requestMessage, routing, type ServedRoute, type Target } from './routing.js'
import type { CoreRequest, CoreRequestHead, CoreResponse, MountedRoutes } from './types.js'

/** A server built by createServerCore: what its adapters (or your own) call for each request. */
export interface ServerCore {
  /** Path prefix of every operation, without a trailing slash (`''` for none). */
  readonly prefix: string
  readonly bodyLimit: number
  readonly limits: ServerLimits
  /** Request body bytes held at once; adapters that read bodies take their share from it. */
  readonly budget: BodyBudget
  /** Every served method and path template (with the prefix), for adapters that register routes. */
  readonly routes: readonly ServedRoute[]
  /** Whether a request path (with its query string or without) lies under the prefix: adapters mounted in a larger app pass the others on. */
  owns(path: string): boolean
  /**
   * Before the body is read: the answer that needs none of it (no such operation, wrong
   * method, bad path ID, not JSON by its headers, too large by its Content-Length), or
   * undefined when the body should be read.
   */
  precheck(head: CoreRequestHead): CoreResponse | undefined
  /** The acknowledgement of a refusal an adapter decides on (`busy` beyond its connection cap); the connection closes after it. */
  refuse(failure: Failure, detail?: string): CoreResponse
  /** Answers one request; never rejects. */
  handle(request: CoreRequest): Promise<CoreResponse>
}

const REFUSALS: Readonly<Record<BodyRefusal, Failure>> = { tooLarge: 'tooLarge', busy: 'busy', timeout: 'bodyTimeout' }

/** A hook that cannot change the answer: what it throws is dropped. */
function quietly<A extends unknown[]>(hook: ((...args: A) => void) | undefined): (...args: A) => void {
  return (...args) => {
    try {
      hook?.(...args)
    } catch {
      // A failing hook must not change the answer.
    }
  }
}

function header(headers: CoreRequestHead['headers'], name: string): string | undefined {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

/**
 * Builds the server from route tables with their handlers; routes of all of them are served
 * together. Serve it with an adapter: `oicp/server/node`, `fastify`, `express` or `hono`.
 * @example
 * ```ts
 * import { cpoRoutes } from 'oicp/2.3'
 * import { createServerCore, mount } from 'oicp/runtime'
 * import { nodeListener } from 'oicp/server/node'
 *
 * const core = createServerCore(mount(cpoRoutes, handlers), { onError: (e) => console.error(e) })
 * http.createServer(nodeListener(core)).listen(8080)
 * ```
 */
export function createServerCore(
  mounted: MountedRoutes | readonly MountedRoutes[],
  options: ServerOptions = {},
): ServerCore {
  const prefix = (options.prefix ?? '/api/oicp').replace(/\/+$/, '')
  const limits = resolveLimits(options)
  const { bodyLimit, depthLimit } = limits
  const budget = new BodyBudget(limits.maxBodyBytesInFlight)
  const validateOptions = { mode: 'lenient', dropUnknown: options.unknownMembers === 'drop' } as const
  const idsOf: CertificateIds | undefined =
    options.checkClientIds === true ? subjectIds : options.checkClientIds || undefined
  const { routes, locate: route } = routing(Array.isArray(mounted) ? mounted : [mounted as MountedRoutes], prefix)
  const [underPrefix, withQuery] = [`${prefix}/`, `${prefix}?`]

  const report = quietly(options.onValidationError)
  const rejected = (
    operation: OperationInfo,
    message: string,
    errors: ValidationIssue[],
    warnings: ValidationIssue[] = [],
  ) => report({ direction: 'request', outcome: 'rejected', operation, message, errors, warnings })
  const reportError = quietly(options.onError)
  const busy = { 'retry-after': String(limits.retryAfterSeconds) }
  const fail = (failure: Failure, detail?: string, extra?: Record<string, string>): CoreResponse =>
    failureResponse(failure, detail, failure === 'busy' ? { ...extra, ...busy } : extra)

  /** The handler answered: validate the answer exactly (unless it is raw JSON: see raw.ts). */
  const answered = (target: Target, answer: unknown): CoreResponse => {
    const raw = rawJsonText(answer)
    if (raw !== undefined) return { status: 200, headers: JSON_HEADERS, body: raw }
    const valid = runCheck(target.response, answer)
    if (!valid.ok) {
      report({
        direction: 'response',
        outcome: 'rejected',
        operation: target.def.operation,
        message: target.response.name,
        errors: valid.errors,
        warnings: valid.warnings,
      })
      return fail('invalidResponse')
    }
    return respond(200, answer)
  }
  /** The handler threw (or its promise rejected). */
  const threw = (target: Target, e: unknown): CoreResponse => {
    if (isOicpRejection(e)) {
      const negative = negativeAck(e.code, e.description)
      if (runCheck(target.ack, negative).ok) return respond(e.httpStatus, negative)
    }
    reportError(e, target.def.operation)
    return fail('handlerError')
  }
  const internalError = (e: unknown): CoreResponse => {
    reportError(e, undefined)
    return fail('handlerError')
  }

  /** The route of a request, or the answer when there is none it may use. */
  function locate(
    req: CoreRequestHead,
  ): { match: Extract<Match<Target>, { kind: 'found' }>; q: number } | CoreResponse {
    const q = req.url.indexOf('?')
    const match = route(req.method.toUpperCase(), q < 0 ? req.url : req.url.slice(0, q))
    if (match.kind === 'notFound') return fail('notFound')
    if (match.kind === 'badPath') return fail('invalidRequest', 'a path parameter is not valid percent-encoding')
    if (match.kind === 'badId') return fail('invalidRequest', match.detail)
    if (match.kind === 'wrongMethod')
      return fail('wrongMethod', `allowed: ${match.allow.join(', ')}`, { allow: match.allow.join(', ') })
    return { match, q }
  }

  function precheck(head: CoreRequestHead): CoreResponse | undefined {
    const located = locate(head)
    const answer = 'status' in located ? located : refuseByHeaders(head)
    return answer && announcesBody(head.headers) ? closing(answer) : answer
  }

  function refuseByHeaders(head: CoreRequestHead): CoreResponse | undefined {
    const media = mediaRefusal(head.headers)
    if (media) return fail('unsupportedMedia', media)
    const declared = declaredLength(header(head.headers, 'content-length'))
    if (declared !== undefined && declared > bodyLimit)
      return fail('tooLarge', `the limit is ${bodyLimit} bytes; Content-Length is ${declared}`)
    return undefined
  }

  function parseBody(body: Exclude<CoreRequest['body'], { refused: BodyRefusal }>): ParsedJson {
    if (typeof body === 'object' && 'parsed' in body) return checkParsedValue(body.parsed, depthLimit)
    const text = bodyText(body)
    return text === undefined
      ? { ok: false, tooDeep: false, message: 'the body is not UTF-8' }
      : parseJsonSafely(text, depthLimit)
  }

  // Synchronous up to the handler: an answer that needs no await costs no promise hops.
  function process(req: CoreRequest): CoreResponse | Promise<CoreResponse> {
    const located = locate(req)
    if ('status' in located) return located
    const { match, q } = located
    const target = match.target
    const { def, handler, expected } = target
    const operation = def.operation

    const query = parseQuery(operation, q < 0 ? '' : req.url.slice(q + 1))
    if (!query.ok) return fail('invalidRequest', query.error)

    if (typeof req.body === 'object' && 'refused' in req.body) {
      const refusal = req.body.refused
      return closing(
        fail(
          REFUSALS[refusal],
          refusal === 'tooLarge'
            ? `the limit is ${bodyLimit} bytes`
            : refusal === 'busy'
              ? `retry in ${limits.retryAfterSeconds} s`
              : undefined,
        ),
      )
    }
    // Adapters that read the body themselves have asked precheck already; for the others (a framework read it) this is the first look.
    const media = mediaRefusal(req.headers)
    if (media && !(typeof req.body === 'object' && 'parsed' in req.body)) return fail('unsupportedMedia', media)
    const parsed = parseBody(req.body)
    if (!parsed.ok) {
      rejected(operation, expected, [
        { path: '', message: `not JSON: ${parsed.message}`, keyword: parsed.tooDeep ? 'depth' : 'json' },
      ])
      return parsed.tooDeep ? fail('tooDeep', `the limit is ${depthLimit} levels`) : fail('invalidJson', parsed.message)
    }
    let body = parsed.value

    if (idsOf) {
      const foreign = req.client ? foreignIds(claimedIds(operation, match.params, body), req.client, idsOf) : null
      if (foreign === null) return fail('unauthorized', 'no client certificate')
      if (foreign.length > 0)
        return fail('unauthorized', `not covered by the client certificate: ${foreign.join(', ')}`)
    }

    const picked = requestMessage(target, body)
    if ('error' in picked) {
      rejected(operation, expected, [picked.error])
      return fail('invalidRequest', `${picked.error.path} ${picked.error.message}`)
    }
    const { message } = picked
    const checked = runCheck(message, body, validateOptions)
    if (!checked.ok) {
      rejected(operation, message.name, checked.errors, checked.warnings)
      return fail('invalidRequest', `${message.name}: ${formatIssues(checked.errors)}`)
    }
    const { warnings } = checked
    if (warnings.length > 0)
      report({ direction: 'request', outcome: 'accepted', operation, message: message.name, errors: [], warnings })
    body = checked.value

    const context = new RequestContext(operation, match.params, query.query, req, checked.warnings)
    let answer: unknown
    try {
      answer = handler(body, context)
    } catch (e) {
      return threw(target, e)
    }
    if (answer instanceof Promise)
      return answer.then(
        (a: unknown) => answered(target, a),
        (e: unknown) => threw(target, e),
      )
    return answered(target, answer)
  }

  return {
    prefix,
    bodyLimit,
    limits,
    budget,
    routes,
    owns: (path) => path.startsWith(underPrefix) || path === prefix || path.startsWith(withQuery),
    refuse: (failure, detail) => closing(fail(failure, detail)),
    precheck(head) {
      try {
        return precheck(head)
      } catch (e) {
        return closing(internalError(e))
      }
    },
    handle(req) {
      try {
        const answer = process(req)
        return answer instanceof Promise ? answer.catch(internalError) : Promise.resolve(answer)
      } catch (e) {
        return Promise.resolve(internalError(e))
      }
    },
  }
}
