// The hub's web view: EVSEs on a map, the live traffic and session timelines, served on a
// listener of its own (plain HTTP, loopback by default) under /_hub/. startHub loads this
// module only when asked for the view, and hands it the hub's parts to watch: the core
// (requests received), the forwarder and the simulated charge point (requests sent), the
// ledger (changes committed, and its database to read).
import type { ServerCore, ValidationReport } from 'oicp/runtime'
import type { ChargePoint, CpoReports } from '../charge-point.js'
import type { Forwarder, ForwarderOptions } from '../forward.js'
import type { Ledger } from '../ledger.js'
import type { Partners } from '../partners.js'
import type { Op } from '../store.js'
import { loadAssets, type Assets } from './assets.js'
import { summaryOf } from './exchange.js'
import { LiveStream } from './live.js'
import { MapIndex } from './map-index.js'
import { PartnerNames } from './names.js'
import { WebReads } from './reads.js'
import { routes } from './routes.js'
import { listen, type Listening } from './server.js'
import { ReceivedTap } from './tap-received.js'
import { recordingChargePoint, recordingForwarder, recordingReports } from './tap-sent.js'
import { Timelines } from './timelines.js'
import { DEFAULT_TRAFFIC, Traffic, type TrafficLimits } from './traffic.js'

export { WebViewError } from './server.js'

export interface WebOptions {
  /** Default 127.0.0.1: the view shows every partner's messages, so it stays on this machine unless told. */
  host?: string
  /** Default 0: any free port. */
  port?: number
  /** When `port` is taken, take any free one instead (for a default port rather than a chosen one). */
  anyPortIfBusy?: boolean
  /** The built page's folder; default: the one the package ships (from source: bundled on first request). */
  assets?: string
  /** How many recent exchanges, and how many bytes of them, are held. */
  traffic?: Partial<TrafficLimits>
}

function sessionOf(op: Op): string | undefined {
  switch (op.kind) {
    case 'session':
      return op.session.sessionId
    case 'sessionState':
    case 'cdrForwarded':
      return op.sessionId
    case 'cdr':
      return op.cdr.SessionID
    default:
      return undefined
  }
}

export class WebView {
  readonly traffic: Traffic
  readonly timelines = new Timelines()
  readonly #live = new LiveStream()
  readonly #names: PartnerNames
  readonly #received: ReceivedTap
  readonly #since = Date.now()
  #map: MapIndex | undefined
  #listening: Listening | undefined
  #assets: Promise<Assets> | undefined

  constructor(
    private readonly options: WebOptions,
    private readonly partners: Partners,
    private readonly onError: (e: unknown, where: string) => void,
  ) {
    this.traffic = new Traffic({ ...DEFAULT_TRAFFIC, ...options.traffic })
    this.#names = new PartnerNames(partners)
    this.#received = new ReceivedTap(this.traffic, this.#names)
    this.traffic.onAdd((x) => {
      this.#live.exchange(summaryOf(x))
      const session = this.timelines.add(x)
      if (session) this.#live.session(session)
    })
  }

  /** The page's address, once listening. */
  get url(): string | undefined {
    return this.#listening?.url
  }

  /** For the ledger: every committed op. */
  readonly committed = (op: Op): void => {
    this.#map?.note(op)
    const session = sessionOf(op)
    if (session) this.#live.session(session)
  }

  core(core: ServerCore): ServerCore {
    return this.#received.core(core)
  }

  validationReports(next: ((report: ValidationReport) => void) | undefined): (report: ValidationReport) => void {
    return this.#received.reports(next)
  }

  forwarder(options: ForwarderOptions): Forwarder {
    return recordingForwarder(options, this.traffic, this.#names)
  }

  chargePoint(target: ChargePoint): ChargePoint {
    return recordingChargePoint(target, this.traffic)
  }

  reports(target: CpoReports): CpoReports {
    return recordingReports(target, this.traffic)
  }

  /** Starts reading the map's data and serving the view; returns its address. Throws WebViewError when it cannot listen. */
  async listen(ledger: Ledger, hub: { url: string; tls: boolean }): Promise<string> {
    const db = ledger.database
    const map = (this.#map = new MapIndex(
      db,
      () => this.#live.evses({ mapped: map.columns.count }),
      (e) => this.onError(e, 'web view map'),
    ))
    const handle = routes({
      hub: { ...hub, open: this.partners.open },
      since: this.#since,
      traffic: this.traffic,
      timelines: this.timelines,
      live: this.#live,
      map,
      reads: new WebReads(db),
      assets: () => (this.#assets ??= loadAssets(this.options.assets)),
      onError: (e) => this.onError(e, 'web view'),
    })
    try {
      this.#listening = await listen(
        {
          host: this.options.host ?? '127.0.0.1',
          port: this.options.port ?? 0,
          anyPortIfBusy: this.options.anyPortIfBusy ?? false,
        },
        handle,
      )
    } catch (e) {
      map.close()
      throw e
    }
    return this.#listening.url
  }

  async close(): Promise<void> {
    this.#map?.close()
    this.#live.close()
    await this.#listening?.close()
  }
}
