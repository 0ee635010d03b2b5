// CPOs' authorizations: AuthorizeStart answered from pushed authentication data when the
// hub holds the identification (offline), else by asking the EMP(s) (online); AuthorizeStop
// decided by whoever decided the start. The hub gives every authorized start its SessionID.
import { randomUUID } from 'node:crypto'
import type { HubHandlers } from 'oicp/2.3'
import type * as S from 'oicp/2.3/schemas'
import { negativeAck } from 'oicp/runtime'
import { samePartner, type HubContext } from './context.js'
import { unansweredDescription } from './forward.js'
import { evcoIdOf, evseKey, identificationKey, providerKey, providerKeyOfEvco, sameId } from './ids.js'
import { offlineAuthorization } from './offline-auth.js'
import type { PartnerConfig } from './partners.js'
import { saveSession, setSessionState } from './sessions.js'

export type AuthorizationHandlers = Pick<HubHandlers, 'authorizeStart' | 'authorizeStop'>

type AuthorizationStart = S.eRoamingAuthorizationStart
type AuthorizationStop = S.eRoamingAuthorizationStop
type Code = S.StatusCode['Code']

function notAuthorized<T extends AuthorizationStart | AuthorizationStop>(
  code: Code,
  description: string,
  sessionId: string | undefined,
  extra: Partial<T> = {},
): T {
  return {
    ...(sessionId ? { SessionID: sessionId } : {}),
    ...extra,
    AuthorizationStatus: 'NotAuthorized',
    StatusCode: negativeAck(code, description).StatusCode,
  } as T
}

export function authorizationHandlers(hub: HubContext): AuthorizationHandlers {
  const { ledger, partners, forwarder } = hub
  const store = ledger.store

  /** EMPs to ask about an identification the hub's data does not know: the one its EvcoID names, else all with an endpoint. */
  function empsFor(identification: S.Identification): PartnerConfig[] {
    const evco = evcoIdOf(identification)
    if (evco) {
      const p = partners.provider(providerKeyOfEvco(evco))
      return p?.endpoint ? [p] : []
    }
    return partners.providersWithEndpoints()
  }

  /** Why nobody authorized: the last EMP's answer, else what the hub can tell of the identification. */
  function refusal(
    request: S.eRoamingAuthorizeStart,
    sessionId: string,
    echo: Partial<AuthorizationStart>,
    wrongPin: boolean,
  ): AuthorizationStart {
    if (wrongPin) return notAuthorized('101', 'QR code authentication failed: invalid credentials', sessionId, echo)
    const evco = evcoIdOf(request.Identification)
    if (evco && !partners.provider(providerKeyOfEvco(evco)))
      return notAuthorized('300', 'The partner is not known: no EMP for this EvcoID', sessionId, echo)
    return identificationKey(request.Identification)?.startsWith('uid:')
      ? notAuthorized('102', 'RFID authentication failed: the UID is not known', sessionId, echo)
      : notAuthorized('210', 'There is no valid contract', sessionId, echo)
  }

  return {
    async authorizeStart(request, { params }) {
      samePartner('OperatorID', params.OperatorID, request.OperatorID)
      const sessionId = request.SessionID ?? randomUUID()
      // A SessionID the CPO brings may be one the hub gave it (a reservation it now charges
      // under); never one of another operator's sessions, nor one at another EVSE.
      const existing = store.sessions.get(sessionId)
      const elsewhere =
        existing?.evseId !== undefined &&
        request.EvseID !== undefined &&
        evseKey(existing.evseId) !== evseKey(request.EvseID)
      if (existing && (!sameId('OperatorID', existing.operatorId, request.OperatorID) || elsewhere))
        return notAuthorized<AuthorizationStart>('400', `The session is not valid: ${sessionId}`, sessionId)
      const echo = {
        ...(request.CPOPartnerSessionID ? { CPOPartnerSessionID: request.CPOPartnerSessionID } : {}),
        ...(request.EMPPartnerSessionID ? { EMPPartnerSessionID: request.EMPPartnerSessionID } : {}),
      }
      const at = request.EvseID ?? request.OperatorID
      const start = async (providerId: string, byHub: boolean) => {
        const now = Date.now()
        await saveSession(ledger, {
          sessionId,
          operatorId: request.OperatorID,
          providerId,
          evseId: request.EvseID ?? existing?.evseId,
          identification: request.Identification,
          origin: 'authorizeStart',
          authorizedByHub: byHub,
          state: 'authorized',
          cpoPartnerSessionId: request.CPOPartnerSessionID,
          empPartnerSessionId: request.EMPPartnerSessionID,
          created: now,
          updated: now,
        })
      }
      const offline = await offlineAuthorization(store, request.Identification)
      if (offline.providerId !== undefined) {
        await start(offline.providerId, true)
        hub.log({
          kind: 'authorize',
          text: `AuthorizeStart at ${at}: Authorized by ${offline.providerId}'s authentication data (session ${sessionId})`,
          data: { sessionId },
        })
        return {
          SessionID: sessionId,
          ...echo,
          ProviderID: offline.providerId,
          AuthorizationStatus: 'Authorized',
          StatusCode: { Code: '000' },
        }
      }
      // Online authorization: ask the EMP(s).
      let last: AuthorizationStart | undefined
      for (const emp of empsFor(request.Identification)) {
        const f = await forwarder.send<AuthorizationStart>(
          emp.endpoint!,
          'eRoamingAuthorizeStart',
          'eRoamingAuthorizeStart',
          { ...request, SessionID: sessionId },
          { OperatorID: request.OperatorID },
        )
        if (!f.ok) {
          last = notAuthorized(f.code, unansweredDescription(f), sessionId, echo)
          continue
        }
        if (f.value.AuthorizationStatus === 'Authorized') {
          await start(f.value.ProviderID ?? emp.providerIds![0]!, false)
          hub.log({
            kind: 'authorize',
            text: `AuthorizeStart at ${at}: Authorized by EMP ${emp.name} (session ${sessionId})`,
            data: { sessionId },
          })
          return { ...f.value, SessionID: sessionId }
        }
        last = { ...f.value, SessionID: sessionId }
      }
      const answer = last ?? refusal(request, sessionId, echo, offline.wrongPin)
      hub.log({
        kind: 'authorize',
        text: `AuthorizeStart at ${at}: NotAuthorized (${answer.StatusCode.Code})`,
        data: { sessionId },
      })
      return answer
    },

    async authorizeStop(request, { params }) {
      samePartner('OperatorID', params.OperatorID, request.OperatorID)
      const s = store.sessions.get(request.SessionID)
      if (!s || !sameId('OperatorID', s.operatorId, request.OperatorID))
        return notAuthorized<AuthorizationStop>(
          '400',
          `The session is not valid: ${request.SessionID}`,
          request.SessionID,
        )
      const endpoint = s.authorizedByHub ? undefined : partners.provider(s.providerId)?.endpoint
      let answer: AuthorizationStop
      if (endpoint) {
        const operation = 'eRoamingAuthorizeStop'
        const f = await forwarder.send<AuthorizationStop>(endpoint, operation, operation, request, {
          OperatorID: request.OperatorID,
        })
        answer = f.ok
          ? { ...f.value, SessionID: s.sessionId }
          : notAuthorized(f.code, `The partner could not be asked: ${f.reason}`, s.sessionId)
      } else {
        // The hub decided the start, so it decides the stop: the same identification, or one of the EMP's.
        const key = identificationKey(request.Identification)
        const same =
          key !== undefined &&
          (key === (s.identification && identificationKey(s.identification)) ||
            store.authData.get(providerKey(s.providerId))?.records.has(key) === true)
        answer = same
          ? {
              SessionID: s.sessionId,
              ProviderID: s.providerId,
              AuthorizationStatus: 'Authorized',
              StatusCode: { Code: '000' },
            }
          : notAuthorized(
              '210',
              'There is no valid contract: this identification did not start the session',
              s.sessionId,
            )
      }
      if (answer.AuthorizationStatus === 'Authorized') await setSessionState(ledger, s, 'stopped')
      hub.log({
        kind: 'authorize',
        text: `AuthorizeStop for session ${s.sessionId}: ${answer.AuthorizationStatus}`,
        data: { sessionId: s.sessionId, status: answer.AuthorizationStatus },
      })
      return answer
    },
  }
}
