// What CPOs report about a session (charging notifications, the CDR): kept, the session
// moved on, and passed to the EMP when it has an endpoint. A CDR the EMP does not take
// stays for GetChargeDetailRecords.
import type * as S from 'oicp/2.3/schemas'
import { InProcessQueue } from 'oicp/runtime'
import type { CpoReports, Notification } from './charge-point.js'
import { refuse, type Ack, type HubContext } from './context.js'
import { evseBelongsTo } from './ids.js'
import { sessionFor, setSessionState } from './sessions.js'

export function sessionReports(hub: HubContext): CpoReports {
  const { ledger, partners, forwarder } = hub
  const store = ledger.store

  // Reports of one session reach the EMP in the order the CPO sent them (Start before End
  // before the CDR), one at a time; different sessions do not wait for each other.
  const deliveries = new InProcessQueue()
  const deliverInOrder = (sessionId: string, name: string, task: () => Promise<void>) =>
    hub.background(name, () => deliveries.run(sessionId, task))

  async function chargeDetailRecord(cdr: S.eRoamingChargeDetailRecord, operatorId: string): Promise<void> {
    const session = sessionFor(store, cdr.SessionID, { operatorId })
    if (!evseBelongsTo(cdr.EvseID, operatorId))
      refuse('018', `EvseID is inconsistent: ${cdr.EvseID} is not of operator ${operatorId}`)
    await ledger.commit({ kind: 'cdr', at: 0, cdr, providerId: session.providerId, operatorId })
    await setSessionState(ledger, session, 'ended')
    const endpoint = partners.provider(session.providerId)?.endpoint
    hub.log({
      kind: 'cdr',
      text: `ChargeDetailRecord for session ${cdr.SessionID} at ${cdr.EvseID}: ${cdr.ConsumedEnergy} kWh, for ${session.providerId}${endpoint ? '' : ' (kept for GetChargeDetailRecords)'}`,
      data: { sessionId: cdr.SessionID, providerId: session.providerId },
    })
    if (!endpoint) return
    deliverInOrder(cdr.SessionID, `CDR ${cdr.SessionID} to ${session.providerId}`, async () => {
      const operation = 'eRoamingChargeDetailRecord'
      const f = await forwarder.send<Ack>(endpoint, operation, operation, cdr, { OperatorID: operatorId })
      const delivered = f.ok && f.value.Result
      if (delivered) await ledger.commit({ kind: 'cdrForwarded', at: 0, sessionId: cdr.SessionID })
      const why = f.ok ? f.value.StatusCode.Code : `${f.code} ${f.reason}`
      hub.log({
        kind: 'forward',
        text: `CDR ${cdr.SessionID} → EMP ${session.providerId}: ${delivered ? 'delivered' : `not delivered (${why}); the EMP can fetch it`}`,
        data: { sessionId: cdr.SessionID, delivered },
      })
    })
  }

  async function notification(n: Notification): Promise<void> {
    const session = sessionFor(store, n.SessionID, { operatorId: n.OperatorID }, n.EvseID)
    if (n.Type === 'Start') await setSessionState(ledger, session, 'started')
    if (n.Type === 'End') await setSessionState(ledger, session, 'stopped')
    const endpoint = partners.provider(session.providerId)?.endpoint
    hub.log({
      kind: 'notification',
      text: `ChargingNotification ${n.Type} for session ${n.SessionID} at ${n.EvseID}`,
      data: { type: n.Type, sessionId: n.SessionID },
    })
    if (!endpoint) return
    deliverInOrder(n.SessionID, `notification ${n.Type} ${n.SessionID}`, async () => {
      const f = await forwarder.send<Ack>(
        endpoint,
        'eRoamingChargingNotifications',
        `eRoamingChargingNotification${n.Type}`,
        n,
      )
      if (!f.ok || !f.value.Result)
        hub.log({
          kind: 'forward',
          text: `ChargingNotification ${n.Type} ${n.SessionID} → EMP ${session.providerId}: not delivered (${f.ok ? f.value.StatusCode.Code : `${f.code} ${f.reason}`})`,
        })
    })
  }

  return { chargeDetailRecord, notification }
}
