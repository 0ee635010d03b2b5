// The charging side of the hub, put together: authorizations from CPOs (authorization.ts),
// remote starts, stops and reservations from EMPs (remote-requests.ts), what CPOs report
// about a session (session-reports.ts), and the CDRs EMPs fetch (queries.ts). The hub
// gives every process its SessionID and answers for sessions it does not know with 400.
import type { HubHandlers } from 'oicp/2.3'
import { authorizationHandlers } from './authorization.js'
import type { ChargePoint, CpoReports } from './charge-point.js'
import { ok, requireExact, samePartner, type HubContext } from './context.js'
import { pullChargeDetailRecords } from './queries.js'
import { remoteHandlers } from './remote-requests.js'
import { sessionReports } from './session-reports.js'

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

export function chargingRouting(
  hub: HubContext,
  chargePoint: ChargePoint,
): { handlers: ChargingHandlers; reports: CpoReports } {
  const reports = sessionReports(hub)
  const handlers: ChargingHandlers = {
    ...authorizationHandlers(hub),
    ...remoteHandlers(hub, chargePoint),

    async chargeDetailRecord(request, { params }) {
      requireExact('eRoamingChargeDetailRecord', request)
      await reports.chargeDetailRecord(request, params.OperatorID)
      return ok({ SessionID: request.SessionID })
    },

    async chargingNotifications(request) {
      requireExact(`eRoamingChargingNotification${request.Type}`, request)
      await reports.notification(request)
      return ok({ SessionID: request.SessionID })
    },

    getChargeDetailRecords(request, { params, query }) {
      samePartner('ProviderID', params.ProviderID, request.ProviderID)
      return pullChargeDetailRecords(hub.ledger.store, request, query)
    },
  }
  return { handlers, reports }
}
