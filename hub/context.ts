// What the hub's handlers share: the ledger, the partners, the forwarder, the log, and
// small helpers for the answers and checks every handler needs.
import { formatIssues, OicpRejection } from 'oicp/runtime'
import { messages } from 'oicp/2.3'
import type * as S from 'oicp/2.3/schemas'
import type { Forwarder } from './forward.js'
import { sameId } from './ids.js'
import type { Ledger } from './ledger.js'
import type { Partners } from './partners.js'

/** One line of what the hub did, for the console and for tests. */
export interface HubEvent {
  /** e.g. push, pull, remoteStart, forward, cdr. */
  kind: string
  text: string
  /** The operation (or what else happened) and the IDs involved. */
  data?: Record<string, unknown>
}

export interface HubContext {
  readonly ledger: Ledger
  readonly partners: Partners
  readonly forwarder: Forwarder
  /** Run after the answer; the hub waits for these on `idle()` and `close()`. */
  background(name: string, task: () => Promise<void>): void
  log(event: HubEvent): void
}

export type Ack = S.eRoamingAcknowledgement

export function ok(extra: Partial<Ack> = {}): Ack {
  return { Result: true, StatusCode: { Code: '000' }, ...extra }
}

/**
 * Pushes and CDRs are kept and passed on, so they must be valid as the spec writes them
 * (not merely leniently readable, e.g. with a plug type from a newer release): 022 otherwise.
 */
export function requireExact(message: string, body: unknown): void {
  const r = messages.validate(message, body, { mode: 'exact' })
  if (!r.ok) {
    const detail = formatIssues(r.errors, { max: 5 })
    throw new OicpRejection('022', `Data error: not a valid ${message}: ${detail}`, 400)
  }
}

/**
 * Refuses with an OICP status code (HTTP 200: the request itself was well-formed). The
 * description is cut to the spec's length where the refusal becomes an answer (negativeAck).
 */
export function refuse(code: string, description: string): never {
  throw new OicpRejection(code, description)
}

/** The ID in the body must be the one in the path: a partner speaks for one operator or provider per request. */
export function samePartner(
  field: 'OperatorID' | 'ProviderID',
  inPath: string | undefined,
  inBody: string | undefined,
): void {
  if (inPath !== undefined && inBody !== undefined && !sameId(field, inPath, inBody)) {
    refuse('017', `Unauthorized access: ${field} ${inBody} in the body is not ${inPath} of the path`)
  }
}
