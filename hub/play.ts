// The other side, played by the hub for someone trying one backend alone (`play:` in the hub
// config, which `oicp init` writes). Each player is an ordinary partner: a generated client
// with its own certificate, calling the hub over mutual TLS through every check a partner
// passes. Playing an EMP for a CPO backend: once the CPO has pushed an Available EVSE, start a
// session there remotely, stop it after a while, and report the CDR. Playing a CPO for an EMP
// backend: push a few stations with status, so there is something to pull and charge at
// (remote starts at them are answered by the simulated charge point).
import { createCpoClient, createEmpClient, type EvseDataRecord } from 'oicp/2.3'
import type { TlsOptions } from 'oicp/runtime'

export interface PlayEmp {
  providerId: string
  tls: TlsOptions
  /** How long the played driver charges before the remote stop; default 10 s. */
  chargeSeconds?: number
}

export interface PlayCpo {
  operatorId: string
  tls: TlsOptions
  /** How many stations to push; default 3. */
  stations?: number
}

export interface PlayOptions {
  emp?: PlayEmp
  cpo?: PlayCpo
}

export interface Player {
  stop(): Promise<void>
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })

/** A contract ID of the provider's own (`DE-8EO` → `DE-8EO-C12345678-X`). */
export function sampleEvcoId(providerId: string): string {
  const [country, party] = [providerId.slice(0, 2), providerId.slice(-3)]
  return `${country}-${party}-C12345678-X`
}

/** Valid, plain EVSE data records of an operator. */
export function sampleStations(operatorId: string, count: number): EvseDataRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    EvseID: `${operatorId}*E${1001 + i}`,
    ChargingStationNames: [{ lang: 'en', value: `Sample station ${i + 1}` }],
    Address: {
      Country: 'DEU',
      City: 'Berlin',
      Street: 'Torstraße',
      PostalCode: '10119',
      HouseNum: String(i + 1),
      TimeZone: 'UTC+01:00',
    },
    GeoCoordinates: { Google: { Coordinates: `52.52${i}000 13.40${i}000` } },
    Plugs: ['Type 2 Outlet'],
    ChargingFacilities: [{ PowerType: 'AC_3_PHASE', Voltage: 400, Amperage: 16, Power: 11, ChargingModes: ['Mode_3'] }],
    RenewableEnergy: true,
    CalibrationLawDataAvailability: 'Local',
    AuthenticationModes: ['NFC RFID Classic', 'REMOTE'],
    PaymentOptions: ['Contract'],
    ValueAddedServices: ['None'],
    Accessibility: 'Free publicly accessible',
    HotlinePhoneNumber: '+4930123456789',
    IsOpen24Hours: true,
    IsHubjectCompatible: true,
    DynamicInfoAvailable: 'true',
  }))
}

/** Starts the configured players against the hub at `baseUrl`; `say` gets a line per step. */
export function startPlayers(baseUrl: string, options: PlayOptions, say: (text: string) => void): Player {
  const abort = new AbortController()
  const tasks: Promise<void>[] = []
  const guard = (who: string, task: () => Promise<void>) =>
    tasks.push(
      task().catch((e: unknown) => (abort.signal.aborted ? undefined : say(`${who}: ${(e as Error).message}`))),
    )
  if (options.cpo) guard(`played CPO ${options.cpo.operatorId}`, () => playCpo(baseUrl, options.cpo!, say))
  if (options.emp)
    guard(`played EMP ${options.emp.providerId}`, () => playEmp(baseUrl, options.emp!, say, abort.signal))
  return {
    async stop() {
      abort.abort()
      await Promise.all(tasks)
    },
  }
}

async function playCpo(baseUrl: string, o: PlayCpo, say: (text: string) => void): Promise<void> {
  const cpo = createCpoClient({ baseUrl, tls: o.tls, operatorId: o.operatorId })
  try {
    const stations = sampleStations(o.operatorId, o.stations ?? 3)
    await cpo.pushEvseData({
      ActionType: 'fullLoad',
      OperatorEvseData: { OperatorID: o.operatorId, OperatorName: 'Sample CPO', EvseDataRecord: stations },
    })
    await cpo.pushEvseStatus({
      ActionType: 'fullLoad',
      OperatorEvseStatus: {
        OperatorID: o.operatorId,
        EvseStatusRecord: stations.map((s) => ({ EvseID: s.EvseID, EvseStatus: 'Available' as const })),
      },
    })
    say(
      `played CPO ${o.operatorId}: pushed ${stations.length} stations, all Available (${stations.map((s) => s.EvseID).join(', ')})`,
    )
  } finally {
    await cpo.core.close()
  }
}

async function playEmp(baseUrl: string, o: PlayEmp, say: (text: string) => void, signal: AbortSignal): Promise<void> {
  const emp = createEmpClient({ baseUrl, tls: o.tls, providerId: o.providerId })
  const tried = new Set<string>()
  const who = `played EMP ${o.providerId}`
  try {
    say(`${who}: waiting for an Available EVSE to start a session at`)
    while (!signal.aborted) {
      const status = await emp.pullEvseStatus({ ProviderID: o.providerId, EVSEStatus: 'Available' })
      const evse = status.EvseStatuses?.OperatorEvseStatus?.flatMap((op) => op.EvseStatusRecord).find(
        (r) => !tried.has(r.EvseID),
      )
      if (!evse) {
        await sleep(1000, signal)
        continue
      }
      tried.add(evse.EvseID)
      const started = await emp.authorizeRemoteStart({
        ProviderID: o.providerId,
        EvseID: evse.EvseID,
        Identification: { RemoteIdentification: { EvcoID: sampleEvcoId(o.providerId) } },
      })
      const sessionId = started.SessionID!
      say(
        `${who}: remote start at ${evse.EvseID} accepted, session ${sessionId}; stopping in ${o.chargeSeconds ?? 10} s`,
      )
      await sleep((o.chargeSeconds ?? 10) * 1000, signal)
      if (signal.aborted) break
      await emp.authorizeRemoteStop({ ProviderID: o.providerId, EvseID: evse.EvseID, SessionID: sessionId })
      say(`${who}: remote stop of session ${sessionId} accepted; waiting for its CDR`)
      for (let i = 0; i < 60 && !signal.aborted; i++) {
        const cdrs = await emp.getChargeDetailRecords({
          ProviderID: o.providerId,
          SessionID: [sessionId],
          From: new Date(Date.now() - 86_400_000).toISOString(),
          To: new Date(Date.now() + 60_000).toISOString(),
        })
        const cdr = cdrs.content?.[0]
        if (cdr) {
          say(`${who}: CDR of session ${sessionId} arrived: ${cdr.ConsumedEnergy} kWh at ${cdr.EvseID}`)
          break
        }
        await sleep(1000, signal)
      }
    }
  } finally {
    await emp.core.close()
  }
}
