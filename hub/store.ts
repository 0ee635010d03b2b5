// What the hub holds, and the one way it changes: `apply(op)`. Every change is an Op (a
// push, a new session, a received CDR). `check(op)` finds every reason to refuse an op
// before anything changes; `apply` then writes it to the tables, and fails only when the
// database does (the ledger's transaction then undoes all of it).
import type { Database } from 'better-sqlite3'
import { OicpRejection } from 'oicp/runtime'
import { evseBelongsTo, idKey, identificationKey } from './ids.js'
import { evseColumns, sameRecord } from './storage/evse-row.js'
import { PullSelect } from './storage/pull-select.js'
import type { ActionType, Op, SessionState } from './storage/records.js'
import { StateViews } from './storage/state-views.js'
import { Tables } from './storage/tables.js'

export type {
  ActionType,
  CdrEntry,
  EvseEntry,
  EvsePricingEntry,
  Op,
  PricingEntry,
  Session,
  SessionState,
  StatusEntry,
} from './storage/records.js'

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

function reject(code: string, description: string): never {
  throw new OicpRejection(code, description)
}

function listOf(ids: string[]): string {
  return ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ')
}

/** The ActionType rules shared by every push: insert needs new keys, update existing ones, no key twice. */
function checkAction(
  action: ActionType,
  keys: string[],
  exists: (key: string) => boolean,
  what: string,
  shown: (key: string) => string,
): void {
  const seen = new Set<string>()
  const twice: string[] = []
  for (const k of keys) {
    if (seen.has(k)) twice.push(shown(k))
    seen.add(k)
  }
  if (twice.length > 0) reject('022', `Data error: ${what} given more than once: ${listOf(twice)}`)
  if (action === 'insert') {
    const present = keys.filter(exists)
    if (present.length > 0)
      reject('022', `Data error: insert of ${what} that exist already (nothing changed): ${listOf(present.map(shown))}`)
  } else if (action === 'update') {
    const missing = keys.filter((k) => !exists(k))
    if (missing.length > 0)
      reject('022', `Data error: update of ${what} that do not exist (nothing changed): ${listOf(missing.map(shown))}`)
  }
}

/**
 * The hub's state, held in its database: read through views (each read is a query), changed
 * only by `apply`, which the ledger runs inside a transaction after `check`.
 */
export class HubStore extends StateViews {
  /** What pulls select, counted and paged by the database. */
  readonly pulls: PullSelect
  readonly #t: Tables

  constructor(db: Database) {
    super(db)
    this.#t = new Tables(db)
    this.pulls = new PullSelect(db)
  }

  /** The time of the last change held (ms since the epoch). */
  clock(): number {
    return this.#t.clock()
  }

  /** Throws OicpRejection when the op must be refused; changes nothing. */
  check(op: Op): void {
    switch (op.kind) {
      case 'evseData':
      case 'evseStatus': {
        const foreign = op.records.filter((r) => !evseBelongsTo(r.EvseID, op.operatorId)).map((r) => r.EvseID)
        if (foreign.length > 0)
          reject('018', `EvseID is inconsistent: not of operator ${op.operatorId}: ${listOf(foreign)}`)
        const keys = op.records.map((r) => idKey(r.EvseID))
        const live = op.kind === 'evseData' ? (k: string) => this.#t.evseLive(k) : (k: string) => this.statuses.has(k)
        checkAction(
          op.action,
          keys,
          live,
          op.kind === 'evseData' ? 'EVSE data records' : 'EVSE status records',
          (k) => op.records[keys.indexOf(k)]!.EvseID,
        )
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
        if (foreign.length > 0)
          reject('018', `EvseID is inconsistent: not of operator ${op.operatorId}: ${listOf(foreign)}`)
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
        if (this.cdrs.has(op.cdr.SessionID))
          reject('022', `Data error: a charge detail record for session ${op.cdr.SessionID} was received already`)
        return
      case 'session':
      case 'sessionState':
      case 'cdrForwarded':
        return
    }
  }

  /** Applies a checked op to the tables; the caller's transaction makes it all or nothing. */
  apply(op: Op): void {
    if (op.kind === 'evseData') this.pulls.changed()
    this.#t.setClock(op.at)
    this.applyChange(op)
  }

  private applyChange(op: Op): void {
    const t = this.#t
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
        return t.putSession(op.session)
      case 'sessionState': {
        const session = this.sessions.get(op.sessionId)
        if (session && STATE_RANK[op.state] > STATE_RANK[session.state])
          t.putSession({ ...session, state: op.state, updated: op.at })
        return
      }
      case 'cdr':
        return t.putCdr({
          cdr: op.cdr,
          providerKey: idKey(op.providerId),
          operatorId: op.operatorId,
          received: op.at,
          forwarded: false,
        })
      case 'cdrForwarded':
        return t.setCdrForwarded(op.sessionId)
    }
  }

  private applyEvseData(op: Extract<Op, { kind: 'evseData' }>): void {
    const t = this.#t
    const operatorKey = idKey(op.operatorId)
    t.setOperator(operatorKey, op.operatorId, op.operatorName)
    const given = new Set<string>()
    for (const pushed of op.records) {
      const key = idKey(pushed.EvseID)
      given.add(key)
      if (op.action === 'delete') {
        t.markEvseDeleted(key, op.at)
        continue
      }
      const columns = evseColumns(pushed)
      const held = t.evseHeld(key)
      // A fullLoad repeats unchanged records: they keep their version, so delta pulls stay small.
      if (held && !held.deleted && sameRecord(held, columns)) continue
      t.putEvse(
        {
          ...columns,
          key,
          operatorKey,
          created: held && !held.deleted ? held.created : op.at,
          updated: op.at,
          deleted: false,
        },
        held?.id,
      )
    }
    if (op.action === 'fullLoad')
      for (const key of t.liveEvseKeysOf(operatorKey)) if (!given.has(key)) t.markEvseDeleted(key, op.at)
  }

  private applyEvseStatus(op: Extract<Op, { kind: 'evseStatus' }>): void {
    const t = this.#t
    const operatorKey = idKey(op.operatorId)
    if (op.operatorName) t.setOperator(operatorKey, op.operatorId, op.operatorName)
    else if (!this.operatorNames.has(operatorKey)) t.setOperator(operatorKey, op.operatorId, op.operatorId)
    if (op.action === 'fullLoad') t.deleteStatusesOf(operatorKey)
    for (const r of op.records) {
      const key = idKey(r.EvseID)
      if (op.action === 'delete') t.deleteStatus(key)
      else t.putStatus({ key, evseId: r.EvseID, operatorKey, status: r.EvseStatus, updated: op.at })
    }
  }

  private applyAuthData(op: Extract<Op, { kind: 'authData' }>): void {
    const t = this.#t
    const providerKey = idKey(op.providerId)
    if (op.action === 'fullLoad' || !this.authData.has(providerKey)) {
      t.putAuthProvider(providerKey, op.providerId)
      t.deleteAuthRecordsOf(providerKey)
    }
    for (const r of op.records) {
      const key = identificationKey(r.Identification)
      if (key === undefined) continue
      if (op.action === 'delete') t.deleteAuthRecord(providerKey, key)
      else t.putAuthRecord(providerKey, key, r)
    }
  }

  private applyPricingProducts(op: Extract<Op, { kind: 'pricingProducts' }>): void {
    const key = pricingKey(op.data.OperatorID, op.data.ProviderID)
    const held = this.pricingProducts.get(key)
    if (op.action === 'fullLoad' || !held) {
      if (op.action !== 'delete') this.#t.putPricing(key, { data: op.data, updated: op.at })
      return
    }
    const ids = new Set(op.data.PricingProductDataRecords.map((r) => r.ProductID))
    const kept = held.data.PricingProductDataRecords.filter((r) => !ids.has(r.ProductID))
    const records = op.action === 'delete' ? kept : [...kept, ...op.data.PricingProductDataRecords]
    // The header (default price, currency, names) follows the latest push.
    this.#t.putPricing(key, {
      data: {
        ...(op.action === 'delete' ? held.data : op.data),
        PricingProductDataRecords: records,
      },
      updated: op.at,
    })
  }

  private applyEvsePricing(op: Extract<Op, { kind: 'evsePricing' }>): void {
    const t = this.#t
    const operatorKey = idKey(op.operatorId)
    if (op.action === 'fullLoad') t.deleteEvsePricingOf(operatorKey)
    for (const r of op.records) {
      const key = evsePricingKey(r.EvseID, r.ProviderID)
      if (op.action === 'delete') t.deleteEvsePricing(key)
      else t.putEvsePricing(key, operatorKey, { operatorId: op.operatorId, pricing: r, updated: op.at })
    }
  }
}

export function pricingKey(operatorId: string, providerId: string): string {
  return `${idKey(operatorId)}|${providerId === '*' ? '*' : idKey(providerId)}`
}

export function evsePricingKey(evseId: string, providerId: string): string {
  return `${idKey(evseId)}|${providerId === '*' ? '*' : idKey(providerId)}`
}
