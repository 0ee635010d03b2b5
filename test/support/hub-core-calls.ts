// A hub in this process (open development mode, no listener needed) called through its
// server core: requests in as JSON, answers out as the exact text the hub would send,
// so that tests see raw answers as the wire does. Any OperatorID may push here.
import { startHub, type HubOptions, type RunningHub } from '../../hub/index.js'

export const PROVIDER = 'DE-8EO'

export interface Answer {
  status: number
  text: string
  json: any
}

export interface CoreHub {
  hub: RunningHub
  post(path: string, body: unknown): Promise<Answer>
  pushData(operatorId: string, action: string, records: unknown[], operatorName?: string): Promise<Answer>
  pushStatus(
    operatorId: string,
    action: string,
    records: Array<{ EvseID: string; EvseStatus: string }>,
  ): Promise<Answer>
  /** One page of PullEvseData (Google notation unless `request` says otherwise). */
  pull(request?: Record<string, unknown>, page?: number, size?: number): Promise<Answer>
  close(): Promise<void>
}

const op = (id: string) => encodeURIComponent(id)

export async function coreHub(options: HubOptions = {}): Promise<CoreHub> {
  const hub = await startHub(options)
  const post = async (path: string, body: unknown): Promise<Answer> => {
    const r = await hub.core.handle({
      method: 'POST',
      url: `/api/oicp${path}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: r.status, text: r.body, json: JSON.parse(r.body) }
  }
  return {
    hub,
    post,
    pushData: (operatorId, action, records, operatorName = `${operatorId} operator`) =>
      post(`/evsepush/v23/operators/${op(operatorId)}/data-records`, {
        ActionType: action,
        OperatorEvseData: { OperatorID: operatorId, OperatorName: operatorName, EvseDataRecord: records },
      }),
    pushStatus: (operatorId, action, records) =>
      post(`/evsepush/v21/operators/${op(operatorId)}/status-records`, {
        ActionType: action,
        OperatorEvseStatus: { OperatorID: operatorId, EvseStatusRecord: records },
      }),
    pull: (request = {}, page = 0, size = 2000) =>
      post(`/evsepull/v23/providers/${op(PROVIDER)}/data-records?page=${page}&size=${size}`, {
        ProviderID: PROVIDER,
        GeoCoordinatesResponseFormat: 'Google',
        ...request,
      }),
    close: () => hub.close(),
  }
}
