// The charging sessions the hub gave a SessionID: kept and moved on through the ledger,
// and looked up for a partner that names one.
import { refuse } from './context.js'
import { evseKey, sameId } from './ids.js'
import type { Ledger } from './ledger.js'
import type { HubStore, Session } from './store.js'

export function saveSession(ledger: Ledger, session: Session): Promise<void> {
  return ledger.commit({ kind: 'session', at: 0, session })
}

/** Moves a session on; the store ignores a state it has passed already. */
export function setSessionState(ledger: Ledger, session: Session, state: Session['state']): Promise<void> {
  return ledger.commit({ kind: 'sessionState', at: 0, sessionId: session.sessionId, state })
}

/** A session the sender may act on: known, its own, and (when given) at this EVSE; 400 otherwise. */
export function sessionFor(
  store: HubStore,
  sessionId: string,
  owner: { providerId?: string; operatorId?: string },
  evseId?: string,
): Session {
  const s = store.sessions.get(sessionId)
  const mine =
    s &&
    (owner.providerId === undefined || sameId('ProviderID', s.providerId, owner.providerId)) &&
    (owner.operatorId === undefined || sameId('OperatorID', s.operatorId, owner.operatorId))
  const elsewhere = s?.evseId !== undefined && evseId !== undefined && evseKey(s.evseId) !== evseKey(evseId)
  if (!s || !mine || elsewhere) refuse('400', `The session is not valid: ${sessionId}`)
  return s
}
