// The data side of the hub: CPOs push EVSE data, status and pricing, EMPs push
// authentication data, and EMPs pull what was pushed.
import type { HubHandlers } from 'oicp/2.3'
import { rawJson } from 'oicp/runtime'
import { ok, requireExact, samePartner, type HubContext } from './context.js'
import { pullEvseDataPage, pullEvseStatus, pullEvseStatusById, pullEvseStatusByOperatorId, pullEvsePricing, pullPricingProducts } from './queries.js'

export type DataHandlers = Pick<
  HubHandlers,
  | 'pushEvseData'
  | 'pushEvseStatus'
  | 'pushPricingProductData'
  | 'pushEVSEPricing'
  | 'pushAuthenticationData'
  | 'pullEvseData'
  | 'pullEvseStatus'
  | 'pullEvseStatusById'
  | 'pullEvseStatusByOperatorId'
  | 'pullPricingProductData'
  | 'pullEVSEPricing'
>

export function dataHandlers(hub: HubContext): DataHandlers {
  const { ledger } = hub
  const store = ledger.store
  const pushed = (operation: string, who: string, action: string, count: number) =>
    hub.log({
      kind: 'push',
      text: `${operation} from ${who}: ${action}, ${count} record${count === 1 ? '' : 's'}`,
      data: { operation, who, action, count },
    })

  return {
    async pushEvseData(request, { params }) {
      requireExact('eRoamingPushEvseData', request)
      const data = request.OperatorEvseData
      samePartner('OperatorID', params.OperatorID, data.OperatorID)
      await ledger.commit({
        kind: 'evseData',
        at: 0,
        action: request.ActionType,
        operatorId: data.OperatorID,
        operatorName: data.OperatorName,
        records: data.EvseDataRecord,
      })
      pushed('PushEvseData', data.OperatorID, request.ActionType, data.EvseDataRecord.length)
      return ok()
    },

    async pushEvseStatus(request, { params }) {
      requireExact('eRoamingPushEvseStatus', request)
      const status = request.OperatorEvseStatus
      samePartner('OperatorID', params.OperatorID, status.OperatorID)
      await ledger.commit({
        kind: 'evseStatus',
        at: 0,
        action: request.ActionType,
        operatorId: status.OperatorID,
        operatorName: status.OperatorName,
        records: status.EvseStatusRecord,
      })
      pushed('PushEvseStatus', status.OperatorID, request.ActionType, status.EvseStatusRecord.length)
      return ok()
    },

    async pushPricingProductData(request, { params }) {
      requireExact('eRoamingPushPricingProductData', request)
      samePartner('OperatorID', params.OperatorID, request.PricingProductData.OperatorID)
      await ledger.commit({
        kind: 'pricingProducts',
        at: 0,
        action: request.ActionType,
        data: request.PricingProductData,
      })
      pushed('PushPricingProductData', request.PricingProductData.OperatorID, request.ActionType, request.PricingProductData.PricingProductDataRecords.length)
      return ok()
    },

    async pushEVSEPricing(request, { params }) {
      requireExact('eRoamingPushEVSEPricing', request)
      await ledger.commit({
        kind: 'evsePricing',
        at: 0,
        action: request.ActionType,
        operatorId: params.OperatorID,
        records: request.EVSEPricing,
      })
      pushed('PushEVSEPricing', params.OperatorID, request.ActionType, request.EVSEPricing.length)
      return ok()
    },

    async pushAuthenticationData(request, { params }) {
      requireExact('eRoamingPushAuthenticationData', request)
      const data = request.ProviderAuthenticationData
      samePartner('ProviderID', params.ProviderID, data.ProviderID)
      await ledger.commit({
        kind: 'authData',
        at: 0,
        action: request.ActionType,
        providerId: data.ProviderID,
        records: data.AuthenticationDataRecord,
      })
      pushed('PushAuthenticationData', data.ProviderID, request.ActionType, data.AuthenticationDataRecord.length)
      return ok()
    },

    pullEvseData(request, { params, query }) {
      samePartner('ProviderID', params.ProviderID, request.ProviderID)
      const page = pullEvseDataPage(store, request, query)
      hub.log({
        kind: 'pull',
        text: `PullEvseData by ${request.ProviderID}: page ${page.number} of ${page.totalPages}, ${page.numberOfElements} of ${page.totalElements} records${request.LastCall ? ` changed since ${request.LastCall}` : ''}`,
        data: { operation: 'PullEvseData' },
      })
      // Put together from records validated when they were pushed: sent as written (see rawJson).
      return rawJson(page.json)
    },

    pullEvseStatus(request, { params }) {
      samePartner('ProviderID', params.ProviderID, request.ProviderID)
      return pullEvseStatus(store, request)
    },

    pullEvseStatusById(request, { params }) {
      samePartner('ProviderID', params.ProviderID, request.ProviderID)
      return pullEvseStatusById(store, request)
    },

    pullEvseStatusByOperatorId(request, { params }) {
      samePartner('ProviderID', params.ProviderID, request.ProviderID)
      return pullEvseStatusByOperatorId(store, request)
    },

    pullPricingProductData(request, { params }) {
      return pullPricingProducts(store, params.ProviderID, request)
    },

    pullEVSEPricing(request, { params }) {
      samePartner('ProviderID', params.ProviderID, request.ProviderID)
      return pullEvsePricing(store, request)
    },
  }
}
