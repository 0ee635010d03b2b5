// What the web view's JSON API and its event stream carry: the one description the
// server and the page (which imports this file at build time) both follow.

/** EVSE states as the map colours them; `none`: no status pushed. The index is the wire code. */
export const STATUSES = [
  'Available',
  'Reserved',
  'Occupied',
  'OutOfService',
  'EvseNotFound',
  'Unknown',
  'none',
] as const
export type StatusName = (typeof STATUSES)[number]

/** Where the API lives, under the view's path. */
export const API = '/_hub/api'

export interface OperatorInfo {
  /** The wire code of points and filters. */
  index: number
  operatorId: string
  name: string
  /** EVSEs with a position on the map. */
  count: number
}

export interface Overview {
  hubUrl: string
  /** Open development mode, or configured partners. */
  open: boolean
  tls: boolean
  /** EVSEs with a position, all operators. */
  mapped: number
  /** False while the map's index is still being read from the database. */
  ready: boolean
  operators: OperatorInfo[]
  /** The box holding every EVSE on the map (world units), to fit the first view to. */
  bounds: [x0: number, y0: number, x1: number, y1: number] | undefined
  traffic: { held: number; capacity: number }
}

/** A cell of the map: the mean position of its EVSEs (world units, 0..1), their number and a count per status (STATUSES order). */
export type Bin = [x: number, y: number, total: number, ...byStatus: number[]]

/** One EVSE on the map: its id, position (world units) and codes of status and operator. */
export type Point = [id: number, x: number, y: number, status: number, operator: number]

export interface MapAnswer {
  /** EVSEs in the box after the filters. */
  total: number
  /** Cells of `cell` world units when there are many EVSEs in the box, else the points themselves. */
  cell: number
  bins?: Bin[]
  points?: Point[]
  /** Server time spent, ms. */
  ms: number
}

export interface EvseListItem {
  id: number
  evseId: string
  name: string | undefined
  city: string | undefined
  status: StatusName
}

export interface EvseList {
  /** EVSEs in the box after the filters (the list shows the first of them). */
  total: number
  items: EvseListItem[]
}

export interface EvseDetail {
  id: number
  evseId: string
  operatorId: string
  operatorName: string
  status: StatusName
  statusUpdated: number | undefined
  lat: number | undefined
  lon: number | undefined
  created: number
  updated: number
  record: unknown
}

/** A validation finding, located by its JSON pointer into the request or the answer. */
export interface Issue {
  severity: 'error' | 'warning'
  where: 'request' | 'answer'
  pointer: string
  message: string
}

/** A body as held: the text (cut at the cap) and its full size. */
export interface Body {
  text: string
  bytes: number
  truncated: boolean
}

/** One request the hub received or sent, and its answer. */
export interface ExchangeSummary {
  id: number
  /** Start, ms since the epoch. */
  at: number
  /** `in`: a partner called the hub; `out`: the hub called a partner (or its simulated charge point). */
  direction: 'in' | 'out'
  /** Who sent the request and who answered it. */
  from: string
  to: string
  /** The OICP operation, e.g. eRoamingPushEvseData, or the path when none matched. */
  operation: string
  serviceVersion: string | undefined
  /** For operations with several request messages: which one (e.g. eRoamingChargingNotificationStart). */
  message: string | undefined
  /** HTTP status of the answer; undefined when none came (the hub or simulator answered in process, or the partner was unreachable). */
  status: number | undefined
  /** Result and StatusCode.Code of the answer, when it has them. */
  result: boolean | undefined
  code: string | undefined
  /** Why there is no usable answer (310/320 forwards). */
  failure: string | undefined
  durationMs: number
  sessionId: string | undefined
  issues: Issue[]
}

export interface ExchangeDetail extends ExchangeSummary {
  request: Body | undefined
  answer: Body | undefined
}

export type SessionState = 'requested' | 'reserved' | 'authorized' | 'started' | 'stopped' | 'ended' | 'cancelled'

export interface SessionSummary {
  sessionId: string
  state: SessionState
  origin: 'remoteStart' | 'reservation' | 'authorizeStart'
  evseId: string | undefined
  operatorId: string
  providerId: string
  created: number
  updated: number
}

/** The stages of a charging process a timeline shows. */
export type Phase = 'authorization' | 'reservation' | 'remote start' | 'notification' | 'stop' | 'CDR' | 'other'

export interface TimelineStep {
  phase: Phase
  exchange: ExchangeDetail
}

export interface SessionTimeline {
  session: SessionSummary
  steps: TimelineStep[]
  /** The CDR as the hub keeps it, if one came. */
  cdr: unknown
  /** False when the session began before this run of the hub, or steps were dropped to stay within bounds: earlier messages are not shown. */
  complete: boolean
}

/** Server-Sent Events of /_hub/api/events, by event name. */
export interface LiveEvents {
  /** Exchanges finished since the last batch, oldest first. */
  exchanges: ExchangeSummary[]
  /** The map's data changed (EVSEs or their status). */
  evses: { mapped: number }
  /** Sessions that changed. */
  sessions: string[]
}
