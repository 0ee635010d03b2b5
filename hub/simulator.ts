// A charge point for CPOs that have no server of their own (development mode, or
// `simulate: true` in the config): it answers remote starts, stops and reservations
// from the EVSE status the hub holds, sets that status as a charge point would, and
// after a stop reports like a CPO: a ChargingNotification End and a CDR.
import type * as S from 'oicp/2.3/schemas'
import { negativeAck } from 'oicp/runtime'
import type { ChargePoint, CpoReports } from './charge-point.js'
import { ok, type Ack, type HubContext } from './context.js'
import { idKey } from './ids.js'

/** The power the simulated charge point charges with, in kW. */
const POWER_KW = 11

export interface SimulatorOptions {
  /** Delay before the Start notification after an accepted remote start; default 100 ms. */
  startDelayMs?: number
}

export class SimulatedChargePoint implements ChargePoint {
  /** Set once the routing exists (the two need each other). */
  reports: CpoReports | undefined
  /** Start notifications not sent yet: a quick stop waits for them, so the EMP hears Start before End. */
  readonly #starting = new Map<string, Promise<void>>()

  constructor(
    private readonly hub: HubContext,
    private readonly options: SimulatorOptions = {},
  ) {}

  /** Why this EVSE cannot take a new session now, if it cannot (601 reserved, 602 in use, 700 out of service). */
  private busy(evseId: string, providerId: string): Ack | undefined {
    const status = this.hub.ledger.store.statuses.get(idKey(evseId))?.status
    if (status === 'Occupied') return negativeAck('602', 'The EVSE is already in use')
    if (status === 'OutOfService') return negativeAck('700', 'The EVSE is out of service')
    if (status === 'Reserved') {
      const mine = [...this.hub.ledger.store.sessions.values()].some(
        (s) =>
          s.origin === 'reservation' &&
          s.state === 'reserved' &&
          idKey(s.evseId ?? '') === idKey(evseId) &&
          idKey(s.providerId) === idKey(providerId),
      )
      if (!mine) return negativeAck('601', 'The EVSE is already reserved')
    }
    return undefined
  }

  private async setStatus(evseId: string, operatorId: string, status: S.EvseStatus): Promise<void> {
    const exists = this.hub.ledger.store.statuses.has(idKey(evseId))
    await this.hub.ledger.commit({
      kind: 'evseStatus',
      at: 0,
      action: exists ? 'update' : 'insert',
      operatorId,
      records: [{ EvseID: evseId, EvseStatus: status }],
    })
  }

  async remoteStart(request: S.eRoamingAuthorizeRemoteStart & { SessionID: string }, operatorId: string): Promise<Ack> {
    const refused = this.busy(request.EvseID, request.ProviderID)
    if (refused) return refused
    await this.setStatus(request.EvseID, operatorId, 'Occupied')
    const started = new Date().toISOString()
    let announced!: () => void
    this.#starting.set(request.SessionID, new Promise<void>((r) => (announced = r)))
    this.hub.background(`simulated start ${request.SessionID}`, async () => {
      await new Promise((r) => setTimeout(r, this.options.startDelayMs ?? 100))
      try {
        await this.reports!.notification({
          Type: 'Start',
          SessionID: request.SessionID,
          EvseID: request.EvseID,
          Identification: request.Identification,
          ChargingStart: started,
          SessionStart: started,
          MeterValueStart: 0,
          OperatorID: operatorId,
          ...(request.EMPPartnerSessionID ? { EMPPartnerSessionID: request.EMPPartnerSessionID } : {}),
          ...(request.PartnerProductID ? { PartnerProductID: request.PartnerProductID } : {}),
        })
      } finally {
        this.#starting.delete(request.SessionID)
        announced()
      }
    })
    return ok({ SessionID: request.SessionID })
  }

  async remoteStop(request: S.eRoamingAuthorizeRemoteStop, operatorId: string): Promise<Ack> {
    const session = this.hub.ledger.store.sessions.get(request.SessionID)
    if (!session || session.origin !== 'remoteStart' || !['authorized', 'started'].includes(session.state))
      return negativeAck('400', 'The session is not valid: nothing is charging for it')
    await this.setStatus(request.EvseID, operatorId, 'Available')
    const start = new Date(session.created)
    const end = new Date(Math.max(Date.now(), session.created + 1000))
    const kWh = Math.max(0.001, Number(((POWER_KW * (end.getTime() - start.getTime())) / 3_600_000).toFixed(3)))
    const common = {
      SessionID: request.SessionID,
      EvseID: request.EvseID,
      Identification: session.identification!,
      ...(session.empPartnerSessionId ? { EMPPartnerSessionID: session.empPartnerSessionId } : {}),
    }
    const starting = this.#starting.get(request.SessionID)
    this.hub.background(`simulated stop ${request.SessionID}`, async () => {
      await starting
      await this.reports!.notification({
        Type: 'End',
        ...common,
        ChargingStart: start.toISOString(),
        ChargingEnd: end.toISOString(),
        SessionStart: start.toISOString(),
        SessionEnd: end.toISOString(),
        ConsumedEnergy: kWh,
        MeterValueStart: 0,
        MeterValueEnd: kWh,
        OperatorID: operatorId,
      })
      await this.reports!.chargeDetailRecord(
        {
          ...common,
          ChargingStart: start.toISOString(),
          ChargingEnd: end.toISOString(),
          SessionStart: start.toISOString(),
          SessionEnd: end.toISOString(),
          MeterValueStart: 0,
          MeterValueEnd: kWh,
          ConsumedEnergy: kWh,
        },
        operatorId,
      )
    })
    return ok({ SessionID: request.SessionID })
  }

  async reservationStart(
    request: S.eRoamingAuthorizeRemoteReservationStart & { SessionID: string },
    operatorId: string,
  ): Promise<Ack> {
    const refused = this.busy(request.EvseID, request.ProviderID)
    if (refused) return refused
    await this.setStatus(request.EvseID, operatorId, 'Reserved')
    return ok({ SessionID: request.SessionID })
  }

  async reservationStop(request: S.eRoamingAuthorizeRemoteReservationStop, operatorId: string): Promise<Ack> {
    const session = this.hub.ledger.store.sessions.get(request.SessionID)
    if (!session || session.origin !== 'reservation' || session.state !== 'reserved')
      return negativeAck('400', 'The session is not valid: no such reservation')
    await this.setStatus(request.EvseID, operatorId, 'Available')
    return ok({ SessionID: request.SessionID })
  }
}
