// One exchange as the traffic view holds it. Bodies are cut at a cap, so that a large push
// or pull page costs the ring buffer at most the cap twice, whatever its size.
import { performance } from 'node:perf_hooks'
import { operations } from 'oicp/2.3'
import { formatIssues, type ValidationIssue } from 'oicp/runtime'
import type { Body, ExchangeDetail, Issue } from './api.js'

/** Characters of each body kept. */
export const BODY_CAP = 64 * 1024
/** Findings kept per exchange: a page of broken records can have thousands. */
const ISSUE_CAP = 50
/** Bodies up to this size are parsed for their SessionID, Result and StatusCode. */
const PARSE_CAP = 1024 * 1024

const decoder = new TextDecoder()

/** Milliseconds since the epoch with a fraction: exchanges begun in the same millisecond keep their order. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now()
}

export function bodyOf(value: Uint8Array | string | undefined, cap = BODY_CAP): Body | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string')
    return {
      text: value.length > cap ? value.slice(0, cap) : value,
      bytes: Buffer.byteLength(value),
      truncated: value.length > cap,
    }
  return { text: decoder.decode(value.subarray(0, cap)), bytes: value.byteLength, truncated: value.byteLength > cap }
}

export function jsonBody(value: unknown, cap = BODY_CAP): Body | undefined {
  return value === undefined ? undefined : bodyOf(JSON.stringify(value), cap)
}

/** A body's JSON value when it is small enough to read whole; undefined otherwise. */
export function parsed(text: string | Uint8Array | undefined): unknown {
  if (text === undefined || text.length > PARSE_CAP) return undefined
  try {
    return JSON.parse(typeof text === 'string' ? text : decoder.decode(text))
  } catch {
    return undefined
  }
}

function member(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined
}

/** Result and StatusCode.Code of an answer: acknowledgement, authorization (Authorized or not) or page. */
export function outcomeOf(answer: unknown): { result: boolean | undefined; code: string | undefined } {
  const result = member(answer, 'Result')
  const authorization = member(answer, 'AuthorizationStatus')
  const code = member(member(answer, 'StatusCode'), 'Code')
  return {
    result:
      typeof result === 'boolean'
        ? result
        : typeof authorization === 'string'
          ? authorization === 'Authorized'
          : undefined,
    code: typeof code === 'string' ? code : undefined,
  }
}

/** The SessionID a request or its answer names. */
export function sessionIdOf(...values: unknown[]): string | undefined {
  for (const v of values) {
    const id = member(v, 'SessionID')
    if (typeof id === 'string') return id
  }
  return undefined
}

export function issuesOf(
  list: readonly ValidationIssue[],
  severity: Issue['severity'],
  where: Issue['where'],
): Issue[] {
  return list.slice(0, ISSUE_CAP).map((i) => ({
    severity,
    where,
    pointer: i.path,
    message: i.causes?.length ? `${i.message} (${formatIssues(i.causes)})` : i.message,
  }))
}

export function addIssues(target: Issue[], more: Issue[]): void {
  for (const i of more) if (target.length < ISSUE_CAP) target.push(i)
}

const versions = new Map<string, string>(operations.map((o) => [o.name, o.serviceVersion]))

export function serviceVersionOf(operation: string): string | undefined {
  return versions.get(operation)
}

/** An exchange with what is not known left undefined; `id` is given when it is added to the traffic. */
export function exchange(
  fields: Partial<ExchangeDetail> &
    Pick<ExchangeDetail, 'at' | 'direction' | 'from' | 'to' | 'operation' | 'durationMs'>,
): ExchangeDetail {
  return {
    id: 0,
    serviceVersion: serviceVersionOf(fields.operation),
    message: undefined,
    status: undefined,
    result: undefined,
    code: undefined,
    failure: undefined,
    sessionId: undefined,
    issues: [],
    request: undefined,
    answer: undefined,
    ...fields,
  }
}

/** What an exchange costs in memory, roughly (UTF-16 text and the fields). */
export function weightOf(x: ExchangeDetail): number {
  return 2 * ((x.request?.text.length ?? 0) + (x.answer?.text.length ?? 0)) + 300 + x.issues.length * 200
}

export function summaryOf(x: ExchangeDetail): Omit<ExchangeDetail, 'request' | 'answer'> {
  const { request: _r, answer: _a, ...summary } = x
  return summary
}
