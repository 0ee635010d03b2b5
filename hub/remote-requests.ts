// EMPs' remote requests: starts, stops and reservations, passed to the CPO's server or to
// its simulated charge point. The hub makes the session of a start or a reservation and
// gives it its SessionID; a stop must name one of the EMP's own sessions.
import { randomUUID } from 'node:crypto'
import type { HubHandlers } from 'oicp/2.3'
import type * as S from 'oicp/2.3/schemas'
import { negativeAck } from 'oicp/runtime'
import type { ChargePoint } from './charge-point.js'
import { refuse, samePartner, type Ack, type HubContext } from './context.js'
import { unansweredDescription } from './forward.js'
import { evseKey } from './ids.js'
import { saveSession, sessionFor, setSessionState } from './sessions.js'
import type { Session, SessionState } from './store.js'

export type RemoteHandlers = Pick<
  HubHandlers,
  'authorizeRemoteStart' | 'authorizeRemoteStop' | 'authorizeRemoteReservationStart' | 'authorizeRemoteReservationStop'
>

/** What a remote start and a reservation both name. */
interface OpeningRequest {
  ProviderID: string
  EvseID: string
  Identification: S.Identification
  EMPPartnerSessionID?: string
}

/** What a remote stop and a reservation's end both name. */
interface ClosingRequest {
  ProviderID: string
  EvseID: string
  SessionID: string
}

/** How a session is opened at an EVSE, and what it becomes when the charge point accepts. */
interface Opening {
  origin: 'remoteStart' | 'reservation'
  operation: string
  accepted: SessionState
}

const REMOTE_START: Opening = {
  origin: 'remoteStart',
  operation: 'eRoamingAuthorizeRemoteStart',
  accepted: 'authorized',
}
const RESERVATION: Opening = {
  origin: 'reservation',
  operation: 'eRoamingAuthorizeRemoteReservationStart',
  accepted: 'reserved',
}

export function remoteHandlers(hub: HubContext, chargePoint: ChargePoint): RemoteHandlers {
  const { ledger, partners, forwarder } = hub
  const store = ledger.store

  /** The partner serving remote requests for an operator: its endpoint, or the simulator. */
  function chargePointOf(operatorId: string): { endpoint: string } | { simulated: true } {
    const partner = partners.operator(operatorId)
    if (partner?.endpoint) return { endpoint: partner.endpoint }
    if (partners.open || partner?.simulate) return { simulated: true }
    if (!partner) refuse('300', `The partner is not known: no CPO is configured for operator ${operatorId}`)
    return refuse('320', `The service cannot be reached: operator ${operatorId} has no endpoint`)
  }

  /** The EVSE an EMP names, refusing unknown (603) and non-Hubject-compatible (604) ones; its operator. */
  function evseFor(evseId: string): string {
    const entry = store.evses.get(evseKey(evseId))
    if (!entry || entry.deleted) refuse('603', `The EVSE ID is not known: ${evseId}`)
    if (!entry.record.IsHubjectCompatible) refuse('604', `The EVSE ID is not usable with Hubject: ${evseId}`)
    return store.operatorNames.get(entry.operatorKey)?.operatorId ?? entry.operatorKey
  }

  /** Passes an EMP's remote request to the charge point and reports it. */
  async function toChargePoint(
    operation: string,
    request: { ProviderID: string; EvseID: string },
    sessionId: string,
    operatorId: string,
    simulate: () => Promise<Ack>,
  ): Promise<Ack> {
    const target = chargePointOf(operatorId)
    let answer: Ack
    if ('endpoint' in target) {
      const body = { ...request, SessionID: sessionId }
      const f = await forwarder.send<Ack>(target.endpoint, operation, operation, body, {
        ProviderID: request.ProviderID,
      })
      answer = f.ok
        ? { ...f.value, SessionID: sessionId }
        : negativeAck(f.code, unansweredDescription(f), undefined, sessionId)
    } else answer = { ...(await simulate()), SessionID: sessionId }
    const to = 'endpoint' in target ? `CPO ${operatorId}` : `simulated charge point of ${operatorId}`
    const outcome = answer.Result ? 'accepted' : `refused ${answer.StatusCode.Code}`
    hub.log({
      kind: 'forward',
      text: `${operation.slice('eRoaming'.length)} ${request.EvseID} for ${request.ProviderID} → ${to}: ${outcome} (session ${sessionId})`,
      data: { operation, sessionId, result: answer.Result, code: answer.StatusCode.Code },
    })
    return answer
  }

  /** A remote start or a reservation: the hub's new session at a known EVSE. */
  async function open<R extends OpeningRequest>(
    request: R,
    providerInPath: string,
    how: Opening,
    simulate: (forwarded: R & { SessionID: string }, operatorId: string) => Promise<Ack>,
  ): Promise<Ack> {
    samePartner('ProviderID', providerInPath, request.ProviderID)
    const now = Date.now()
    const session: Session = {
      sessionId: randomUUID(),
      operatorId: evseFor(request.EvseID),
      providerId: request.ProviderID,
      evseId: request.EvseID,
      identification: request.Identification,
      origin: how.origin,
      authorizedByHub: false,
      state: 'requested',
      empPartnerSessionId: request.EMPPartnerSessionID,
      created: now,
      updated: now,
    }
    const { sessionId, operatorId } = session
    // Known before the CPO hears of it: its first notification may come before its answer.
    await saveSession(ledger, session)
    const forwarded = { ...request, SessionID: sessionId }
    const answer = await toChargePoint(how.operation, request, sessionId, operatorId, () =>
      simulate(forwarded, operatorId),
    )
    await setSessionState(ledger, session, answer.Result ? how.accepted : 'cancelled')
    return answer
  }

  /** A remote stop or the end of a reservation, for one of the EMP's own sessions. */
  async function close<R extends ClosingRequest>(
    request: R,
    providerInPath: string,
    operation: string,
    closed: SessionState,
    simulate: (request: R, operatorId: string) => Promise<Ack>,
  ): Promise<Ack> {
    samePartner('ProviderID', providerInPath, request.ProviderID)
    const s = sessionFor(store, request.SessionID, { providerId: request.ProviderID }, request.EvseID)
    const answer = await toChargePoint(operation, request, s.sessionId, s.operatorId, () =>
      simulate(request, s.operatorId),
    )
    if (answer.Result) await setSessionState(ledger, s, closed)
    return answer
  }

  return {
    authorizeRemoteStart: (request, { params }) =>
      open(request, params.ProviderID, REMOTE_START, (r, operatorId) => chargePoint.remoteStart(r, operatorId)),
    authorizeRemoteStop: (request, { params }) =>
      close(request, params.ProviderID, 'eRoamingAuthorizeRemoteStop', 'stopped', (r, operatorId) =>
        chargePoint.remoteStop(r, operatorId),
      ),
    authorizeRemoteReservationStart: (request, { params }) =>
      open(request, params.ProviderID, RESERVATION, (r, operatorId) => chargePoint.reservationStart(r, operatorId)),
    authorizeRemoteReservationStop: (request, { params }) =>
      close(request, params.ProviderID, 'eRoamingAuthorizeRemoteReservationStop', 'cancelled', (r, operatorId) =>
        chargePoint.reservationStop(r, operatorId),
      ),
  }
}
