// What the hub holds, as the code reads it (sessions, EVSE records and status, CDRs and
// pricing, each with the times the hub keeps for versions and LastCall), and the ops that
// change it.
import type * as S from 'oicp/2.3/schemas'
import type { LatLon } from '../geo.js'

export type ActionType = S.ActionType

/** A change of the hub's state. `at` is the hub's time of the change, in ms since the epoch. */
export type Op =
  | {
      kind: 'evseData'
      at: number
      action: ActionType
      operatorId: string
      operatorName: string
      records: S.EvseDataRecord[]
    }
  | {
      kind: 'evseStatus'
      at: number
      action: ActionType
      operatorId: string
      operatorName?: string | undefined
      records: S.EvseStatusRecord[]
    }
  | {
      kind: 'authData'
      at: number
      action: ActionType
      providerId: string
      records: S.AuthenticationDataRecord[]
    }
  | {
      kind: 'pricingProducts'
      at: number
      action: ActionType
      data: S.PricingProductData
    }
  | {
      kind: 'evsePricing'
      at: number
      action: ActionType
      operatorId: string
      records: S.EVSEPricing[]
    }
  | { kind: 'session'; at: number; session: Session }
  /** A session moves on; never back (a late answer must not undo a CDR's "ended"). */
  | { kind: 'sessionState'; at: number; sessionId: string; state: SessionState }
  | {
      kind: 'cdr'
      at: number
      cdr: S.eRoamingChargeDetailRecord
      providerId: string
      operatorId: string
    }
  | { kind: 'cdrForwarded'; at: number; sessionId: string }

export type SessionState = 'requested' | 'reserved' | 'authorized' | 'started' | 'stopped' | 'ended' | 'cancelled'

/** A charging process the hub gave a SessionID. */
export interface Session {
  sessionId: string
  operatorId: string
  providerId: string
  evseId?: string | undefined
  identification?: S.Identification | undefined
  /** How it began: remote start or reservation by the EMP, or AuthorizeStart by the CPO. */
  origin: 'remoteStart' | 'reservation' | 'authorizeStart'
  /** Authorized by the hub from pushed authentication data (then the hub answers AuthorizeStop too). */
  authorizedByHub: boolean
  state: SessionState
  cpoPartnerSessionId?: string | undefined
  empPartnerSessionId?: string | undefined
  created: number
  updated: number
}

export interface EvseEntry {
  key: string
  operatorKey: string
  record: S.EvseDataRecord
  created: number
  updated: number
  deleted: boolean
  position: LatLon | undefined
}

export interface StatusEntry {
  key: string
  evseId: string
  operatorKey: string
  status: S.EvseStatus
  updated: number
}

export interface CdrEntry {
  cdr: S.eRoamingChargeDetailRecord
  providerKey: string
  operatorId: string
  received: number
  forwarded: boolean
}

export interface PricingEntry {
  data: S.PricingProductData
  updated: number
}

export interface EvsePricingEntry {
  operatorId: string
  pricing: S.EVSEPricing
  updated: number
}
