// What EMPs pull, computed from the store in one synchronous pass each, so that a page
// is one version of the data even while pushes arrive: EVSE data pages with filters,
// SearchCenter and LastCall deltas; EVSE status by area, by ID and by operator; pricing.
import { OicpRejection } from 'oicp/runtime'
import type * as S from 'oicp/2.3/schemas'
import { distanceKm, readPosition, writePosition } from './geo.js'
import { evseKey, operatorKey, providerKey } from './ids.js'
import type { EvseEntry, HubStore } from './store.js'

/** Hubject's default page size. */
export const DEFAULT_PAGE_SIZE = 20
/** The largest page the hub serves (Hubject's limit for CDR pages; used for EVSE data too). */
export const MAX_PAGE_SIZE = 2000

export interface PageQuery {
  page?: number
  size?: number
}

/** Spring-style page envelope around `content`. */
export function page<T>(
  all: readonly T[],
  query: PageQuery,
): {
  content: T[]
  number: number
  size: number
  totalElements: number
  totalPages: number
  first: boolean
  last: boolean
  numberOfElements: number
} {
  const size = query.size ?? DEFAULT_PAGE_SIZE
  const number = query.page ?? 0
  if (!(size >= 1 && size <= MAX_PAGE_SIZE)) throw new OicpRejection('022', `Data error: page size must be 1 to ${MAX_PAGE_SIZE} (got ${size})`, 400)
  if (number < 0) throw new OicpRejection('022', `Data error: page must be 0 or more (got ${number})`, 400)
  const content = all.slice(number * size, number * size + size)
  const totalPages = Math.ceil(all.length / size)
  return {
    content,
    number,
    size,
    totalElements: all.length,
    totalPages,
    first: number === 0,
    last: number >= totalPages - 1,
    numberOfElements: content.length,
  }
}

const iso = (ms: number) => new Date(ms).toISOString()

function time(value: string, field: string): number {
  const t = Date.parse(value)
  if (Number.isNaN(t)) throw new OicpRejection('022', `Data error: ${field} is not a date-time`, 400)
  return t
}

/** The EVSE records a pull asks for, in EvseID order. */
export function selectEvseData(store: HubStore, request: S.eRoamingPullEvseData): EvseEntry[] {
  const since = request.LastCall !== undefined ? time(request.LastCall, 'LastCall') : undefined
  const center = request.SearchCenter ? readPosition(request.SearchCenter.GeoCoordinates) : undefined
  if (request.SearchCenter && !center) throw new OicpRejection('022', 'Data error: SearchCenter.GeoCoordinates cannot be read', 400)
  const radius = request.SearchCenter ? Number(request.SearchCenter.Radius) : 0
  const countries = request.CountryCodes && new Set(request.CountryCodes)
  const operators = request.OperatorIds && new Set(request.OperatorIds.map(operatorKey))
  const modes = request.AuthenticationModes
  const access = request.Accessibility && new Set<string>(request.Accessibility)
  const calibration = request.CalibrationLawDataAvailability && new Set<string>(request.CalibrationLawDataAvailability)
  const out: EvseEntry[] = []
  for (const key of store.evseOrder()) {
    const e = store.evses.get(key)!
    // Deleted records only matter to a delta pull, which reports them as deletions.
    if (since === undefined ? e.deleted : e.updated <= since) continue
    const r = e.record
    if (countries && !countries.has(r.Address.Country)) continue
    if (operators && !operators.has(e.operatorKey)) continue
    if (center && (!e.position || distanceKm(center, e.position) > radius)) continue
    if (modes && !r.AuthenticationModes.some((m) => modes.includes(m))) continue
    if (access && !access.has(r.Accessibility)) continue
    if (calibration && !calibration.has(r.CalibrationLawDataAvailability)) continue
    if (request.RenewableEnergy !== undefined && r.RenewableEnergy !== request.RenewableEnergy) continue
    if (request.IsHubjectCompatible !== undefined && r.IsHubjectCompatible !== request.IsHubjectCompatible) continue
    if (request.IsOpen24Hours !== undefined && r.IsOpen24Hours !== request.IsOpen24Hours) continue
    out.push(e)
  }
  return out
}

/** A stored record as an EMP receives it: operator named, coordinates in the asked notation, delta marked. */
export function pullRecord(store: HubStore, e: EvseEntry, format: S.GeoCoordinatesResponseFormat, since: number | undefined): S.PullEvseDataRecord {
  const { ChargingStationId, GeoCoordinates, GeoChargingPointEntrance, ...rest } = e.record as S.EvseDataRecord & { ChargingStationId?: string }
  const operator = store.operatorNames.get(e.operatorKey)
  const record: S.PullEvseDataRecord = {
    ...rest,
    ...(ChargingStationId !== undefined ? { ChargingStationID: ChargingStationId } : {}),
    GeoCoordinates: writePosition(GeoCoordinates, format, e.position),
    ...(GeoChargingPointEntrance
      ? {
          GeoChargingPointEntrance: writePosition(GeoChargingPointEntrance, format),
        }
      : {}),
    OperatorID: operator?.operatorId ?? e.operatorKey,
    OperatorName: operator?.name ?? e.operatorKey,
    lastUpdate: iso(e.updated),
  }
  if (since !== undefined) record.deltaType = e.deleted ? 'delete' : e.created > since ? 'insert' : 'update'
  return record
}

export function pullEvseData(store: HubStore, request: S.eRoamingPullEvseData, query: PageQuery): S.eRoamingEvseData {
  const since = request.LastCall !== undefined ? time(request.LastCall, 'LastCall') : undefined
  const p = page(selectEvseData(store, request), query)
  return {
    ...p,
    content: p.content.map((e) => pullRecord(store, e, request.GeoCoordinatesResponseFormat, since)),
    StatusCode: { Code: '000' },
  }
}

/** Status records grouped by operator, in the order given. */
function byOperator(
  store: HubStore,
  records: Iterable<{
    operatorKey: string
    evseId: string
    status: S.EvseStatus
  }>,
): S.OperatorEvseStatus[] {
  const groups = new Map<string, S.OperatorEvseStatus>()
  for (const r of records) {
    let g = groups.get(r.operatorKey)
    if (!g) {
      const operator = store.operatorNames.get(r.operatorKey)
      g = {
        OperatorID: operator?.operatorId ?? r.operatorKey,
        ...(operator ? { OperatorName: operator.name.slice(0, 100) } : {}),
        EvseStatusRecord: [],
      }
      groups.set(r.operatorKey, g)
    }
    g.EvseStatusRecord.push({ EvseID: r.evseId, EvseStatus: r.status })
  }
  return [...groups.values()]
}

export function pullEvseStatus(store: HubStore, request: S.eRoamingPullEvseStatus): S.eRoamingEvseStatus {
  const center = request.SearchCenter ? readPosition(request.SearchCenter.GeoCoordinates) : undefined
  if (request.SearchCenter && !center) throw new OicpRejection('022', 'Data error: SearchCenter.GeoCoordinates cannot be read', 400)
  const radius = request.SearchCenter ? Number(request.SearchCenter.Radius) : 0
  const selected = [...store.statuses.values()].filter((s) => {
    if (request.EVSEStatus !== undefined && s.status !== request.EVSEStatus) return false
    if (!center) return true
    const at = store.evses.get(s.key)
    return at !== undefined && !at.deleted && at.position !== undefined && distanceKm(center, at.position) <= radius
  })
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

export function pullEvseStatusByOperatorId(store: HubStore, request: S.eRoamingPullEvseStatusByOperatorId): S.eRoamingEvseStatusByOperatorId {
  const wanted = new Set(request.OperatorID.map(operatorKey))
  const selected = [...store.statuses.values()].filter((s) => wanted.has(s.operatorKey))
  return {
    EvseStatuses: { OperatorEvseStatus: byOperator(store, selected) },
    StatusCode: { Code: '000' },
  }
}

/** Pricing offered to the provider (its own or "*"), of the operators asked for, changed since LastCall. */
export function pullPricingProducts(store: HubStore, providerId: string, request: S.eRoamingPullPricingProductData): S.eRoamingPricingProductData {
  const since = request.LastCall !== undefined ? time(request.LastCall, 'LastCall') : -Infinity
  const operators = new Set(request.OperatorIDs.map(operatorKey))
  const provider = providerKey(providerId)
  const PricingProductData = [...store.pricingProducts.values()]
    .filter((e) => operators.has(operatorKey(e.data.OperatorID)) && (e.data.ProviderID === '*' || providerKey(e.data.ProviderID) === provider) && e.updated > since)
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
    if (!operators.has(op) || e.updated <= since || (e.pricing.ProviderID !== '*' && providerKey(e.pricing.ProviderID) !== provider)) continue
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
