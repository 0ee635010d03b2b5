// The web view's HTTP answers: the page and its files under /_hub/, the JSON API under
// /_hub/api/ (read-only, GET), and the event stream. Query parameters are checked and
// bounded here; the answers come from the traffic, the timelines, the map and the reads.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { performance } from 'node:perf_hooks'
import { type EvseList, type ExchangeSummary, type MapAnswer, type Overview, type SessionTimeline } from './api.js'
import type { Assets } from './assets.js'
import { summaryOf } from './exchange.js'
import type { LiveStream } from './live.js'
import type { MapIndex } from './map-index.js'
import { ALL_STATUSES, binned, boundsOf, firstIn, type Box, type Filter } from './map-query.js'
import type { WebReads } from './reads.js'
import type { Timelines } from './timelines.js'
import type { Traffic } from './traffic.js'

/** A box this small or with this few EVSEs is answered point by point. */
const POINT_LIMIT = 3000
const LIST_LIMIT = 100

export interface RouteDeps {
  hub: { url: string; tls: boolean; open: boolean }
  /** When the hub's run began: sessions created before it have no full timeline. */
  since: number
  traffic: Traffic
  timelines: Timelines
  live: LiveStream
  map: MapIndex
  reads: WebReads
  assets: () => Promise<Assets>
  onError: (e: unknown) => void
}

class BadRequest extends Error {}

function json(res: ServerResponse, status: number, value: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(value))
}

function number(q: URLSearchParams, name: string, fallback?: number): number {
  const raw = q.get(name)
  if (raw === null && fallback !== undefined) return fallback
  const n = Number(raw)
  if (raw === null || raw.trim() === '' || !Number.isFinite(n)) throw new BadRequest(`${name} must be a number`)
  return n
}

function boxOf(q: URLSearchParams): Box {
  const parts = (q.get('box') ?? '0,0,1,1').split(',').map(Number)
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)))
    throw new BadRequest('box must be x0,y0,x1,y1 in world units')
  const [x0, y0, x1, y1] = parts as [number, number, number, number]
  return { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) }
}

function filterOf(q: URLSearchParams): Filter {
  const statusMask = number(q, 'status', ALL_STATUSES) & ALL_STATUSES
  const operator = Math.trunc(number(q, 'operator', -1))
  return { statusMask, operator }
}

export function routes(d: RouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const overview = (): Overview => ({
    hubUrl: d.hub.url,
    open: d.hub.open,
    tls: d.hub.tls,
    mapped: d.map.columns.count,
    ready: d.map.ready,
    operators: d.map.operators
      .map((o, index) => ({ index, ...o, count: d.map.columns.perOperator[index] ?? 0 }))
      .filter((o) => o.count > 0),
    bounds: boundsOf(d.map.columns),
    traffic: { held: d.traffic.size, capacity: d.traffic.limits.count },
  })

  const mapAnswer = (q: URLSearchParams): MapAnswer => {
    const started = performance.now()
    const cell = number(q, 'cell')
    if (!(cell > 0 && cell <= 1)) throw new BadRequest('cell must be above 0 and at most 1 (world units)')
    const answer = binned(d.map.columns, boxOf(q), filterOf(q), cell, POINT_LIMIT)
    return { ...answer, ms: Math.round((performance.now() - started) * 10) / 10 }
  }

  const list = (q: URLSearchParams): EvseList => {
    const { total, ids } = firstIn(d.map.columns, boxOf(q), filterOf(q), LIST_LIMIT)
    return { total, items: d.reads.items(ids) }
  }

  const timeline = (sessionId: string): SessionTimeline | undefined => {
    const session = d.reads.session(sessionId)
    if (!session) return undefined
    const held = d.timelines.of(sessionId)
    return {
      session,
      steps: held?.steps ?? [],
      cdr: d.reads.cdr(sessionId),
      complete: session.created >= d.since && !held?.cut,
    }
  }

  const api = (path: string, q: URLSearchParams, res: ServerResponse): void => {
    const [kind, id, more] = path.split('/')
    if (more !== undefined) return json(res, 404, { error: 'no such API path' })
    switch (kind) {
      case 'overview':
        return json(res, 200, overview())
      case 'map':
        return json(res, 200, mapAnswer(q))
      case 'evses': {
        if (id === undefined) return json(res, 200, list(q))
        const evse = d.reads.evse(Number(id))
        return evse ? json(res, 200, evse) : json(res, 404, { error: `no EVSE ${id}` })
      }
      case 'traffic': {
        if (id === undefined)
          return json(
            res,
            200,
            d.traffic
              .recent(Math.min(1000, Math.max(1, number(q, 'limit', 200))))
              .map(summaryOf) satisfies ExchangeSummary[],
          )
        const x = d.traffic.get(Number(id))
        return x ? json(res, 200, x) : json(res, 404, { error: `exchange ${id} is no longer held` })
      }
      case 'sessions': {
        if (id === undefined)
          return json(res, 200, d.reads.sessions(Math.min(500, Math.max(1, number(q, 'limit', 100)))))
        const t = timeline(decodeURIComponent(id))
        return t ? json(res, 200, t) : json(res, 404, { error: `no session ${id}` })
      }
      case 'events':
        return d.live.attach(res)
      default:
        return json(res, 404, { error: 'no such API path' })
    }
  }

  const file = async (name: string, res: ServerResponse): Promise<void> => {
    const asset = (await d.assets()).get(name)
    if (!asset) return json(res, 404, { error: `no file ${name}` })
    res
      .writeHead(200, {
        'content-type': asset.type,
        'content-length': asset.body.byteLength,
        'cache-control': 'no-cache',
      })
      .end(asset.body)
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://view')
    const path = url.pathname
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end()
    if (path === '/' || path === '/_hub') return void res.writeHead(302, { location: '/_hub/' }).end()
    try {
      if (path.startsWith('/_hub/api/')) return api(path.slice('/_hub/api/'.length), url.searchParams, res)
      if (path === '/_hub/') return void file('index.html', res).catch((e) => failed(res, e))
      if (path.startsWith('/_hub/') && !path.slice(6).includes('/'))
        return void file(path.slice(6), res).catch((e) => failed(res, e))
      json(res, 404, { error: 'not found' })
    } catch (e) {
      failed(res, e)
    }
  }

  function failed(res: ServerResponse, e: unknown): void {
    if (e instanceof BadRequest) return json(res, 400, { error: e.message })
    d.onError(e)
    if (!res.headersSent) json(res, 500, { error: (e as Error)?.message ?? String(e) })
    else res.destroy()
  }
}
