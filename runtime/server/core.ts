// The framework-free server: (method, url, headers, body bytes) in, (status, headers,
// JSON body) out. Match the route, check the path IDs and the media type, read the JSON
// within its nesting limit, check the sender's IDs against the client certificate if
// asked, validate leniently, call the handler, validate its answer exactly. Whatever goes
// wrong is answered with a well-formed eRoamingAcknowledgement.
import type { OperationInfo } from '../operations.js'
import { parseId } from '../validation/ids.js'
import type { ValidationIssue } from '../validation/issues.js'
import { runCheck, type MessageEntry } from '../validation/registry.js'
import { FAILURES, isOicpRejection, negativeAck, type Failure } from './ack.js'
import { bodyText, declaredLength, type BodyRefusal } from './body.js'
import { claimedIds, foreignIds, subjectIds, type CertificateIds } from './identity.js'
import { checkParsedValue, parseJsonSafely, type ParsedJson } from './json.js'
import { BodyBudget, resolveLimits, type ServerLimits } from './limits.js'
import { announcesBody, mediaRefusal } from './media.js'
import { rawJsonText } from './raw.js'
import { Router, type Match } from './router.js'
import type { ClientCertificate, CoreRequest, CoreRequestHead, CoreResponse, Handler, HandlerContext, MountedRoutes, RouteDef, RouteTable } from './types.js'

/** A validation finding, reported to `onValidationError`. */
export interface ValidationReport {
  /** `request`: what a partner sent; `response`: what a handler returned (answered 500 when invalid). */
  direction: 'request' | 'response'
  /**
   * `rejected`: the request was answered 400, or the answer 500, for `errors`.
   * `accepted`: the request reached its handler after lenient decoding, which reports
   * `warnings` (an invalid optional member removed, an alias spelling read, ...).
   */
  outcome: 'rejected' | 'accepted'
  operation: OperationInfo
  /** The message checked; for a body that is not JSON, the message expected. */
  message: string
  /** Empty when accepted. */
  errors: ValidationIssue[]
  warnings: ValidationIssue[]
}

/** Limits (see ServerLimits for each and its default) and behaviour of a server core. */
export interface ServerOptions extends Partial<ServerLimits> {
  /** Path prefix of every operation; Hubject's is `/api/oicp` (the default). */
  prefix?: string
  /**
   * Check that the OperatorID (CPO requests) or ProviderID (EMP requests) in the path and
   * body belong to the client certificate, as Hubject does; answer 017 otherwise. `true`
   * takes the identities from the certificate subject's CN and OU fields, written
   * `cpo:<OperatorID>` or `emp:<ProviderID>`; a function maps a certificate to its
   * identities (`{ role: 'cpo', id }` may only send as that CPO). Only for servers partners
   * call directly (a hub stand-in): requests Hubject forwards carry the partner's IDs but
   * Hubject's certificate.
   */
  checkClientIds?: boolean | CertificateIds
  /**
   * `drop`: members the spec does not define are removed from request bodies (at every
   * depth) before handlers see them, for servers that keep what they receive. Default
   * `keep`. Optional fields sent as null are removed either way.
   */
  unknownMembers?: 'keep' | 'drop'
  /** Every rejected request body, every request accepted with warnings, and every invalid handler answer. Must not throw. */
  onValidationError?: (report: ValidationReport) => void
  /** Every error thrown by a handler (except OicpRejection) and every internal failure; the stack goes here, never to the client. */
  onError?: (error: unknown, operation: OperationInfo | undefined) => void
}

interface Target {
  def: RouteDef
  table: RouteTable
  handler: Handler<unknown, unknown, string, unknown>
  /** The request message(s) by discriminator value (one entry, key '', for a plain request) and the answer, looked up once. */
  requests: ReadonlyMap<string, MessageEntry>
  response: MessageEntry
  ack: MessageEntry
  /** The request message name(s), for reports on bodies that are not one. */
  expected: string
}

/** Matched routes by method and path: Hubject calls the same few paths again and again. Bounded. */
const CACHE_SIZE = 1024

function entry(table: RouteTable, name: string): MessageEntry {
  const e = table.messages.find(name)
  if (!e) throw new Error(`OICP ${table.release}: route table names message "${name}", which the release does not have`)
  return e
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' }

/** The path parameters the spec types, checked after percent-decoding: `%2A` is a "*", not an operator. */
const PATH_IDS = ['OperatorID', 'ProviderID'] as const

const REFUSALS: Readonly<Record<BodyRefusal, Failure>> = { tooLarge: 'tooLarge', busy: 'busy', timeout: 'bodyTimeout' }

export interface ServerCore {
  readonly prefix: string
  readonly bodyLimit: number
  readonly limits: ServerLimits
  /** Request body bytes held at once; adapters that read bodies take their share from it. */
  readonly budget: BodyBudget
  /** Every served method and path template (with the prefix), for adapters that register routes. */
  readonly routes: readonly { method: string; path: string; operation: OperationInfo }[]
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

function respond(status: number, value: unknown, extra?: Record<string, string>): CoreResponse {
  return { status, headers: extra ? { ...JSON_HEADERS, ...extra } : JSON_HEADERS, body: JSON.stringify(value) }
}

function header(headers: CoreRequestHead['headers'], name: string): string | undefined {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

function summary(errors: readonly ValidationIssue[]): string {
  return errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')
}

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

function parseQuery(operation: OperationInfo, search: string): { ok: true; query: Record<string, unknown> } | { ok: false; error: string } {
  const query: Record<string, unknown> = {}
  if (operation.query.length === 0 || search === '') return { ok: true, query }
  const params = new URLSearchParams(search)
  for (const q of operation.query) {
    const raw = params.get(q.name)
    if (raw === null) continue
    if (q.type === 'integer') {
      if (!/^-?\d{1,15}$/.test(raw)) return { ok: false, error: `query parameter ${q.name} must be an integer (got ${JSON.stringify(raw.slice(0, 20))})` }
      query[q.name] = Number(raw)
    } else if (q.type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') return { ok: false, error: `query parameter ${q.name} must be true or false` }
      query[q.name] = raw === 'true'
    } else query[q.name] = raw
  }
  return { ok: true, query }
}

/**
 * What a handler gets besides the body. A class, not an object literal with `get headers()`:
 * V8 builds such literals slowly, in dictionary mode, and they outlive young-generation
 * collections.
 */
class Context implements HandlerContext<string, unknown> {
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

/** Builds the server from route tables with their handlers; routes of all of them are served together. */
export function createServerCore(mounted: MountedRoutes | readonly MountedRoutes[], options: ServerOptions = {}): ServerCore {
  const prefix = (options.prefix ?? '/api/oicp').replace(/\/+$/, '')
  const limits = resolveLimits(options)
  const { bodyLimit, depthLimit } = limits
  const budget = new BodyBudget(limits.maxBodyBytesInFlight)
  const validateOptions = { mode: 'lenient', dropUnknown: options.unknownMembers === 'drop' } as const
  const idsOf: CertificateIds | undefined = options.checkClientIds === true ? subjectIds : options.checkClientIds || undefined
  const router = new Router<Target>()
  const routes: { method: string; path: string; operation: OperationInfo }[] = []
  for (const m of Array.isArray(mounted) ? mounted : [mounted as MountedRoutes]) {
    for (const def of m.table.routes) {
      const path = `${prefix}${def.operation.path}`
      const names: [string, string][] = 'message' in def.request ? [['', def.request.message]] : Object.entries(def.request.messages)
      const requests = new Map(names.map(([tag, name]) => [tag, entry(m.table, name)] as const))
      const expected = names.map(([, name]) => name).join(' or ')
      const target: Target = { def, table: m.table, handler: m.handlers[def.key]!, requests, response: entry(m.table, def.response), ack: entry(m.table, 'eRoamingAcknowledgement'), expected }
      // The same service version carried by two mounted releases is one operation: the first
      // table serves it. Within one release a second table for a route is a mistake.
      const sameOperation = (a: Target, b: Target) => a.def.operation.id === b.def.operation.id && a.table.release !== b.table.release
      const added = router.add(def.operation.method, path, target, (t) => `${t.def.operation.name} (OICP ${t.table.release}, ${t.table.role})`, sameOperation)
      if (added) routes.push({ method: def.operation.method, path, operation: def.operation })
    }
  }

  const report = (r: ValidationReport) => {
    try {
      options.onValidationError?.(r)
    } catch {
      // A failing hook must not change the answer.
    }
  }
  const reportError = (e: unknown, operation: OperationInfo | undefined) => {
    try {
      options.onError?.(e, operation)
    } catch {
      // As above.
    }
  }
  const fail = (failure: Failure, detail?: string, extra?: Record<string, string>): CoreResponse => {
    const f = FAILURES[failure]
    return respond(f.status, negativeAck(f.code, f.description, detail), failure === 'busy' ? { ...extra, 'retry-after': String(limits.retryAfterSeconds) } : extra)
  }
  /** An answer given before the body was read to its end: the connection must close. */
  const closing = (answer: CoreResponse): CoreResponse => ({ ...answer, close: true })

  type Located = Match<Target> | { kind: 'badId'; detail: string }
  // By method, then path: no key string to build per request. Only served methods get an entry.
  const cache = new Map<string, Map<string, Match<Target>>>()
  const route = (method: string, path: string): Located => {
    let byPath = cache.get(method)
    let match = byPath?.get(path)
    if (match) return match
    match = router.match(method, path)
    if (match.kind === 'found') {
      for (const name of PATH_IDS) {
        const value = match.params[name]
        if (value !== undefined && !parseId(name, value)) return { kind: 'badId', detail: `path parameter ${name} ${JSON.stringify(value.slice(0, 40))} is not a valid ${name}` }
      }
      if (!byPath) cache.set(method, (byPath = new Map()))
      if (byPath.size >= CACHE_SIZE) byPath.clear()
      Object.freeze(match.params)
      byPath.set(path, match)
    }
    return match
  }

  /** The handler answered: validate the answer exactly (unless it is raw JSON: see raw.ts). */
  const answered = (target: Target, answer: unknown): CoreResponse => {
    const raw = rawJsonText(answer)
    if (raw !== undefined) return { status: 200, headers: JSON_HEADERS, body: raw }
    const valid = runCheck(target.response, answer)
    if (!valid.ok) {
      report({ direction: 'response', outcome: 'rejected', operation: target.def.operation, message: target.response.name, errors: valid.errors, warnings: valid.warnings })
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
  function locate(req: CoreRequestHead): { match: Extract<Match<Target>, { kind: 'found' }>; q: number } | CoreResponse {
    const q = req.url.indexOf('?')
    const match = route(req.method.toUpperCase(), q < 0 ? req.url : req.url.slice(0, q))
    if (match.kind === 'notFound') return fail('notFound')
    if (match.kind === 'badPath') return fail('invalidRequest', 'a path parameter is not valid percent-encoding')
    if (match.kind === 'badId') return fail('invalidRequest', match.detail)
    if (match.kind === 'wrongMethod') return fail('wrongMethod', `allowed: ${match.allow.join(', ')}`, { allow: match.allow.join(', ') })
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
    if (declared !== undefined && declared > bodyLimit) return fail('tooLarge', `the limit is ${bodyLimit} bytes; Content-Length is ${declared}`)
    return undefined
  }

  function parseBody(body: Exclude<CoreRequest['body'], { refused: BodyRefusal }>): ParsedJson {
    if (typeof body === 'object' && 'parsed' in body) return checkParsedValue(body.parsed, depthLimit)
    const text = bodyText(body)
    return text === undefined ? { ok: false, tooDeep: false, message: 'the body is not UTF-8' } : parseJsonSafely(text, depthLimit)
  }

  // Synchronous up to the handler: an answer that needs no await costs no promise hops.
  function process(req: CoreRequest): CoreResponse | Promise<CoreResponse> {
    const located = locate(req)
    if ('status' in located) return located
    const { match, q } = located
    const target = match.target
    const { def, handler, requests, expected } = target
    const operation = def.operation

    const query = parseQuery(operation, q < 0 ? '' : req.url.slice(q + 1))
    if (!query.ok) return fail('invalidRequest', query.error)

    if (typeof req.body === 'object' && 'refused' in req.body) {
      const refusal = req.body.refused
      return closing(fail(REFUSALS[refusal], refusal === 'tooLarge' ? `the limit is ${bodyLimit} bytes` : refusal === 'busy' ? `retry in ${limits.retryAfterSeconds} s` : undefined))
    }
    // Adapters that read the body themselves have asked precheck already; for the others (a framework read it) this is the first look.
    const media = mediaRefusal(req.headers)
    if (media && !(typeof req.body === 'object' && 'parsed' in req.body)) return fail('unsupportedMedia', media)
    const parsed = parseBody(req.body)
    if (!parsed.ok) {
      report({ direction: 'request', outcome: 'rejected', operation, message: expected, errors: [{ path: '', message: `not JSON: ${parsed.message}`, keyword: parsed.tooDeep ? 'depth' : 'json' }], warnings: [] })
      return parsed.tooDeep ? fail('tooDeep', `the limit is ${depthLimit} levels`) : fail('invalidJson', parsed.message)
    }
    let body = parsed.value

    if (idsOf) {
      const foreign = req.client ? foreignIds(claimedIds(operation, match.params, body), req.client, idsOf) : null
      if (foreign === null) return fail('unauthorized', 'no client certificate')
      if (foreign.length > 0) return fail('unauthorized', `not covered by the client certificate: ${foreign.join(', ')}`)
    }

    let message: MessageEntry | undefined
    if ('message' in def.request) message = requests.get('')
    else {
      const tag = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[def.request.discriminator] : undefined
      message = typeof tag === 'string' ? requests.get(tag) : undefined
      if (message === undefined) {
        const error = { path: `/${def.request.discriminator}`, message: `must be one of ${[...requests.keys()].join(', ')}`, keyword: 'discriminator' }
        report({ direction: 'request', outcome: 'rejected', operation, message: expected, errors: [error], warnings: [] })
        return fail('invalidRequest', `${error.path} ${error.message}`)
      }
    }
    const checked = runCheck(message!, body, validateOptions)
    if (!checked.ok) {
      report({ direction: 'request', outcome: 'rejected', operation, message: message!.name, errors: checked.errors, warnings: checked.warnings })
      return fail('invalidRequest', `${message!.name}: ${summary(checked.errors)}`)
    }
    if (checked.warnings.length > 0) report({ direction: 'request', outcome: 'accepted', operation, message: message!.name, errors: [], warnings: checked.warnings })
    body = checked.value

    const context = new Context(operation, match.params, query.query, req, checked.warnings)
    let answer: unknown
    try {
      answer = handler(body, context)
    } catch (e) {
      return threw(target, e)
    }
    if (answer instanceof Promise) return answer.then((a: unknown) => answered(target, a), (e: unknown) => threw(target, e))
    return answered(target, answer)
  }

  return {
    prefix,
    bodyLimit,
    limits,
    budget,
    routes,
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
