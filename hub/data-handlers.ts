// The data side of the hub: CPOs push EVSE data, status and pricing, EMPs push
// authentication data, and EMPs pull what was pushed.
import type { HubHandlers } from 'oicp/2.3'
import { rawJson, type Handler } from 'oicp/runtime'
import { ok, requireExact, samePartner, type Ack, type HubContext } from './context.js'
import {
  pullEvseDataPage,
  pullEvseStatus,
  pullEvseStatusById,
  pullEvseStatusByOperatorId,
  pullEvsePricing,
  pullPricingProducts,
} from './queries.js'
import type { ActionType, Op } from './store.js'

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

/** What a push changes: the sender's ID in the body (matched with the one in the path), the op, how many records. */
interface PushOf<P extends string> {
  field: P
  id: string
  op: Extract<Op, { action: ActionType }>
  count: number
}

/** EVSE data or status as pushed: the operator the body names is the sender, each record counts. */
function fromOperator(op: Extract<Op, { kind: 'evseData' | 'evseStatus' }>): PushOf<'OperatorID'> {
  return { field: 'OperatorID', id: op.operatorId, op, count: op.records.length }
}

export function dataHandlers(hub: HubContext): DataHandlers {
  const { ledger } = hub
  const store = ledger.store

  /** A push: checked exactly, its sender matched with the path, kept through the ledger, logged. */
  const push =
    <Req, P extends 'OperatorID' | 'ProviderID'>(
      message: string,
      read: (request: Req, params: Readonly<Record<P, string>>) => PushOf<P>,
    ): Handler<Req, Ack, P> =>
    async (request, { params }) => {
      requireExact(message, request)
      const { field, id, op, count } = read(request, params)
      samePartner(field, params[field], id)
      await ledger.commit(op)
      const operation = message.slice('eRoaming'.length)
      hub.log({
        kind: 'push',
        text: `${operation} from ${id}: ${op.action}, ${count} record${count === 1 ? '' : 's'}`,
        data: { operation, who: id, action: op.action, count },
      })
      return ok()
    }

  return {
    pushEvseData: push('eRoamingPushEvseData', ({ ActionType: action, OperatorEvseData: d }) => {
      const { OperatorID: operatorId, OperatorName: operatorName, EvseDataRecord: records } = d
      return fromOperator({ kind: 'evseData', at: 0, action, operatorId, operatorName, records })
    }),

    pushEvseStatus: push('eRoamingPushEvseStatus', ({ ActionType: action, OperatorEvseStatus: d }) => {
      const { OperatorID: operatorId, OperatorName: operatorName, EvseStatusRecord: records } = d
      return fromOperator({ kind: 'evseStatus', at: 0, action, operatorId, operatorName, records })
    }),

    pushPricingProductData: push('eRoamingPushPricingProductData', (request) => ({
      field: 'OperatorID',
      id: request.PricingProductData.OperatorID,
      op: { kind: 'pricingProducts', at: 0, action: request.ActionType, data: request.PricingProductData },
      count: request.PricingProductData.PricingProductDataRecords.length,
    })),

    // Its body names no operator: the sender is the one in the path.
    pushEVSEPricing: push('eRoamingPushEVSEPricing', (request, params) => ({
      field: 'OperatorID',
      id: params.OperatorID,
      op: {
        kind: 'evsePricing',
        at: 0,
        action: request.ActionType,
        operatorId: params.OperatorID,
        records: request.EVSEPricing,
      },
      count: request.EVSEPricing.length,
    })),

    pushAuthenticationData: push('eRoamingPushAuthenticationData', (request) => {
      const { ProviderID, AuthenticationDataRecord } = request.ProviderAuthenticationData
      return {
        field: 'ProviderID',
        id: ProviderID,
        op: {
          kind: 'authData',
          at: 0,
          action: request.ActionType,
          providerId: ProviderID,
          records: AuthenticationDataRecord,
        },
        count: AuthenticationDataRecord.length,
      }
    }),

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
