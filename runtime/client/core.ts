// What every generated client method runs: check the request, queue pushes, send (the
// sending part, with ky and undici, is loaded on the first call), and check the answer.
import { OicpValidationError, type ValidationIssue, type ValidationMode } from '../validation/issues.js'
import { runCheck, type MessageRegistry } from '../validation/registry.js'
import { decodeAnswer } from './answer.js'
import { fillPath, normalizeBaseUrl } from './base-url.js'
import type { Binding } from './binding.js'
import type { Answer, Exchange, ExchangeSettings, Outgoing } from './exchange.js'
import { emit, type ClientHooks } from './hooks.js'
import type { CallOptions, ClientOptions, PageQuery, PagesOptions } from './options.js'
import { decodePage, pageWarnings, toPage, type Page } from './paging.js'
import { InProcessQueue, type PushQueue } from './queue.js'
import type { RetryOptions } from './retry.js'
import { connectOptions } from './tls.js'

const RETRY_DEFAULTS: Required<RetryOptions> = { limit: 2, delayMs: 250, maxDelayMs: 10_000 }

/** What every generated client method runs on: one per client, holding its connections and push queue. */
export class ClientCore {
  readonly baseUrl: string
  private readonly queue: PushQueue
  private exchange?: Promise<Exchange>
  private readonly settings: () => ExchangeSettings
  private readonly answers: ValidationMode
  private readonly hooks: ClientHooks | undefined

  constructor(
    options: ClientOptions,
    private readonly messages: MessageRegistry<object>,
  ) {
    const baseUrl = normalizeBaseUrl(options.baseUrl)
    this.baseUrl = baseUrl
    connectOptions(options.tls) // a missing certificate or key fails here, not on the first call
    const timeoutMs = options.timeoutMs ?? 30_000
    if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive (got ${options.timeoutMs})`)
    const retry = options.retry === false ? { ...RETRY_DEFAULTS, limit: 0 } : { ...RETRY_DEFAULTS, ...options.retry }
    if (!Number.isInteger(retry.limit) || retry.limit < 0 || retry.limit > 10)
      throw new RangeError(`retry.limit must be a whole number from 0 to 10 (got ${retry.limit})`)
    this.queue = options.queue ?? new InProcessQueue()
    const maxResponseBytes = options.maxResponseBytes
    if (maxResponseBytes !== undefined && !(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0))
      throw new RangeError(`maxResponseBytes must be a positive whole number (got ${maxResponseBytes})`)
    const answers = options.answers ?? 'lenient'
    if (answers !== 'lenient' && answers !== 'exact' && answers !== 'strict')
      throw new RangeError(`answers must be lenient, exact or strict (got ${String(answers)})`)
    this.answers = answers
    this.hooks = options.hooks
    const headers = { 'content-type': 'application/json', accept: 'application/json', ...options.headers }
    this.settings = () => ({
      baseUrl,
      tls: options.tls,
      connections: options.connections ?? 8,
      timeoutMs,
      retry,
      headers,
      hooks: options.hooks,
      maxResponseBytes,
    })
  }

  /** Sends one request and returns the validated response message. */
  async call<R>(
    binding: Binding,
    body: unknown,
    pathValues: Record<string, string | undefined>,
    options: CallOptions & PageQuery = {},
  ): Promise<R> {
    const request = this.prepare(binding, body, pathValues)
    if (binding.records) request.query = pageQuery(options)
    const send = async () => {
      const answer = await this.send(request, options)
      const decoded = decodeAnswer<R>(this.messages, binding, answer, this.answers)
      this.warn(binding, answer, decoded.warnings)
      return decoded.value
    }
    return binding.operation.sequential ? this.queue.run(binding.operation.name, send) : send()
  }

  /** Every page of a paged pull, each record checked on its own. */
  async *pages<R>(
    binding: Binding,
    body: unknown,
    pathValues: Record<string, string | undefined>,
    options: PagesOptions = {},
  ): AsyncGenerator<Page<R>, void, undefined> {
    if (!binding.records) throw new TypeError(`${binding.operation.name} is not a paged operation`)
    const request = this.prepare(binding, body, pathValues)
    const maxPages = options.maxPages ?? 10_000
    const start = options.startPage ?? 0
    for (let n = start; n < start + maxPages; n++) {
      const query = pageQuery({ page: n, size: options.size, sort: options.sort })
      const answer = await this.send({ ...request, query }, options)
      const decoded = decodePage<R>(this.messages, binding.operation, binding.records, answer, this.answers)
      this.warn(binding, answer, pageWarnings(decoded))
      const page = toPage(decoded, answer.requestId)
      yield page
      if (page.last || page.records.length + page.invalid.length === 0 || page.number + 1 >= page.totalPages) return
    }
    throw new RangeError(
      `${binding.operation.name}: stopped after ${maxPages} pages without reaching the last (raise maxPages if that is expected)`,
    )
  }

  /** Closes the TLS connections. */
  async close(): Promise<void> {
    const exchange = this.exchange
    this.exchange = undefined
    await (await exchange?.catch(() => undefined))?.close()
  }

  private warn(binding: Binding, answer: Answer, warnings: ValidationIssue[]): void {
    if (warnings.length > 0)
      emit(this.hooks, 'onWarnings', {
        operation: binding.operation.name,
        requestId: answer.requestId,
        message: binding.operation.response,
        warnings,
      })
  }

  private async send(request: Outgoing, options: CallOptions): Promise<Answer> {
    this.exchange ??= import('./exchange.js').then(({ Exchange }) => new Exchange(this.settings()))
    return (await this.exchange).send(request, options)
  }

  /** Checks the request and path parameters (throwing OicpValidationError before anything is sent) and serialises it. */
  private prepare(binding: Binding, body: unknown, pathValues: Record<string, string | undefined>): Outgoing {
    const checked = this.messages.validate(binding.request, body)
    if (!checked.ok) throw new OicpValidationError(binding.request, checked.errors)
    const values: Record<string, string> = {}
    for (const [name, validator] of Object.entries(binding.path)) {
      const value = pathValues[name]
      const where = `path parameter ${name} of ${binding.operation.name}`
      if (value === undefined)
        throw new OicpValidationError(where, [
          { path: '', message: `is required: pass ${name} with the call or set it on the client`, keyword: 'required' },
        ])
      const result = runCheck(validator, value)
      if (!result.ok) throw new OicpValidationError(where, result.errors)
      values[name] = value
    }
    return { binding, body, text: JSON.stringify(body), path: fillPath(binding.operation.path, values).slice(1) }
  }
}

function pageQuery(q: PageQuery): Record<string, string> | undefined {
  const out: Record<string, string> = {}
  for (const key of ['page', 'size'] as const) {
    const v = q[key]
    if (v === undefined) continue
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${key} must be a whole number >= 0 (got ${v})`)
    out[key] = String(v)
  }
  if (q.sort !== undefined) out.sort = q.sort
  return Object.keys(out).length > 0 ? out : undefined
}
