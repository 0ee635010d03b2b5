// What the hub holds, and the one way it changes: `apply(op)`. Every change is an Op (a
// push, a new session, a received CDR), so the same ops can be written to the journal,
// replayed after a restart, and applied in memory with the same result. `check(op)` finds
// every reason to refuse an op before anything changes; `apply` then cannot fail.
import { OicpRejection } from 'oicp/runtime'
import type * as S from 'oicp/2.3/schemas'
import { readPosition, type LatLon } from './geo.js'
import { evseBelongsTo, idKey, identificationKey } from './ids.js'

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

/** The order sessions move in; cancelled ends a session that never charged. */
const STATE_RANK: Record<SessionState, number> = {
  requested: 0,
  reserved: 1,
  authorized: 2,
  started: 3,
  stopped: 4,
  ended: 5,
  cancelled: 5,
}

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

/** One piece of state in a snapshot: what `dump` writes and `restore` reads back. */
export type SnapshotItem =
  | { t: 'evse'; entry: EvseEntry }
  | { t: 'operator'; key: string; operatorId: string; name: string }
  | { t: 'status'; entry: StatusEntry }
  | {
      t: 'auth'
      key: string
      providerId: string
      records: S.AuthenticationDataRecord[]
    }
  | { t: 'pricing'; key: string; entry: PricingEntry }
  | { t: 'evsePricing'; key: string; entry: EvsePricingEntry }
  | { t: 'session'; session: Session }
  | { t: 'cdr'; entry: CdrEntry }

function reject(code: string, description: string): never {
  throw new OicpRejection(code, description)
}

function listOf(ids: string[]): string {
  return ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ')
}

/** The ActionType rules shared by every push: insert needs new keys, update existing ones, no key twice. */
function checkAction(action: ActionType, keys: string[], exists: (key: string) => boolean, what: string, shown: (key: string) => string): void {
  const seen = new Set<string>()
  const twice: string[] = []
  for (const k of keys) {
    if (seen.has(k)) twice.push(shown(k))
    seen.add(k)
  }
  if (twice.length > 0) reject('022', `Data error: ${what} given more than once: ${listOf(twice)}`)
  if (action === 'insert') {
    const present = keys.filter(exists)
    if (present.length > 0) reject('022', `Data error: insert of ${what} that exist already (nothing changed): ${listOf(present.map(shown))}`)
  } else if (action === 'update') {
    const missing = keys.filter((k) => !exists(k))
    if (missing.length > 0) reject('022', `Data error: update of ${what} that do not exist (nothing changed): ${listOf(missing.map(shown))}`)
  }
}

export class HubStore {
  readonly evses = new Map<string, EvseEntry>()
  readonly operatorNames = new Map<string, { operatorId: string; name: string }>()
  readonly statuses = new Map<string, StatusEntry>()
  readonly authData = new Map<string, { providerId: string; records: Map<string, S.AuthenticationDataRecord> }>()
  readonly pricingProducts = new Map<string, PricingEntry>()
  readonly evsePricing = new Map<string, EvsePricingEntry>()
  readonly sessions = new Map<string, Session>()
  readonly cdrs = new Map<string, CdrEntry>()
  /** EVSE keys in EvseID order (deleted ones included), rebuilt after a new key arrives. */
  #order: string[] | undefined

  /** EVSE data keys in EvseID order: the order of every page. */
  evseOrder(): readonly string[] {
    if (!this.#order) this.#order = [...this.evses.keys()].sort()
    return this.#order
  }

  /** Everything held, as snapshot items. */
  *dump(): Generator<SnapshotItem> {
    for (const [key, v] of this.operatorNames) yield { t: 'operator', key, operatorId: v.operatorId, name: v.name }
    for (const entry of this.evses.values()) yield { t: 'evse', entry }
    for (const entry of this.statuses.values()) yield { t: 'status', entry }
    for (const [key, v] of this.authData)
      yield {
        t: 'auth',
        key,
        providerId: v.providerId,
        records: [...v.records.values()],
      }
    for (const [key, entry] of this.pricingProducts) yield { t: 'pricing', key, entry }
    for (const [key, entry] of this.evsePricing) yield { t: 'evsePricing', key, entry }
    for (const session of this.sessions.values()) yield { t: 'session', session }
    for (const entry of this.cdrs.values()) yield { t: 'cdr', entry }
  }

  /** Puts back one snapshot item. */
  restore(item: SnapshotItem): void {
    switch (item.t) {
      case 'operator':
        this.operatorNames.set(item.key, {
          operatorId: item.operatorId,
          name: item.name,
        })
        return
      case 'evse':
        this.evses.set(item.entry.key, item.entry)
        this.#order = undefined
        return
      case 'status':
        this.statuses.set(item.entry.key, item.entry)
        return
      case 'auth':
        this.authData.set(item.key, {
          providerId: item.providerId,
          records: new Map(item.records.map((r) => [identificationKey(r.Identification) ?? '', r])),
        })
        return
      case 'pricing':
        this.pricingProducts.set(item.key, item.entry)
        return
      case 'evsePricing':
        this.evsePricing.set(item.key, item.entry)
        return
      case 'session':
        this.sessions.set(item.session.sessionId, item.session)
        return
      case 'cdr':
        this.cdrs.set(item.entry.cdr.SessionID, item.entry)
        return
    }
  }

  /** Throws OicpRejection when the op must be refused; changes nothing. */
  check(op: Op): void {
    switch (op.kind) {
      case 'evseData':
      case 'evseStatus': {
        const foreign = op.records.filter((r) => !evseBelongsTo(r.EvseID, op.operatorId)).map((r) => r.EvseID)
        if (foreign.length > 0) reject('018', `EvseID is inconsistent: not of operator ${op.operatorId}: ${listOf(foreign)}`)
        const keys = op.records.map((r) => idKey(r.EvseID))
        const live = op.kind === 'evseData' ? (k: string) => this.evses.get(k)?.deleted === false : (k: string) => this.statuses.has(k)
        checkAction(op.action, keys, live, op.kind === 'evseData' ? 'EVSE data records' : 'EVSE status records', (k) => op.records[keys.indexOf(k)]!.EvseID)
        return
      }
      case 'authData': {
        const keys = op.records.map((r) => identificationKey(r.Identification) ?? '')
        const held = this.authData.get(idKey(op.providerId))?.records
        checkAction(
          op.action,
          keys,
          (k) => held?.has(k) ?? false,
          'authentication records',
          (k) => k.replace(/^\w+:/, ''),
        )
        return
      }
      case 'pricingProducts': {
        const key = pricingKey(op.data.OperatorID, op.data.ProviderID)
        const held = this.pricingProducts.get(key)?.data.PricingProductDataRecords
        const ids = op.data.PricingProductDataRecords.map((r) => r.ProductID)
        checkAction(
          op.action,
          ids,
          (id) => held?.some((r) => r.ProductID === id) ?? false,
          'pricing products',
          (id) => id,
        )
        return
      }
      case 'evsePricing': {
        const foreign = op.records.filter((r) => !evseBelongsTo(r.EvseID, op.operatorId)).map((r) => r.EvseID)
        if (foreign.length > 0) reject('018', `EvseID is inconsistent: not of operator ${op.operatorId}: ${listOf(foreign)}`)
        const keys = op.records.map((r) => evsePricingKey(r.EvseID, r.ProviderID))
        checkAction(
          op.action,
          keys,
          (k) => this.evsePricing.has(k),
          'EVSE pricing records',
          (k) => k.replace('|', ' for '),
        )
        return
      }
      case 'cdr':
        if (this.cdrs.has(op.cdr.SessionID)) reject('022', `Data error: a charge detail record for session ${op.cdr.SessionID} was received already`)
        return
      case 'session':
      case 'sessionState':
      case 'cdrForwarded':
        return
    }
  }

  /** Applies a checked op. */
  apply(op: Op): void {
    switch (op.kind) {
      case 'evseData':
        return this.applyEvseData(op)
      case 'evseStatus':
        return this.applyEvseStatus(op)
      case 'authData':
        return this.applyAuthData(op)
      case 'pricingProducts':
        return this.applyPricingProducts(op)
      case 'evsePricing':
        return this.applyEvsePricing(op)
      case 'session':
        this.sessions.set(op.session.sessionId, op.session)
        return
      case 'sessionState': {
        const session = this.sessions.get(op.sessionId)
        if (session && STATE_RANK[op.state] > STATE_RANK[session.state])
          this.sessions.set(op.sessionId, {
            ...session,
            state: op.state,
            updated: op.at,
          })
        return
      }
      case 'cdr':
        this.cdrs.set(op.cdr.SessionID, {
          cdr: op.cdr,
          providerKey: idKey(op.providerId),
          operatorId: op.operatorId,
          received: op.at,
          forwarded: false,
        })
        return
      case 'cdrForwarded': {
        const entry = this.cdrs.get(op.sessionId)
        if (entry) entry.forwarded = true
        return
      }
    }
  }

  private applyEvseData(op: Extract<Op, { kind: 'evseData' }>): void {
    const operatorKey = idKey(op.operatorId)
    this.operatorNames.set(operatorKey, {
      operatorId: op.operatorId,
      name: op.operatorName,
    })
    const given = new Set<string>()
    for (const pushed of op.records) {
      const key = idKey(pushed.EvseID)
      given.add(key)
      const { deltaType: _d, lastUpdate: _l, ...record } = pushed
      const old = this.evses.get(key)
      if (op.action === 'delete') {
        if (old && !old.deleted) Object.assign(old, { deleted: true, updated: op.at })
        continue
      }
      // A fullLoad repeats unchanged records: they keep their version, so delta pulls stay small.
      if (old && !old.deleted && JSON.stringify(old.record) === JSON.stringify(record)) continue
      if (!old) this.#order = undefined
      const created = old && !old.deleted ? old.created : op.at
      this.evses.set(key, {
        key,
        operatorKey,
        record,
        created,
        updated: op.at,
        deleted: false,
        position: readPosition(record.GeoCoordinates),
      })
    }
    if (op.action === 'fullLoad') {
      for (const entry of this.evses.values()) {
        if (entry.operatorKey === operatorKey && !entry.deleted && !given.has(entry.key)) Object.assign(entry, { deleted: true, updated: op.at })
      }
    }
  }

  private applyEvseStatus(op: Extract<Op, { kind: 'evseStatus' }>): void {
    const operatorKey = idKey(op.operatorId)
    if (op.operatorName)
      this.operatorNames.set(operatorKey, {
        operatorId: op.operatorId,
        name: op.operatorName,
      })
    else if (!this.operatorNames.has(operatorKey))
      this.operatorNames.set(operatorKey, {
        operatorId: op.operatorId,
        name: op.operatorId,
      })
    if (op.action === 'fullLoad') for (const [key, entry] of this.statuses) if (entry.operatorKey === operatorKey) this.statuses.delete(key)
    for (const r of op.records) {
      const key = idKey(r.EvseID)
      if (op.action === 'delete') this.statuses.delete(key)
      else
        this.statuses.set(key, {
          key,
          evseId: r.EvseID,
          operatorKey,
          status: r.EvseStatus,
          updated: op.at,
        })
    }
  }

  private applyAuthData(op: Extract<Op, { kind: 'authData' }>): void {
    const providerKey = idKey(op.providerId)
    let held = this.authData.get(providerKey)
    if (!held || op.action === 'fullLoad') this.authData.set(providerKey, (held = { providerId: op.providerId, records: new Map() }))
    for (const r of op.records) {
      const key = identificationKey(r.Identification)
      if (key === undefined) continue
      if (op.action === 'delete') held.records.delete(key)
      else held.records.set(key, r)
    }
  }

  private applyPricingProducts(op: Extract<Op, { kind: 'pricingProducts' }>): void {
    const key = pricingKey(op.data.OperatorID, op.data.ProviderID)
    const held = this.pricingProducts.get(key)
    if (op.action === 'fullLoad' || !held) {
      if (op.action !== 'delete') this.pricingProducts.set(key, { data: op.data, updated: op.at })
      return
    }
    const ids = new Set(op.data.PricingProductDataRecords.map((r) => r.ProductID))
    const kept = held.data.PricingProductDataRecords.filter((r) => !ids.has(r.ProductID))
    const records = op.action === 'delete' ? kept : [...kept, ...op.data.PricingProductDataRecords]
    // The header (default price, currency, names) follows the latest push.
    this.pricingProducts.set(key, {
      data: {
        ...(op.action === 'delete' ? held.data : op.data),
        PricingProductDataRecords: records,
      },
      updated: op.at,
    })
  }

  private applyEvsePricing(op: Extract<Op, { kind: 'evsePricing' }>): void {
    const operatorKey = idKey(op.operatorId)
    if (op.action === 'fullLoad') for (const [key, entry] of this.evsePricing) if (idKey(entry.operatorId) === operatorKey) this.evsePricing.delete(key)
    for (const r of op.records) {
      const key = evsePricingKey(r.EvseID, r.ProviderID)
      if (op.action === 'delete') this.evsePricing.delete(key)
      else
        this.evsePricing.set(key, {
          operatorId: op.operatorId,
          pricing: r,
          updated: op.at,
        })
    }
  }
}

export function pricingKey(operatorId: string, providerId: string): string {
  return `${idKey(operatorId)}|${providerId === '*' ? '*' : idKey(providerId)}`
}

export function evsePricingKey(evseId: string, providerId: string): string {
  return `${idKey(evseId)}|${providerId === '*' ? '*' : idKey(providerId)}`
}
