// What stands on either side of the hub's charging routing: the charge point an EMP's
// remote request is passed to (a CPO's server, or the simulator), and the reports a CPO
// sends back about a session.
import type * as S from 'oicp/2.3/schemas'
import type { Ack } from './context.js'

export type Notification =
  | S.eRoamingChargingNotificationStart
  | S.eRoamingChargingNotificationProgress
  | S.eRoamingChargingNotificationEnd
  | S.eRoamingChargingNotificationError

/** What a charge point does when the hub passes it a request: a partner's server, or the simulator. */
export interface ChargePoint {
  remoteStart(request: S.eRoamingAuthorizeRemoteStart & { SessionID: string }, operatorId: string): Promise<Ack>
  remoteStop(request: S.eRoamingAuthorizeRemoteStop, operatorId: string): Promise<Ack>
  reservationStart(
    request: S.eRoamingAuthorizeRemoteReservationStart & { SessionID: string },
    operatorId: string,
  ): Promise<Ack>
  reservationStop(request: S.eRoamingAuthorizeRemoteReservationStop, operatorId: string): Promise<Ack>
}

/** What the simulator needs from the routing: report like a CPO does. */
export interface CpoReports {
  chargeDetailRecord(cdr: S.eRoamingChargeDetailRecord, operatorId: string): Promise<void>
  notification(notification: Notification): Promise<void>
}
