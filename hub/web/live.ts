// Server-Sent Events to the open pages: finished exchanges, map changes and changed
// sessions, gathered for a moment and sent as one event of each kind, so a busy hub sends
// a few events a second rather than one per request. A page that stops reading is dropped
// (it reconnects and reloads what it missed) instead of its backlog growing.
import type { ServerResponse } from 'node:http'
import type { ExchangeSummary, LiveEvents } from './api.js'

/** How long changes are gathered before they go out. */
const BATCH_MS = 100
/** Exchanges per batch: under a flood the page gets the latest and fetches the rest if it wants. */
const BATCH_EXCHANGES = 500
/** Unsent bytes a page may fall behind by before it is dropped. */
const BACKLOG_BYTES = 1024 * 1024
const HEARTBEAT_MS = 15_000

export class LiveStream {
  readonly #pages = new Set<ServerResponse>()
  #exchanges: ExchangeSummary[] = []
  readonly #sessions = new Set<string>()
  #evses: LiveEvents['evses'] | undefined
  #timer: NodeJS.Timeout | undefined
  readonly #heartbeat: NodeJS.Timeout

  constructor() {
    this.#heartbeat = setInterval(() => this.#write(': ping\n\n'), HEARTBEAT_MS).unref()
  }

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    res.write('retry: 1000\n\n')
    this.#pages.add(res)
    res.on('close', () => this.#pages.delete(res))
  }

  exchange(x: ExchangeSummary): void {
    if (this.#pages.size === 0) return
    this.#exchanges.push(x)
    if (this.#exchanges.length > BATCH_EXCHANGES) this.#exchanges = this.#exchanges.slice(-BATCH_EXCHANGES)
    this.#soon()
  }

  session(sessionId: string): void {
    if (this.#pages.size === 0) return
    this.#sessions.add(sessionId)
    this.#soon()
  }

  evses(change: LiveEvents['evses']): void {
    if (this.#pages.size === 0) return
    this.#evses = change
    this.#soon()
  }

  close(): void {
    clearInterval(this.#heartbeat)
    clearTimeout(this.#timer)
    for (const res of this.#pages) res.end()
    this.#pages.clear()
  }

  #soon(): void {
    this.#timer ??= setTimeout(() => this.#flush(), BATCH_MS)
  }

  #flush(): void {
    this.#timer = undefined
    let text = ''
    const event = <K extends keyof LiveEvents>(name: K, data: LiveEvents[K]) =>
      (text += `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)
    if (this.#exchanges.length > 0) event('exchanges', this.#exchanges)
    if (this.#sessions.size > 0) event('sessions', [...this.#sessions])
    if (this.#evses) event('evses', this.#evses)
    this.#exchanges = []
    this.#sessions.clear()
    this.#evses = undefined
    if (text) this.#write(text)
  }

  #write(text: string): void {
    for (const res of this.#pages) {
      if (res.writableLength > BACKLOG_BYTES) res.destroy()
      else res.write(text)
    }
  }
}
