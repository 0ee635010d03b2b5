// Clients pointed at a TestHub, and valid messages of any name built from the spec.
import { loadRelease } from '../../generator/spec/load.js'
import type { ObjectType } from '../../generator/spec/model.js'
import {
  createCpoClient,
  createEmpClient,
  type CpoClientOptions,
  type EmpClientOptions,
} from '../../generated/oicp-2.3/index.js'
import { clientCerts, OPERATOR, PROVIDER } from './client-certs.js'
import type { TestHub } from './client-hub.js'
import { Sampler, type Json } from './samples.js'

export const release = loadRelease('spec/oicp-2.3')
const sampler = new Sampler(release)

/** A complete valid instance of a message (every field filled). */
export function sample(message: string): { [key: string]: Json } {
  return sampler.object(sampler.type(message) as ObjectType)
}

/** Hubject serves under /api/oicp; the tests do too, so the prefix handling is exercised. */
export const PREFIX = '/api/oicp'

/** Fast retries for tests; the policy is what is under test, not the delays. */
const FAST_RETRY = { limit: 2, delayMs: 5, maxDelayMs: 20 }

/** The client options every test client shares: the stand-in hub, a role's certificate, fast retries. */
function common(hub: TestHub, role: 'cpo' | 'emp') {
  const c = clientCerts()
  return {
    baseUrl: hub.origin + PREFIX,
    tls: { cert: c[role].cert, key: c[role].key, ca: c.ca },
    retry: FAST_RETRY,
    timeoutMs: 5_000,
  }
}

export function cpoFor(hub: TestHub, options: Partial<CpoClientOptions> = {}) {
  return createCpoClient({ ...common(hub, 'cpo'), operatorId: OPERATOR, ...options })
}

export function empFor(hub: TestHub, options: Partial<EmpClientOptions> = {}) {
  return createEmpClient({ ...common(hub, 'emp'), providerId: PROVIDER, ...options })
}

/** A push of EVSE statuses whose single EvseID carries `n`, so the hub can tell calls apart. */
export function statusPush(n: number, actionType: 'update' | 'insert' | 'fullLoad' | 'delete' = 'update') {
  return {
    ActionType: actionType,
    OperatorEvseStatus: {
      OperatorID: OPERATOR,
      EvseStatusRecord: [{ EvseID: `DE*ABC*E${n}`, EvseStatus: 'Available' as const }],
    },
  }
}

/** The number statusPush put into a request the hub saw. */
export function statusPushNumber(body: unknown): number {
  const id = (body as { OperatorEvseStatus: { EvseStatusRecord: Array<{ EvseID: string }> } }).OperatorEvseStatus
    .EvseStatusRecord[0]!.EvseID
  return Number(id.slice('DE*ABC*E'.length))
}
