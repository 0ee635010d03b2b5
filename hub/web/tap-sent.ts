// What the hub sends, as the traffic view shows it: requests forwarded to partners (a
// Forwarder that records each call, its HTTP status from the client's hooks), and the
// simulated charge point's side (what the hub passes it, what it reports back), which
// never goes over the network but is part of every session in development mode.
import { AsyncLocalStorage } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'
import { isOicpRejection, negativeAck } from 'oicp/runtime'
import type * as S from 'oicp/2.3/schemas'
import type { ChargePoint, CpoReports, Notification } from '../charge-point.js'
import { Forwarder, type Forwarded, type ForwarderOptions } from '../forward.js'
import { exchange, jsonBody, preciseNow, outcomeOf, sessionIdOf } from './exchange.js'
import { simulated, type PartnerNames } from './names.js'
import type { Traffic } from './traffic.js'

/** A Forwarder whose every call becomes an exchange. */
export function recordingForwarder(options: ForwarderOptions, traffic: Traffic, names: PartnerNames): Forwarder {
  const status = new AsyncLocalStorage<{ status?: number }>()
  const hooks = {
    onResponse: (e: { status: number }) => void (status.getStore() && (status.getStore()!.status = e.status)),
  }

  class RecordingForwarder extends Forwarder {
    override async send<R>(
      endpoint: string,
      operationName: string,
      request: string,
      body: unknown,
      pathValues: Record<string, string> = {},
    ): Promise<Forwarded<R>> {
      const at = preciseNow()
      const started = performance.now()
      const seen: { status?: number } = {}
      const result = await status.run(seen, () => super.send<R>(endpoint, operationName, request, body, pathValues))
      traffic.add(
        exchange({
          at,
          direction: 'out',
          from: 'hub',
          to: names.receiver(endpoint),
          operation: operationName,
          message: request === operationName ? undefined : request,
          status: seen.status,
          ...(result.ok ? outcomeOf(result.value) : { result: undefined, code: result.code }),
          failure: result.ok ? undefined : result.reason,
          durationMs: performance.now() - started,
          sessionId: sessionIdOf(body, result.ok ? result.value : undefined),
          request: jsonBody(body),
          answer: result.ok ? jsonBody(result.value) : undefined,
        }),
      )
      return result
    }
  }
  return new RecordingForwarder({ ...options, hooks })
}

/** Runs one in-process call and records it; a refusal thrown (OicpRejection) is recorded as its acknowledgement. */
async function recorded<T>(
  traffic: Traffic,
  fields: { direction: 'in' | 'out'; from: string; to: string; operation: string; message?: string; request: unknown },
  call: () => Promise<T>,
): Promise<T> {
  const at = preciseNow()
  const started = performance.now()
  const done = (answer: unknown, failure?: string) =>
    traffic.add(
      exchange({
        ...fields,
        at,
        ...outcomeOf(answer),
        failure,
        durationMs: performance.now() - started,
        sessionId: sessionIdOf(fields.request, answer),
        request: jsonBody(fields.request),
        answer: jsonBody(answer),
      }),
    )
  try {
    const answer = await call()
    done(answer ?? { Result: true, StatusCode: { Code: '000' } })
    return answer
  } catch (e) {
    if (isOicpRejection(e)) done(negativeAck(e.code, e.description))
    else done(undefined, (e as Error)?.message ?? String(e))
    throw e
  }
}

/** The simulated charge point, recording what the hub passes it. */
export function recordingChargePoint(target: ChargePoint, traffic: Traffic): ChargePoint {
  const to = (operatorId: string) => ({ direction: 'out' as const, from: 'hub', to: simulated(operatorId) })
  return {
    remoteStart: (r, op) =>
      recorded(traffic, { ...to(op), operation: 'eRoamingAuthorizeRemoteStart', request: r }, () =>
        target.remoteStart(r, op),
      ),
    remoteStop: (r, op) =>
      recorded(traffic, { ...to(op), operation: 'eRoamingAuthorizeRemoteStop', request: r }, () =>
        target.remoteStop(r, op),
      ),
    reservationStart: (r, op) =>
      recorded(traffic, { ...to(op), operation: 'eRoamingAuthorizeRemoteReservationStart', request: r }, () =>
        target.reservationStart(r, op),
      ),
    reservationStop: (r, op) =>
      recorded(traffic, { ...to(op), operation: 'eRoamingAuthorizeRemoteReservationStop', request: r }, () =>
        target.reservationStop(r, op),
      ),
  }
}

/** The simulated charge point's reports (notifications, CDRs), recording what it sends the hub. */
export function recordingReports(target: CpoReports, traffic: Traffic): CpoReports {
  const from = (operatorId: string) => ({ direction: 'in' as const, from: simulated(operatorId), to: 'hub' })
  return {
    notification: (n: Notification) =>
      recorded(
        traffic,
        {
          ...from(n.OperatorID),
          operation: 'eRoamingChargingNotifications',
          message: `eRoamingChargingNotification${n.Type}`,
          request: n,
        },
        () => target.notification(n),
      ),
    chargeDetailRecord: (cdr: S.eRoamingChargeDetailRecord, operatorId: string) =>
      recorded(traffic, { ...from(operatorId), operation: 'eRoamingChargeDetailRecord', request: cdr }, () =>
        target.chargeDetailRecord(cdr, operatorId),
      ),
  }
}
