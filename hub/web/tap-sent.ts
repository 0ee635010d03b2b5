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
    override async send<R>(...args: Parameters<Forwarder['send']>): Promise<Forwarded<R>> {
      const [endpoint, operationName, request, body] = args
      const at = preciseNow()
      const started = performance.now()
      const seen: { status?: number } = {}
      const result = await status.run(seen, () => super.send<R>(...args))
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
  /** `call`, recorded as `operation` sent by the hub to the operator's simulated charge point. */
  const passing =
    <Req, A>(operation: string, call: (request: Req, operatorId: string) => Promise<A>) =>
    (request: Req, operatorId: string) =>
      recorded(traffic, { direction: 'out', from: 'hub', to: simulated(operatorId), operation, request }, () =>
        call(request, operatorId),
      )
  return {
    remoteStart: passing('eRoamingAuthorizeRemoteStart', (r, op) => target.remoteStart(r, op)),
    remoteStop: passing('eRoamingAuthorizeRemoteStop', (r, op) => target.remoteStop(r, op)),
    reservationStart: passing('eRoamingAuthorizeRemoteReservationStart', (r, op) => target.reservationStart(r, op)),
    reservationStop: passing('eRoamingAuthorizeRemoteReservationStop', (r, op) => target.reservationStop(r, op)),
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
