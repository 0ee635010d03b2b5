// A hub with real partners for the hub tests, all on 127.0.0.1, port 0, mutual TLS with
// one development CA: the hub (partners from a config), a CPO backend (cpoRoutes) and an
// EMP backend (empRoutes) that record what the hub forwards to them, and generated CPO
// and EMP clients with their own certificates.
import { once } from 'node:events'
import type { Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import {
  cpoRoutes,
  createCpoClient,
  createEmpClient,
  empRoutes,
  type CpoClient,
  type CpoHandlers,
  type EmpClient,
  type EmpHandlers,
  type Messages,
} from '../../generated/oicp-2.3/index.js'
import { createServerCore, mount, type CoreRequest, type ServerCore } from '../../runtime/index.js'
import type { Pem } from '../../cli/certs.js'
import { startHub, type HubOptions, type RunningHub } from '../../hub/index.js'
import type { HubEvent } from '../../hub/context.js'
import { createMtlsServer } from '../../runtime/server/adapters/node.js'
import { devCerts, type DevCerts } from './dev-certs.js'
import { send, type Reply } from './server-harness.js'

export const OPERATOR = 'DE*ABC'
export const OTHER_OPERATOR = 'DE*XYZ'
export const PROVIDER = 'DE-8EO'
export const EVCO = 'DE-8EO-CAet5e4XY-3'

export type HubCerts = DevCerts<'hub' | 'cpo' | 'cpo2' | 'emp'>

/** The hub's certificates and its partners'. */
export function hubCerts(): HubCerts {
  return devCerts('oicp hub tests CA', { hub: 'hub', cpo: 'cpo', cpo2: 'cpo2', emp: 'emp' })
}

const ack = { Result: true, StatusCode: { Code: '000' } } as const

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/oicp`
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })
}

/** What a partner backend received from the hub. */
export type Received = { operation: string; body: any }

export interface World {
  hub: RunningHub
  events: HubEvent[]
  cpo: CpoClient
  cpo2: CpoClient
  emp: EmpClient
  /** Requests the hub forwarded to the CPO backend and to the EMP backend. */
  atCpo: Received[]
  atEmp: Received[]
  /** Sends raw JSON to a hub path (after the prefix) with a partner's certificate. */
  raw(path: string, body: unknown, as?: keyof Omit<HubCerts, 'ca' | 'server'>): Promise<Reply>
  /** Replace to change how the CPO backend answers a remote start. */
  cpoHandlers: CpoHandlers
  close(): Promise<void>
}

/** One exchange as it crossed the wire: `hub` is an answer of the hub, `cpo` and `emp` a request the hub forwarded to that backend. */
export interface WireRecord {
  at: 'hub' | 'cpo' | 'emp'
  method: string
  url: string
  request: string
  status: number
  response: string
}

function bodyText(body: CoreRequest['body']): string {
  if (typeof body === 'string') return body
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8')
  return 'parsed' in body ? JSON.stringify(body.parsed) : ''
}

/** Hands every exchange of a server core to `onWire`, with the bytes of both bodies. */
function tap(core: ServerCore, at: WireRecord['at'], onWire: ((r: WireRecord) => void) | undefined): ServerCore {
  if (!onWire) return core
  const handle = core.handle.bind(core)
  core.handle = async (req) => {
    const request = bodyText(req.body)
    const res = await handle(req)
    onWire({ at, method: req.method, url: req.url, request, status: res.status, response: res.body })
    return res
  }
  return core
}

/** Waits until `check` holds, polling; fails after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** `onWire` hears every exchange of the hub and of both backends (see WireRecord). */
export async function startWorld(options: Partial<HubOptions> = {}, onWire?: (r: WireRecord) => void): Promise<World> {
  const c = hubCerts()
  const tls = { cert: c.server.cert, key: c.server.key, ca: c.ca }
  const atCpo: Received[] = []
  const atEmp: Received[] = []
  const world = {} as World
  // Each records what reached the CPO and acknowledges it with its SessionID.
  const recorded = (operation: keyof CpoHandlers) => async (r: { SessionID?: string }) => (
    atCpo.push({ operation, body: r }),
    { ...ack, SessionID: r.SessionID }
  )
  world.cpoHandlers = {
    authorizeRemoteStart: recorded('authorizeRemoteStart'),
    authorizeRemoteStop: recorded('authorizeRemoteStop'),
    authorizeRemoteReservationStart: recorded('authorizeRemoteReservationStart'),
    authorizeRemoteReservationStop: recorded('authorizeRemoteReservationStop'),
  }
  // Indirection so that a test can swap a handler after the server started.
  const cpoServer = createMtlsServer(
    tap(
      createServerCore(
        mount(cpoRoutes, {
          authorizeRemoteStart: (r, x) => world.cpoHandlers.authorizeRemoteStart(r, x),
          authorizeRemoteStop: (r, x) => world.cpoHandlers.authorizeRemoteStop(r, x),
          authorizeRemoteReservationStart: (r, x) => world.cpoHandlers.authorizeRemoteReservationStart(r, x),
          authorizeRemoteReservationStop: (r, x) => world.cpoHandlers.authorizeRemoteReservationStop(r, x),
        }),
      ),
      'cpo',
      onWire,
    ),
    tls,
  )
  const empHandlers: EmpHandlers = {
    authorizeStart: async (r) => {
      atEmp.push({ operation: 'authorizeStart', body: r })
      const known = 'RemoteIdentification' in r.Identification || 'PlugAndChargeIdentification' in r.Identification
      return {
        SessionID: r.SessionID,
        ProviderID: PROVIDER,
        AuthorizationStatus: known ? 'Authorized' : 'NotAuthorized',
        StatusCode: { Code: known ? '000' : '102' },
      }
    },
    authorizeStop: async (r) => (
      atEmp.push({ operation: 'authorizeStop', body: r }),
      { SessionID: r.SessionID, ProviderID: PROVIDER, AuthorizationStatus: 'Authorized', StatusCode: { Code: '000' } }
    ),
    chargeDetailRecord: async (r) => (
      atEmp.push({ operation: 'chargeDetailRecord', body: r }),
      { ...ack, SessionID: r.SessionID }
    ),
    chargingNotifications: async (r) => (atEmp.push({ operation: `chargingNotification${r.Type}`, body: r }), ack),
  }
  const empServer = createMtlsServer(tap(createServerCore(mount(empRoutes, empHandlers)), 'emp', onWire), tls)
  const [cpoUrl, empUrl] = await Promise.all([listen(cpoServer), listen(empServer)])
  const events: HubEvent[] = []
  const hub = await startHub({
    tls,
    client: { cert: c.hub.cert, key: c.hub.key, ca: c.ca },
    partners: [
      { name: 'cpo', operatorIds: [OPERATOR], endpoint: cpoUrl },
      { name: 'cpo2', operatorIds: [OTHER_OPERATOR], simulate: true },
      { name: 'emp', providerIds: [PROVIDER], endpoint: empUrl },
    ],
    onEvent: (e) => events.push(e),
    onError: (e, where) => events.push({ kind: 'error', text: `${where}: ${(e as Error)?.stack ?? String(e)}` }),
    ...options,
  })
  tap(hub.core, 'hub', onWire)
  const client = (pem: Pem) => ({
    baseUrl: hub.url,
    tls: { cert: pem.cert, key: pem.key, ca: c.ca },
    retry: false as const,
    timeoutMs: 20_000,
  })
  Object.assign(world, {
    hub,
    events,
    atCpo,
    atEmp,
    cpo: createCpoClient({ ...client(c.cpo), operatorId: OPERATOR }),
    cpo2: createCpoClient({ ...client(c.cpo2), operatorId: OTHER_OPERATOR }),
    emp: createEmpClient({ ...client(c.emp), providerId: PROVIDER }),
    raw: (path: string, body: unknown, as: keyof Omit<HubCerts, 'ca' | 'server'> = 'emp') =>
      send(`${hub.url}${path}`, { body: JSON.stringify(body), tls: { ca: c.ca, cert: c[as].cert, key: c[as].key } }),
    close: async () => {
      await Promise.all([world.cpo.core.close(), world.cpo2.core.close(), world.emp.core.close()])
      await hub.close()
      await Promise.all([close(cpoServer), close(empServer)])
    },
  })
  return world
}

/** A valid EVSE data record of `operator` (instance number n), near Berlin unless told otherwise. */
export function evse(
  n: number,
  options: { operator?: string; lat?: number; lon?: number; country?: string } = {},
): Messages['eRoamingPushEvseData']['OperatorEvseData']['EvseDataRecord'][number] {
  const operator = options.operator ?? OPERATOR
  const lat = options.lat ?? 52.52 + n * 0.0001
  const lon = options.lon ?? 13.405
  return {
    EvseID: `${operator}*E${String(n).padStart(5, '0')}`,
    ChargingStationNames: [{ lang: 'en', value: `Station ${n}` }],
    Address: {
      Country: options.country ?? 'DEU',
      City: 'Berlin',
      Street: 'Alexanderplatz',
      PostalCode: '10178',
      HouseNum: String(n % 100),
      TimeZone: 'UTC+01:00',
    },
    GeoCoordinates: { Google: { Coordinates: `${lat.toFixed(6)} ${lon.toFixed(6)}` } },
    Plugs: ['Type 2 Outlet'],
    ChargingFacilities: [{ PowerType: 'AC_3_PHASE', Voltage: 400, Amperage: 32, Power: 22, ChargingModes: ['Mode_3'] }],
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

type EvseStatus = Messages['eRoamingPushEvseStatus']['OperatorEvseStatus']['EvseStatusRecord'][number]['EvseStatus']

/** A full load of `records` for OPERATOR through `cpo`, then a full load of their status (Available unless told). */
export async function pushStations(
  cpo: CpoClient,
  records: ReturnType<typeof evse>[],
  options: { operatorName?: string; status?: (n: number) => EvseStatus } = {},
): Promise<void> {
  const OperatorName = options.operatorName ?? 'ABC'
  await cpo.pushEvseData({
    ActionType: 'fullLoad',
    OperatorEvseData: { OperatorID: OPERATOR, OperatorName, EvseDataRecord: records },
  })
  const EvseStatusRecord = records.map((r, n) => ({ EvseID: r.EvseID, EvseStatus: options.status?.(n) ?? 'Available' }))
  await cpo.pushEvseStatus({ ActionType: 'fullLoad', OperatorEvseStatus: { OperatorID: OPERATOR, EvseStatusRecord } })
}

export function evseIds(pageRecords: { EvseID: string }[]): string[] {
  return pageRecords.map((r) => r.EvseID)
}
