// A small CPO backend on the generated package only: it pushes its EVSE data and status
// to the hub, serves remote start and stop over mutual TLS, reports the session with
// charging notifications, and sends the CDR when charging ends.
//
// Settings (environment): HUB_URL (https://.../api/oicp), CERTS (folder of `oicp certs`:
// ca.pem, cpo.pem, cpo-key.pem, server.pem, server-key.pem), PORT (default 9001),
// OPERATOR_ID (default DE*ABC).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cpoRoutes, createCpoClient, localTimestamp, type CpoHandlers, type EvseDataRecord } from 'oicp/2.3'
import { createServerCore, mount } from 'oicp/runtime'
import { createMtlsServer } from 'oicp/server/node'

const certs = process.env.CERTS ?? 'certs'
const pem = (file: string) => readFileSync(join(certs, file), 'utf8')
const operatorId = process.env.OPERATOR_ID ?? 'DE*ABC'
const log = (text: string) => console.log(text)

const cpo = createCpoClient({ baseUrl: process.env.HUB_URL ?? 'https://127.0.0.1:8443/api/oicp', tls: { cert: pem('cpo.pem'), key: pem('cpo-key.pem'), ca: pem('ca.pem') }, operatorId })

function station(n: number): EvseDataRecord {
  return {
    EvseID: `${operatorId}*E${1000 + n}`,
    ChargingStationNames: [{ lang: 'en', value: `Demo station ${n}` }],
    Address: { Country: 'DEU', City: 'Berlin', Street: 'Torstraße', PostalCode: '10119', HouseNum: String(n), TimeZone: 'UTC+01:00' },
    GeoCoordinates: { Google: { Coordinates: `52.52${n}000 13.40${n}000` } },
    Plugs: ['Type 2 Outlet'],
    ChargingFacilities: [{ PowerType: 'AC_3_PHASE', Voltage: 400, Amperage: 16, Power: 11, ChargingModes: ['Mode_3'] }],
    RenewableEnergy: true,
    CalibrationLawDataAvailability: 'Local',
    AuthenticationModes: ['NFC RFID Classic', 'REMOTE'],
    PaymentOptions: ['Contract'],
    ValueAddedServices: ['Reservation'],
    Accessibility: 'Free publicly accessible',
    HotlinePhoneNumber: '+4930123456789',
    IsOpen24Hours: true,
    IsHubjectCompatible: true,
    DynamicInfoAvailable: 'true',
  }
}

const stations = [1, 2, 3].map(station)
/** What is charging now, by SessionID. */
const charging = new Map<string, { evseId: string; identification: Parameters<CpoHandlers['authorizeRemoteStart']>[0]['Identification']; start: Date }>()
const now = () => localTimestamp(new Date(), 'Europe/Berlin')

async function setStatus(evseId: string, status: 'Available' | 'Occupied') {
  await cpo.pushEvseStatus({ ActionType: 'update', OperatorEvseStatus: { OperatorID: operatorId, EvseStatusRecord: [{ EvseID: evseId, EvseStatus: status }] } })
  log(`status of ${evseId} pushed: ${status}`)
}

const ok = { Result: true, StatusCode: { Code: '000' } } as const
const handlers: CpoHandlers = {
  async authorizeRemoteStart(request) {
    const sessionId = request.SessionID!
    log(`remote start at ${request.EvseID} for ${request.ProviderID}, session ${sessionId}`)
    if ([...charging.values()].some((c) => c.evseId === request.EvseID)) return { Result: false, StatusCode: { Code: '602', Description: 'in use' }, SessionID: sessionId }
    charging.set(sessionId, { evseId: request.EvseID, identification: request.Identification, start: new Date() })
    // Answer first; the charge point starts a moment later and we report it.
    setTimeout(async () => {
      try {
        await setStatus(request.EvseID, 'Occupied')
        await cpo.chargingNotificationStart({ Type: 'Start', SessionID: sessionId, EvseID: request.EvseID, Identification: request.Identification, ChargingStart: now(), OperatorID: operatorId })
        log(`charging started at ${request.EvseID}, notification sent`)
      } catch (e) {
        console.error(`start report failed: ${(e as Error).message}`)
      }
    }, 200)
    return { ...ok, SessionID: sessionId }
  },

  async authorizeRemoteStop(request) {
    const session = charging.get(request.SessionID)
    log(`remote stop of session ${request.SessionID}`)
    if (!session) return { Result: false, StatusCode: { Code: '400', Description: 'no such session here' }, SessionID: request.SessionID }
    charging.delete(request.SessionID)
    setTimeout(async () => {
      try {
        const end = new Date()
        const kWh = Number(((11 * (end.getTime() - session.start.getTime())) / 3_600_000).toFixed(3)) || 0.001
        await setStatus(session.evseId, 'Available')
        const start = localTimestamp(session.start, 'Europe/Berlin')
        const stop = localTimestamp(end, 'Europe/Berlin')
        await cpo.chargeDetailRecord({ SessionID: request.SessionID, EvseID: session.evseId, Identification: session.identification, ChargingStart: start, ChargingEnd: stop, SessionStart: start, SessionEnd: stop, MeterValueStart: 0, MeterValueEnd: kWh, ConsumedEnergy: kWh })
        log(`CDR sent for session ${request.SessionID}: ${kWh} kWh`)
      } catch (e) {
        console.error(`stop report failed: ${(e as Error).message}`)
      }
    }, 200)
    return { ...ok, SessionID: request.SessionID }
  },

  authorizeRemoteReservationStart: async (request) => ({ Result: false, StatusCode: { Code: '021', Description: 'reservations are not offered here' }, SessionID: request.SessionID }),
  authorizeRemoteReservationStop: async (request) => ({ Result: false, StatusCode: { Code: '021', Description: 'reservations are not offered here' }, SessionID: request.SessionID }),
}

const server = createMtlsServer(createServerCore(mount(cpoRoutes, handlers)), { cert: pem('server.pem'), key: pem('server-key.pem'), ca: pem('ca.pem') })
server.listen(Number(process.env.PORT ?? 9001), '127.0.0.1', async () => {
  log(`CPO ${operatorId} serving remote start/stop on https://127.0.0.1:${process.env.PORT ?? 9001}/api/oicp`)
  try {
    await cpo.pushEvseData({ ActionType: 'fullLoad', OperatorEvseData: { OperatorID: operatorId, OperatorName: 'ABC Charging', EvseDataRecord: stations } })
    log(`pushed EVSE data: ${stations.map((s) => s.EvseID).join(', ')}`)
    await cpo.pushEvseStatus({ ActionType: 'fullLoad', OperatorEvseStatus: { OperatorID: operatorId, EvseStatusRecord: stations.map((s) => ({ EvseID: s.EvseID, EvseStatus: 'Available' as const })) } })
    log('pushed EVSE status: all Available')
  } catch (e) {
    console.error(`push failed: ${(e as Error).message}`)
    process.exit(1)
  }
})

process.on('SIGTERM', () => {
  server.close()
  void cpo.core.close().then(() => process.exit(0))
})
