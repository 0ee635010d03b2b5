// Route tables with handlers for the server tests: a CPO and an EMP mounted together, the
// handlers recording what reached them, and valid requests built from the spec.
import type { CpoHandlers, EmpHandlers, HubHandlers, Messages } from '../../generated/oicp-2.3/index.js'
import { cpoRoutes, empRoutes, hubRoutes, messages } from '../../generated/oicp-2.3/index.js'
import { loadRelease } from '../../generator/spec/load.js'
import {
  createServerCore,
  mount,
  notImplemented,
  OicpRejection,
  type HandlerContext,
  type ServerOptions,
  type ValidationReport,
} from '../../runtime/index.js'
import { Sampler } from './samples.js'

const release = loadRelease('spec/oicp-2.3')
const sampler = new Sampler(release)

/** A complete valid instance of a message, fresh on every call. */
export function sample<K extends keyof Messages>(name: K): Messages[K] {
  const t = release.types.get(name)
  if (t?.kind !== 'object') throw new Error(`no message ${name}`)
  return sampler.object(t) as unknown as Messages[K]
}

export const PROVIDER = 'DE*8EO'
export const REMOTE_START = `/api/oicp/charging/v21/providers/${encodeURIComponent(PROVIDER)}/authorize-remote/start`
export const NOTIFICATIONS = '/api/oicp/notificationmgmt/v11/charging-notifications'

/** CPO handlers that accept everything; the remote starts that reach them are kept in `seen`. */
export function remoteStartRecorder(): { seen: unknown[]; handlers: CpoHandlers } {
  const seen: unknown[] = []
  const ack = { Result: true, StatusCode: { Code: '000' } } as const
  const handlers: CpoHandlers = {
    authorizeRemoteStart: (r) => (seen.push(r), ack),
    authorizeRemoteStop: () => ack,
    authorizeRemoteReservationStart: () => ack,
    authorizeRemoteReservationStop: () => ack,
  }
  return { seen, handlers }
}

export function remoteStart(): Messages['eRoamingAuthorizeRemoteStart'] {
  return { ...sample('eRoamingAuthorizeRemoteStart'), ProviderID: PROVIDER }
}

/** What the handlers saw and what the hooks reported, for assertions. */
export class Record {
  calls: { key: string; request: unknown; context: HandlerContext<string, unknown> }[] = []
  validation: ValidationReport[] = []
  errors: unknown[] = []
  clear(): void {
    this.calls = []
    this.validation = []
    this.errors = []
  }
}

export const SECRET = 'database password is hunter2'

/**
 * CPO handlers: remote start answers with the path parameter and EvseID it received (to
 * prove both arrive decoded and typed); the reservation handlers throw, answer wrongly,
 * or reject with an OICP code, one each.
 */
export function cpoHandlers(record: Record): CpoHandlers {
  return {
    authorizeRemoteStart: async (request, context) => {
      record.calls.push({ key: 'authorizeRemoteStart', request, context })
      return {
        Result: true,
        StatusCode: { Code: '000', Description: `${context.params.ProviderID} ${request.EvseID}` },
        SessionID: request.SessionID,
      }
    },
    authorizeRemoteStop: () => {
      throw new OicpRejection('400', 'Session is not valid')
    },
    authorizeRemoteReservationStart: () => {
      const e = new Error(SECRET)
      e.stack = `Error: ${SECRET}\n    at secretFunction (/srv/app/secret.ts:1:1)`
      throw e
    },
    // A wrong answer only reaches the core through a cast; the types forbid it.
    authorizeRemoteReservationStop: async () => ({ Result: 'yes' }) as unknown as Messages['eRoamingAcknowledgement'],
  }
}

export function empHandlers(record: Record): EmpHandlers {
  return {
    authorizeStart: () => {
      throw notImplemented('eRoamingAuthorizeStart')
    },
    authorizeStop: () => {
      throw notImplemented('eRoamingAuthorizeStop')
    },
    chargeDetailRecord: () => {
      throw notImplemented('eRoamingChargeDetailRecord')
    },
    chargingNotifications: (request, context) => {
      record.calls.push({ key: 'chargingNotifications', request, context })
      // The union narrows on Type.
      const detail = request.Type === 'Error' ? request.ErrorType : request.Type
      return { Result: true, StatusCode: { Code: '000', Description: detail } }
    },
  }
}

/** The hub side: every operation answers "not implemented" except remote start and the EVSE data push. */
export function hubHandlers(record: Record): HubHandlers {
  const handlers: { [key: string]: unknown } = {}
  for (const r of hubRoutes.routes)
    handlers[r.key] = () => {
      throw notImplemented(r.operation.name)
    }
  const accept = (key: string) => (request: unknown, context: HandlerContext<string, unknown>) => {
    record.calls.push({ key, request, context })
    return { Result: true, StatusCode: { Code: '000' as const } }
  }
  return {
    ...(handlers as unknown as HubHandlers),
    authorizeRemoteStart: accept('authorizeRemoteStart'),
    pushEvseData: accept('pushEvseData'),
  }
}

/** The CPO's and the EMP's routes on one server, hooks recording into `record`. */
export function cpoAndEmpCore(record: Record, options: ServerOptions = {}) {
  return createServerCore([mount(cpoRoutes, cpoHandlers(record)), mount(empRoutes, empHandlers(record))], {
    onValidationError: (r) => record.validation.push(r),
    onError: (e) => record.errors.push(e),
    ...options,
  })
}

/** Asserts the shape of every answer the core gives instead of a handler. */
export function isFailureAck(json: unknown, code: string): string | undefined {
  const r = messages.validate('eRoamingAcknowledgement', json)
  if (!r.ok) return `not a valid eRoamingAcknowledgement: ${JSON.stringify(r.errors)}`
  if (r.value.Result !== false) return 'Result is not false'
  if (r.value.StatusCode.Code !== code) return `code ${r.value.StatusCode.Code}, expected ${code}`
  return undefined
}
