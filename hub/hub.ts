// The hub as a whole: the generated hub routes served by the runtime's server core, over
// mutual TLS (partners' IDs checked against their certificates) or plain HTTP in the
// open development mode, with the ledger (memory or a data folder) behind the handlers.
import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServerCore, mount, type ServerCore, type TlsOptions, type ValidationReport } from 'oicp/runtime'
import { createMtlsServer, createOicpServer } from 'oicp/server/node'
import { hubRoutes } from 'oicp/2.3'
import { chargingRouting } from './charging.js'
import type { HubContext, HubEvent } from './context.js'
import { dataHandlers } from './data-handlers.js'
import { Forwarder } from './forward.js'
import { Ledger, type Restored } from './ledger.js'
import { Partners, type PartnerConfig } from './partners.js'
import { SimulatedChargePoint, type SimulatorOptions } from './simulator.js'
import { SCHEMA_VERSION } from './storage/schema.js'
import type { HubStore } from './store.js'
import type { WebOptions } from './web/index.js'

export interface HubOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0: any free port (see `port` of the running hub). */
  port?: number
  /** Serve over mutual TLS: the hub's certificate and the CA partner client certificates must come from. */
  tls?: { cert: string | Buffer; key: string | Buffer; ca: string | Buffer }
  /** The hub's client certificate for forwarding to partners, and the CA to check their servers with. */
  client?: TlsOptions
  /** The partners; none (undefined) for the open development mode. */
  partners?: PartnerConfig[]
  /** Keep the state in this folder (a SQLite database, hub.db) across restarts; default: in memory only. */
  dataDir?: string
  /** Refuse changes (OICP 021, nothing stored) that would grow the database past this many bytes. */
  maxDatabaseBytes?: number
  /** Per forwarded request; default 10 s. */
  forwardTimeoutMs?: number
  simulator?: SimulatorOptions
  /** Path prefix; default /api/oicp, as Hubject's. */
  prefix?: string
  /** Every thing the hub does, one line each. */
  onEvent?: (event: HubEvent) => void
  /** Failures nobody else sees: handler exceptions, failed background work. */
  onError?: (error: unknown, where: string) => void
  /** Every request refused as invalid. */
  onValidationError?: (report: ValidationReport) => void
  /** Serve the web view (EVSE map, live traffic, sessions) under /_hub/ on a plain-HTTP listener of its own, on loopback unless `host` says otherwise. */
  web?: WebOptions
}

export interface RunningHub {
  /** The base URL partners use, e.g. https://127.0.0.1:40123/api/oicp. */
  readonly url: string
  readonly port: number
  readonly store: HubStore
  readonly core: ServerCore
  /** Torn writes dropped when an old journal was imported on start (a kill interrupted them: never acknowledged). */
  readonly droppedOnStart: number
  /** The web view's address (http://127.0.0.1:<port>/_hub/), when `web` was given. */
  readonly webUrl: string | undefined
  /** Resolves when all forwarding and simulated charging started so far is done. */
  idle(): Promise<void>
  close(): Promise<void>
}

/** What the start line says about the state: where it is and what came from the folder. */
function stateText(restored: Restored, store: HubStore): string {
  if (restored.file === ':memory:') return 'state in memory'
  const found =
    restored.schemaFrom === 0
      ? 'new database'
      : `${store.evses.size} EVSE records, ${store.statuses.size} status records, ${store.sessions.size} sessions, ${store.cdrs.size} CDRs`
  const i = restored.imported
  const old = !i
    ? ''
    : i.resumed
      ? '; old journal files (imported before) renamed *.imported'
      : `; old journal imported (${i.items} snapshot items, ${i.ops} journal entries), its files renamed *.imported`
  return `data in ${restored.file}, schema version ${SCHEMA_VERSION}: ${found}${old}`
}

/** Starts the hub; throws HubStorageError (one line, naming the file) when its data folder cannot be used. */
export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  const partners = new Partners(options.partners)
  const onError = (e: unknown, where: string) => {
    try {
      options.onError?.(e, where)
    } catch {
      // A failing hook must not take the hub down.
    }
  }
  // Its code is loaded only when asked for; it watches the parts made below.
  const web = options.web ? new (await import('./web/index.js')).WebView(options.web, partners, onError) : undefined
  const { ledger, restored } = Ledger.open({
    dataDir: options.dataDir,
    maxDatabaseBytes: options.maxDatabaseBytes,
    onStorageError: (e) => onError(e, 'storage'),
    ...(web ? { onCommit: web.committed } : {}),
  })
  const forwarding = { tls: options.client, timeoutMs: options.forwardTimeoutMs }
  const forwarder = web ? web.forwarder(forwarding) : new Forwarder(forwarding)
  const pending = new Set<Promise<void>>()
  const hub: HubContext = {
    ledger,
    partners,
    forwarder,
    background(name, task) {
      const p: Promise<void> = task()
        .catch((e) => onError(e, name))
        .finally(() => pending.delete(p))
      pending.add(p)
    },
    log(event) {
      try {
        options.onEvent?.(event)
      } catch {
        // As above.
      }
    },
  }
  const simulator = new SimulatedChargePoint(hub, options.simulator)
  const charging = chargingRouting(hub, web?.chargePoint(simulator) ?? simulator)
  simulator.reports = web?.reports(charging.reports) ?? charging.reports

  const checkClientIds = options.tls
    ? partners.open
      ? true
      : (cert: Parameters<Partners['idsOf']>[0]) => partners.idsOf(cert)
    : false
  const onValidationError = web ? web.validationReports(options.onValidationError) : options.onValidationError
  const core = createServerCore(mount(hubRoutes, { ...dataHandlers(hub), ...charging.handlers }), {
    prefix: options.prefix ?? '/api/oicp',
    checkClientIds,
    // What the hub keeps and serves again holds only the spec's members.
    unknownMembers: 'drop',
    onError: (e, operation) => onError(e, operation?.name ?? 'request'),
    ...(onValidationError ? { onValidationError } : {}),
  })
  const served = web?.core(core) ?? core
  const server: Server = options.tls
    ? createMtlsServer(served, { ...options.tls, minVersion: 'TLSv1.2' })
    : createOicpServer(served)
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1')
  try {
    await once(server, 'listening')
  } catch (e) {
    ledger.close()
    throw e
  }
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `${options.tls ? 'https' : 'http'}://${host}:${address.port}${core.prefix}`
  hub.log({
    kind: 'start',
    text: `hub listening on ${url} (${options.tls ? 'mutual TLS' : 'plain HTTP'}, ${partners.open ? 'open development mode' : `${partners.list!.length} partners`}, ${stateText(restored, ledger.store)})`,
  })

  try {
    if (web)
      hub.log({
        kind: 'start',
        text: `web view on ${await web.listen(ledger, { url, tls: options.tls !== undefined })}`,
      })
  } catch (e) {
    server.close()
    ledger.close()
    throw e
  }

  const idle = async () => {
    while (pending.size > 0) await Promise.allSettled([...pending])
  }
  let closing: Promise<void> | undefined
  return {
    url,
    port: address.port,
    store: ledger.store,
    core,
    droppedOnStart: restored.imported?.torn ?? 0,
    webUrl: web?.url,
    idle,
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeIdleConnections()
        await idle()
        await web?.close()
        await forwarder.close()
        server.closeAllConnections()
        await closed
        // Last: a request still being answered above may read or commit.
        ledger.close()
      })()),
  }
}
