// The charging side of the hub: authorizations from CPOs (answered from pushed
// authentication data or passed to the EMP), remote starts, stops and reservations from
// EMPs (passed to the CPO or its simulated charge point), and what CPOs report about a
// session (notifications, the CDR), kept and passed to the EMP. The hub gives every
// process its SessionID and answers for sessions it does not know with 400.
import { randomUUID } from 'node:crypto'
import type { HubHandlers } from 'oicp/2.3'
import type * as S from 'oicp/2.3/schemas'
import { ok, refuse, requireExact, samePartner, type Ack, type HubContext } from './context.js'
import type { Forwarded } from './forward.js'
import { evcoIdOf, evseBelongsTo, evseKey, identificationKey, providerKey, providerKeyOfEvco, sameId } from './ids.js'
import { authorizesOffline } from './offline-auth.js'
import type { PartnerConfig } from './partners.js'
import { page } from './queries.js'
import type { Session } from './store.js'

export type ChargingHandlers = Pick<
  HubHandlers,
  | 'authorizeStart'
  | 'authorizeStop'
  | 'authorizeRemoteStart'
  | 'authorizeRemoteStop'
  | 'authorizeRemoteReservationStart'
  | 'authorizeRemoteReservationStop'
  | 'chargeDetailRecord'
  | 'chargingNotifications'
  | 'getChargeDetailRecords'
>

export type Notification = S.eRoamingChargingNotificationStart | S.eRoamingChargingNotificationProgress | S.eRoamingChargingNotificationEnd | S.eRoamingChargingNotificationError

/** What a charge point does when the hub passes it a request: a partner's server, or the simulator. */
export interface ChargePoint {
  remoteStart(request: S.eRoamingAuthorizeRemoteStart & { SessionID: string }, operatorId: string): Promise<Ack>
  remoteStop(request: S.eRoamingAuthorizeRemoteStop, operatorId: string): Promise<Ack>
  reservationStart(request: S.eRoamingAuthorizeRemoteReservationStart & { SessionID: string }, operatorId: string): Promise<Ack>
  reservationStop(request: S.eRoamingAuthorizeRemoteReservationStop, operatorId: string): Promise<Ack>
}

/** What the simulator needs from the routing: report like a CPO does. */
export interface CpoReports {
  chargeDetailRecord(cdr: S.eRoamingChargeDetailRecord, operatorId: string): Promise<void>
  notification(notification: Notification): Promise<void>
}

function negative(code: string, description: string, sessionId?: string): Ack {
  return {
    Result: false,
    StatusCode: {
      Code: code as Ack['StatusCode']['Code'],
      Description: description.slice(0, 200),
    },
    ...(sessionId ? { SessionID: sessionId } : {}),
  }
}

function notAuthorized<T extends S.eRoamingAuthorizationStart | S.eRoamingAuthorizationStop>(code: string, description: string, sessionId: string | undefined, extra: Partial<T> = {}): T {
  return {
    ...(sessionId ? { SessionID: sessionId } : {}),
    ...extra,
    AuthorizationStatus: 'NotAuthorized',
    StatusCode: { Code: code, Description: description.slice(0, 200) },
  } as T
}

export function chargingRouting(hub: HubContext, simulator: ChargePoint): { handlers: ChargingHandlers; reports: CpoReports } {
  const { ledger, partners, forwarder } = hub
  const store = ledger.store

  const saveSession = (session: Session) => ledger.commit({ kind: 'session', at: 0, session })
  const setState = (session: Session, state: Session['state']) =>
    ledger.commit({
      kind: 'sessionState',
      at: 0,
      sessionId: session.sessionId,
      state,
    })

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

  /** A new session for an EMP's remote start or reservation at a known EVSE, made by the hub. */
  function requestedSession(
    request: { ProviderID: string; EvseID: string; Identification: S.Identification; EMPPartnerSessionID?: string },
    origin: 'remoteStart' | 'reservation',
  ): Session {
    const now = Date.now()
    return {
      sessionId: randomUUID(),
      operatorId: evseFor(request.EvseID),
      providerId: request.ProviderID,
      evseId: request.EvseID,
      identification: request.Identification,
      origin,
      authorizedByHub: false,
      state: 'requested',
      empPartnerSessionId: request.EMPPartnerSessionID,
      created: now,
      updated: now,
    }
  }

  /** A session the sender may act on: known, its own, and (when given) at this EVSE; 400 otherwise. */
  function sessionFor(sessionId: string, owner: { providerId?: string; operatorId?: string }, evseId?: string): Session {
    const s = store.sessions.get(sessionId)
    const mine = s && (owner.providerId === undefined || sameId('ProviderID', s.providerId, owner.providerId)) && (owner.operatorId === undefined || sameId('OperatorID', s.operatorId, owner.operatorId))
    if (!s || !mine || (evseId !== undefined && s.evseId !== undefined && evseKey(s.evseId) !== evseKey(evseId))) refuse('400', `The session is not valid: ${sessionId}`)
    return s
  }

  const answerOf = (f: Forwarded<Ack>, sessionId: string): Ack =>
    f.ok ? { ...f.value, SessionID: sessionId } : negative(f.code, f.code === '310' ? `The partner gave no answer: ${f.reason}` : `The service cannot be reached: ${f.reason}`, sessionId)

  /** Passes an EMP's remote request to the charge point and reports it. */
  async function toChargePoint(what: string, operation: string, request: { ProviderID: string; EvseID: string }, sessionId: string, operatorId: string, simulate: () => Promise<Ack>): Promise<Ack> {
    const target = chargePointOf(operatorId)
    const answer =
      'endpoint' in target
        ? answerOf(await forwarder.send<Ack>(target.endpoint, operation, operation, { ...request, SessionID: sessionId }, { ProviderID: request.ProviderID }), sessionId)
        : { ...(await simulate()), SessionID: sessionId }
    hub.log({
      kind: 'forward',
      text: `${what} ${request.EvseID} for ${request.ProviderID} → ${'endpoint' in target ? `CPO ${operatorId}` : `simulated charge point of ${operatorId}`}: ${answer.Result ? 'accepted' : `refused ${answer.StatusCode.Code}`} (session ${sessionId})`,
      data: {
        operation,
        sessionId,
        result: answer.Result,
        code: answer.StatusCode.Code,
      },
    })
    return answer
  }

  /** The EMP a session reports go to, if it has an endpoint. */
  const empEndpoint = (providerId: string) => partners.provider(providerId)?.endpoint

  // Reports of one session reach the EMP in the order the CPO sent them (Start before End
  // before the CDR), one at a time; different sessions do not wait for each other.
  const deliveries = new Map<string, Promise<void>>()
  function deliverInOrder(sessionId: string, name: string, task: () => Promise<void>): void {
    const previous = deliveries.get(sessionId) ?? Promise.resolve()
    const next = previous.then(task)
    const settled = next.catch(() => undefined)
    deliveries.set(sessionId, settled)
    hub.background(name, async () => {
      try {
        await next
      } finally {
        if (deliveries.get(sessionId) === settled) deliveries.delete(sessionId)
      }
    })
  }

  async function receiveCdr(cdr: S.eRoamingChargeDetailRecord, operatorId: string): Promise<void> {
    const session = sessionFor(cdr.SessionID, { operatorId })
    if (!evseBelongsTo(cdr.EvseID, operatorId)) refuse('018', `EvseID is inconsistent: ${cdr.EvseID} is not of operator ${operatorId}`)
    await ledger.commit({
      kind: 'cdr',
      at: 0,
      cdr,
      providerId: session.providerId,
      operatorId,
    })
    await setState(session, 'ended')
    const endpoint = empEndpoint(session.providerId)
    hub.log({
      kind: 'cdr',
      text: `ChargeDetailRecord for session ${cdr.SessionID} at ${cdr.EvseID}: ${cdr.ConsumedEnergy} kWh, for ${session.providerId}${endpoint ? '' : ' (kept for GetChargeDetailRecords)'}`,
      data: { sessionId: cdr.SessionID, providerId: session.providerId },
    })
    if (!endpoint) return
    deliverInOrder(cdr.SessionID, `CDR ${cdr.SessionID} to ${session.providerId}`, async () => {
      const f = await forwarder.send<Ack>(endpoint, 'eRoamingChargeDetailRecord', 'eRoamingChargeDetailRecord', cdr, { OperatorID: operatorId })
      const delivered = f.ok && f.value.Result
      if (delivered)
        await ledger.commit({
          kind: 'cdrForwarded',
          at: 0,
          sessionId: cdr.SessionID,
        })
      hub.log({
        kind: 'forward',
        text: `CDR ${cdr.SessionID} → EMP ${session.providerId}: ${delivered ? 'delivered' : `not delivered (${f.ok ? f.value.StatusCode.Code : `${f.code} ${f.reason}`}); the EMP can fetch it`}`,
        data: { sessionId: cdr.SessionID, delivered },
      })
    })
  }

  async function receiveNotification(n: Notification): Promise<void> {
    const session = sessionFor(n.SessionID, { operatorId: n.OperatorID }, n.EvseID)
    if (n.Type === 'Start') await setState(session, 'started')
    if (n.Type === 'End') await setState(session, 'stopped')
    const endpoint = empEndpoint(session.providerId)
    hub.log({
      kind: 'notification',
      text: `ChargingNotification ${n.Type} for session ${n.SessionID} at ${n.EvseID}`,
      data: { type: n.Type, sessionId: n.SessionID },
    })
    if (!endpoint) return
    deliverInOrder(n.SessionID, `notification ${n.Type} ${n.SessionID}`, async () => {
      const f = await forwarder.send<Ack>(endpoint, 'eRoamingChargingNotifications', `eRoamingChargingNotification${n.Type}`, n)
      if (!f.ok || !f.value.Result)
        hub.log({
          kind: 'forward',
          text: `ChargingNotification ${n.Type} ${n.SessionID} → EMP ${session.providerId}: not delivered (${f.ok ? f.value.StatusCode.Code : `${f.code} ${f.reason}`})`,
        })
    })
  }

  /** EMPs to ask about an identification the hub's data does not know: the one its EvcoID names, else all with an endpoint. */
  function empsFor(identification: S.Identification): PartnerConfig[] {
    const evco = evcoIdOf(identification)
    if (evco) {
      const p = partners.provider(providerKeyOfEvco(evco))
      return p?.endpoint ? [p] : []
    }
    return partners.providersWithEndpoints()
  }

  const handlers: ChargingHandlers = {
    async authorizeStart(request, { params }) {
      samePartner('OperatorID', params.OperatorID, request.OperatorID)
      const sessionId = request.SessionID ?? randomUUID()
      // A SessionID the CPO brings may be one the hub gave it (a reservation it now charges
      // under); never one of another operator's sessions, nor one at another EVSE.
      const existing = store.sessions.get(sessionId)
      const elsewhere = existing?.evseId !== undefined && request.EvseID !== undefined && evseKey(existing.evseId) !== evseKey(request.EvseID)
      if (existing && (!sameId('OperatorID', existing.operatorId, request.OperatorID) || elsewhere)) return notAuthorized<S.eRoamingAuthorizationStart>('400', `The session is not valid: ${sessionId}`, sessionId)
      const key = identificationKey(request.Identification)
      const base = {
        OperatorID: request.OperatorID,
        EvseID: request.EvseID,
        identification: request.Identification,
        cpoPartnerSessionId: request.CPOPartnerSessionID,
        empPartnerSessionId: request.EMPPartnerSessionID,
      }
      const echo = {
        ...(request.CPOPartnerSessionID ? { CPOPartnerSessionID: request.CPOPartnerSessionID } : {}),
        ...(request.EMPPartnerSessionID ? { EMPPartnerSessionID: request.EMPPartnerSessionID } : {}),
      }
      const start = async (providerId: string, byHub: boolean) => {
        const now = Date.now()
        await saveSession({
          sessionId,
          operatorId: base.OperatorID,
          providerId,
          evseId: base.EvseID ?? existing?.evseId,
          identification: base.identification,
          origin: 'authorizeStart',
          authorizedByHub: byHub,
          state: 'authorized',
          cpoPartnerSessionId: base.cpoPartnerSessionId,
          empPartnerSessionId: base.empPartnerSessionId,
          created: now,
          updated: now,
        })
      }
      // Offline authorization: the hub answers from pushed authentication data.
      let wrongPin = false
      for (const held of store.authData.values()) {
        const record = key === undefined ? undefined : held.records.get(key)
        if (!record) continue
        if (!(await authorizesOffline(record, request.Identification))) {
          wrongPin ||= request.Identification.QRCodeIdentification !== undefined
          continue
        }
        await start(held.providerId, true)
        hub.log({
          kind: 'authorize',
          text: `AuthorizeStart at ${request.EvseID ?? request.OperatorID}: Authorized by ${held.providerId}'s authentication data (session ${sessionId})`,
          data: { sessionId },
        })
        return {
          SessionID: sessionId,
          ...echo,
          ProviderID: held.providerId,
          AuthorizationStatus: 'Authorized',
          StatusCode: { Code: '000' },
        }
      }
      // Online authorization: ask the EMP(s).
      let last: S.eRoamingAuthorizationStart | undefined
      for (const emp of empsFor(request.Identification)) {
        const f = await forwarder.send<S.eRoamingAuthorizationStart>(
          emp.endpoint!,
          'eRoamingAuthorizeStart',
          'eRoamingAuthorizeStart',
          { ...request, SessionID: sessionId },
          { OperatorID: request.OperatorID },
        )
        if (!f.ok) {
          last = notAuthorized(f.code, f.code === '310' ? `The partner gave no answer: ${f.reason}` : `The service cannot be reached: ${f.reason}`, sessionId, echo)
          continue
        }
        if (f.value.AuthorizationStatus === 'Authorized') {
          await start(f.value.ProviderID ?? emp.providerIds![0]!, false)
          hub.log({
            kind: 'authorize',
            text: `AuthorizeStart at ${request.EvseID ?? request.OperatorID}: Authorized by EMP ${emp.name} (session ${sessionId})`,
            data: { sessionId },
          })
          return { ...f.value, SessionID: sessionId }
        }
        last = { ...f.value, SessionID: sessionId }
      }
      const answer =
        last ??
        (wrongPin
          ? notAuthorized<S.eRoamingAuthorizationStart>('101', 'QR code authentication failed: invalid credentials', sessionId, echo)
          : undefined) ??
        (evcoIdOf(request.Identification) && !partners.provider(providerKeyOfEvco(evcoIdOf(request.Identification)!))
          ? notAuthorized<S.eRoamingAuthorizationStart>('300', 'The partner is not known: no EMP for this EvcoID', sessionId, echo)
          : notAuthorized<S.eRoamingAuthorizationStart>(
              key?.startsWith('uid:') ? '102' : '210',
              key?.startsWith('uid:') ? 'RFID authentication failed: the UID is not known' : 'There is no valid contract',
              sessionId,
              echo,
            ))
      hub.log({
        kind: 'authorize',
        text: `AuthorizeStart at ${request.EvseID ?? request.OperatorID}: NotAuthorized (${answer.StatusCode.Code})`,
        data: { sessionId },
      })
      return answer
    },

    async authorizeStop(request, { params }) {
      samePartner('OperatorID', params.OperatorID, request.OperatorID)
      const s = store.sessions.get(request.SessionID)
      if (!s || !sameId('OperatorID', s.operatorId, request.OperatorID)) return notAuthorized<S.eRoamingAuthorizationStop>('400', `The session is not valid: ${request.SessionID}`, request.SessionID)
      const endpoint = s.authorizedByHub ? undefined : empEndpoint(s.providerId)
      let answer: S.eRoamingAuthorizationStop
      if (endpoint) {
        const f = await forwarder.send<S.eRoamingAuthorizationStop>(endpoint, 'eRoamingAuthorizeStop', 'eRoamingAuthorizeStop', request, { OperatorID: request.OperatorID })
        answer = f.ok ? { ...f.value, SessionID: s.sessionId } : notAuthorized(f.code, `The partner could not be asked: ${f.reason}`, s.sessionId)
      } else {
        // The hub decided the start, so it decides the stop: the same identification, or one of the EMP's.
        const key = identificationKey(request.Identification)
        const same = key !== undefined && (key === (s.identification && identificationKey(s.identification)) || store.authData.get(providerKey(s.providerId))?.records.has(key) === true)
        answer = same
          ? {
              SessionID: s.sessionId,
              ProviderID: s.providerId,
              AuthorizationStatus: 'Authorized',
              StatusCode: { Code: '000' },
            }
          : notAuthorized('210', 'There is no valid contract: this identification did not start the session', s.sessionId)
      }
      if (answer.AuthorizationStatus === 'Authorized') await setState(s, 'stopped')
      hub.log({
        kind: 'authorize',
        text: `AuthorizeStop for session ${s.sessionId}: ${answer.AuthorizationStatus}`,
        data: { sessionId: s.sessionId, status: answer.AuthorizationStatus },
      })
      return answer
    },

    async authorizeRemoteStart(request, { params }) {
      samePartner('ProviderID', params.ProviderID, request.ProviderID)
      const session = requestedSession(request, 'remoteStart')
      const { sessionId, operatorId } = session
      // Known before the CPO hears of it: its first notification may come before its answer.
      await saveSession(session)
      const forwarded = { ...request, SessionID: sessionId }
      const answer = await toChargePoint('AuthorizeRemoteStart', 'eRoamingAuthorizeRemoteStart', request, sessionId, operatorId, () => simulator.remoteStart(forwarded, operatorId))
      await setState(session, answer.Result ? 'authorized' : 'cancelled')
      return answer
    },

    async authorizeRemoteStop(request, { params }) {
      samePartner('ProviderID', params.ProviderID, request.ProviderID)
      const s = sessionFor(request.SessionID, { providerId: request.ProviderID }, request.EvseID)
      const answer = await toChargePoint('AuthorizeRemoteStop', 'eRoamingAuthorizeRemoteStop', request, s.sessionId, s.operatorId, () => simulator.remoteStop(request, s.operatorId))
      if (answer.Result) await setState(s, 'stopped')
      return answer
    },

    async authorizeRemoteReservationStart(request, { params }) {
      samePartner('ProviderID', params.ProviderID, request.ProviderID)
      const session = requestedSession(request, 'reservation')
      const { sessionId, operatorId } = session
      await saveSession(session)
      const forwarded = { ...request, SessionID: sessionId }
      const answer = await toChargePoint('AuthorizeRemoteReservationStart', 'eRoamingAuthorizeRemoteReservationStart', request, sessionId, operatorId, () =>
        simulator.reservationStart(forwarded, operatorId),
      )
      await setState(session, answer.Result ? 'reserved' : 'cancelled')
      return answer
    },

    async authorizeRemoteReservationStop(request, { params }) {
      samePartner('ProviderID', params.ProviderID, request.ProviderID)
      const s = sessionFor(request.SessionID, { providerId: request.ProviderID }, request.EvseID)
      const answer = await toChargePoint('AuthorizeRemoteReservationStop', 'eRoamingAuthorizeRemoteReservationStop', request, s.sessionId, s.operatorId, () =>
        simulator.reservationStop(request, s.operatorId),
      )
      if (answer.Result) await setState(s, 'cancelled')
      return answer
    },

    async chargeDetailRecord(request, { params }) {
      requireExact('eRoamingChargeDetailRecord', request)
      await receiveCdr(request, params.OperatorID)
      return ok({ SessionID: request.SessionID })
    },

    async chargingNotifications(request) {
      requireExact(`eRoamingChargingNotification${request.Type}`, request)
      await receiveNotification(request)
      return ok({ SessionID: request.SessionID })
    },

    getChargeDetailRecords(request, { params, query }) {
      samePartner('ProviderID', params.ProviderID, request.ProviderID)
      const from = Date.parse(request.From)
      const to = Date.parse(request.To)
      const provider = providerKey(request.ProviderID)
      const sessions = request.SessionID && new Set(request.SessionID)
      const selected = [...store.cdrs.values()]
        .filter(
          (e) =>
            e.providerKey === provider &&
            e.received >= from &&
            e.received <= to &&
            (!sessions || sessions.has(e.cdr.SessionID)) &&
            (request.OperatorID === undefined || sameId('OperatorID', e.operatorId, request.OperatorID)) &&
            (request.CDRForwarded === undefined || e.forwarded === request.CDRForwarded),
        )
        .sort((a, b) => a.received - b.received)
      const p = page(selected, query)
      return {
        ...p,
        content: p.content.map((e) => e.cdr),
        empty: p.content.length === 0,
        StatusCode: { Code: '000' },
      }
    },
  }

  return {
    handlers,
    reports: {
      chargeDetailRecord: receiveCdr,
      notification: receiveNotification,
    },
  }
}
