// What EMPs pull, computed from the store in one synchronous pass each, so that a page
// is one version of the data even while pushes arrive: EVSE data pages with filters,
// SearchCenter and LastCall deltas (evse-pull.ts); EVSE status by area, by ID and by
// operator; pricing; their charge detail records. The database selects; this module
// groups and answers.
import type * as S from 'oicp/2.3/schemas'
import type { PageQuery } from 'oicp/runtime'
import { areaOf, time } from './evse-pull.js'
import { evseKey, operatorKey, providerKey, sameId } from './ids.js'
import { page } from './paging.js'
import type { PulledStatus } from './storage/pull-select.js'
import type { HubStore } from './store.js'

export { pullEvseDataPage } from './evse-pull.js'

/** Status records grouped by operator, groups in the order of their first record. */
function byOperator(store: HubStore, records: readonly PulledStatus[]): S.OperatorEvseStatus[] {
  const groups = new Map<string, S.OperatorEvseStatus>()
  for (const [operatorKey, EvseID, status] of records) {
    let g = groups.get(operatorKey)
    if (!g) {
      const operator = store.operatorNames.get(operatorKey)
      g = {
        OperatorID: operator?.operatorId ?? operatorKey,
        ...(operator ? { OperatorName: operator.name.slice(0, 100) } : {}),
        EvseStatusRecord: [],
      }
      groups.set(operatorKey, g)
    }
    g.EvseStatusRecord.push({ EvseID, EvseStatus: status as S.EvseStatus })
  }
  return [...groups.values()]
}

export function pullEvseStatus(store: HubStore, request: S.eRoamingPullEvseStatus): S.eRoamingEvseStatus {
  const selected = store.pulls.statuses(request.EVSEStatus, areaOf(request.SearchCenter))
  return {
    EvseStatuses: { OperatorEvseStatus: byOperator(store, selected) },
    StatusCode: { Code: '000' },
  }
}

export function pullEvseStatusById(store: HubStore, request: S.eRoamingPullEvseStatusById): S.eRoamingEvseStatusById {
  const EvseStatusRecord = request.EvseID.map((id) => ({
    EvseID: id,
    EvseStatus: store.statuses.get(evseKey(id))?.status ?? ('EvseNotFound' as const),
  }))
  return {
    EVSEStatusRecords: { EvseStatusRecord },
    StatusCode: { Code: '000' },
  }
}

export function pullEvseStatusByOperatorId(
  store: HubStore,
  request: S.eRoamingPullEvseStatusByOperatorId,
): S.eRoamingEvseStatusByOperatorId {
  const selected = store.pulls.statusesOf([...new Set(request.OperatorID.map(operatorKey))])
  return {
    EvseStatuses: { OperatorEvseStatus: byOperator(store, selected) },
    StatusCode: { Code: '000' },
  }
}

/** Pricing offered to the provider (its own or "*"), of the operators asked for, changed since LastCall. */
export function pullPricingProducts(
  store: HubStore,
  providerId: string,
  request: S.eRoamingPullPricingProductData,
): S.eRoamingPricingProductData {
  const since = request.LastCall !== undefined ? time(request.LastCall, 'LastCall') : -Infinity
  const operators = new Set(request.OperatorIDs.map(operatorKey))
  const provider = providerKey(providerId)
  const PricingProductData = [...store.pricingProducts.values()]
    .filter(
      (e) =>
        operators.has(operatorKey(e.data.OperatorID)) &&
        (e.data.ProviderID === '*' || providerKey(e.data.ProviderID) === provider) &&
        e.updated > since,
    )
    .map((e) => e.data)
  return { PricingProductData, StatusCode: { Code: '000' } }
}

export function pullEvsePricing(store: HubStore, request: S.eRoamingPullEVSEPricing): S.eRoamingEVSEPricing {
  const since = request.LastCall !== undefined ? time(request.LastCall, 'LastCall') : -Infinity
  const operators = new Set(request.OperatorIDs.map(operatorKey))
  const provider = providerKey(request.ProviderID)
  const groups = new Map<string, S.OperatorEVSEPricing>()
  for (const e of store.evsePricing.values()) {
    const op = operatorKey(e.operatorId)
    if (
      !operators.has(op) ||
      e.updated <= since ||
      (e.pricing.ProviderID !== '*' && providerKey(e.pricing.ProviderID) !== provider)
    )
      continue
    let g = groups.get(op)
    if (!g) {
      const name = store.operatorNames.get(op)?.name
      groups.set(
        op,
        (g = {
          OperatorID: e.operatorId,
          ...(name ? { OperatorName: name.slice(0, 100) } : {}),
          EVSEPricing: [],
        }),
      )
    }
    // An assignment for every EMP ("*") is one for the EMP asking; Hubject's EMP schema
    // allows only a ProviderID in this answer (ERRATA.md, section 5, ProviderIDOrAll).
    g.EVSEPricing.push(e.pricing.ProviderID === '*' ? { ...e.pricing, ProviderID: request.ProviderID } : e.pricing)
  }
  return {
    EVSEPricing: [...groups.values()],
    StatusCode: { Code: '000' },
  }
}

/** A page of the provider's CDRs received between From and To, oldest first, narrowed as the request asks. */
export function pullChargeDetailRecords(
  store: HubStore,
  request: S.eRoamingGetChargeDetailRecords,
  query: PageQuery,
): S.eRoamingChargeDetailRecords {
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
}
