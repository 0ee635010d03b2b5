// What partners send the hub, as the traffic view shows it: the server core wrapped so
// that each request and its answer become an exchange, with the validation findings the
// core reports for that request (tied to it through the async context of its handling).
import { AsyncLocalStorage } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'
import type {
  CoreRequest,
  CoreRequestHead,
  CoreResponse,
  ServerCore,
  ValidationIssue,
  ValidationReport,
} from 'oicp/runtime'
import type { ExchangeDetail, Issue } from './api.js'
import { addIssues, bodyOf, exchange, preciseNow, issuesOf, outcomeOf, parsed, sessionIdOf } from './exchange.js'
import type { PartnerNames } from './names.js'
import { RouteMatcher } from './route-match.js'
import type { Traffic } from './traffic.js'

interface Pending {
  at: number
  started: number
  head: CoreRequestHead
  body: CoreRequest['body'] | undefined
  issues: Issue[]
}

function bytesOf(body: CoreRequest['body'] | undefined): Uint8Array | string | undefined {
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) return body
  if ('parsed' in body) return JSON.stringify(body.parsed)
  return undefined
}

/** The sender's IDs in a body, for operations without them in the path (notifications). */
function idsIn(fields: Record<string, unknown>): Record<string, string> {
  const ids: Record<string, string> = {}
  for (const name of ['OperatorID', 'ProviderID']) if (typeof fields[name] === 'string') ids[name] = fields[name]
  return ids
}

/** Warnings of a report, where the core reports them (lenient decoding's findings). */
function warningsOf(report: ValidationReport): readonly ValidationIssue[] {
  return 'warnings' in report && Array.isArray(report.warnings) ? report.warnings : []
}

export class ReceivedTap {
  readonly #current = new AsyncLocalStorage<Pending>()

  constructor(
    private readonly traffic: Traffic,
    private readonly names: PartnerNames,
  ) {}

  /** The core, recording every request it answers (those answered before the body was read too). */
  core(core: ServerCore): ServerCore {
    const routes = new RouteMatcher(core.routes)
    return {
      ...core,
      precheck: (head) => {
        const pending = this.#begin(head, undefined)
        const answer = core.precheck(head)
        if (answer) this.#finish(pending, answer, routes)
        return answer
      },
      handle: (request) => {
        const pending = this.#begin(request, request.body)
        return this.#current
          .run(pending, () => core.handle(request))
          .then((answer) => {
            this.#finish(pending, answer, routes)
            return answer
          })
      },
    }
  }

  /** The hook for the core's validation reports: findings go to the request being answered, then to `next`. */
  reports(next: ((report: ValidationReport) => void) | undefined): (report: ValidationReport) => void {
    return (report) => {
      const pending = this.#current.getStore()
      if (pending) {
        const where = report.direction === 'request' ? 'request' : 'answer'
        addIssues(pending.issues, issuesOf(report.errors, 'error', where))
        addIssues(pending.issues, issuesOf(warningsOf(report), 'warning', where))
      }
      next?.(report)
    }
  }

  #begin(head: CoreRequestHead, body: CoreRequest['body'] | undefined): Pending {
    return { at: preciseNow(), started: performance.now(), head, body, issues: [] }
  }

  #finish(p: Pending, answer: CoreResponse, routes: RouteMatcher): void {
    const matched = routes.match(p.head.method, p.head.url)
    const raw = bytesOf(p.body)
    const request = parsed(raw)
    const reply = parsed(answer.body)
    const outcome = outcomeOf(reply)
    const operation = matched?.operation
    const fields = typeof request === 'object' && request !== null ? (request as Record<string, unknown>) : {}
    const choice = operation && typeof operation.request === 'object' ? operation.request : undefined
    const tag = choice ? fields[choice.discriminator] : undefined
    const x: ExchangeDetail = exchange({
      at: p.at,
      direction: 'in',
      from: this.names.sender({ ...idsIn(fields), ...matched?.params }, p.head.client),
      to: 'hub',
      operation: operation?.name ?? `${p.head.method} ${p.head.url.split('?')[0]}`,
      message: typeof tag === 'string' ? choice?.oneOf.find((m) => m.endsWith(tag)) : undefined,
      status: answer.status,
      ...outcome,
      durationMs: performance.now() - p.started,
      sessionId: sessionIdOf(request, reply),
      issues: p.issues,
      request: bodyOf(raw),
      answer: bodyOf(answer.body),
    })
    this.traffic.add(x)
  }
}
