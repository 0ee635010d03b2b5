// A stand-in hub for the client tests: a real HTTPS server with mutual TLS on 127.0.0.1,
// port 0. It records every request (path, headers, parsed body, client certificate, and
// how many requests were in flight at once), and answers what the test's handler says:
// a JSON body, any status, a delay, or a dropped connection.
import { once } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import type { Test } from 'uvu'
import { page } from '../../hub/paging.js'
import { clientCerts } from './client-certs.js'

export interface Seen {
  method: string
  /** Path and query as received, e.g. /api/oicp/evsepull/v23/providers/DE-8EO/data-records?page=0 */
  url: string
  path: string
  query: URLSearchParams
  headers: Record<string, string | string[] | undefined>
  text: string
  body: unknown
  /** Common name of the client certificate. */
  client: string | undefined
  /** Requests in flight when this one arrived, itself included. */
  concurrent: number
}

export interface Reply {
  status?: number
  body?: unknown
  /** Raw text instead of a JSON body. */
  text?: string
  headers?: Record<string, string>
  delayMs?: number
  /** Destroy the connection instead of answering. */
  drop?: boolean
}

export type HubHandler = (seen: Seen, index: number) => Reply | Promise<Reply>

export const ACK = { Result: true, StatusCode: { Code: '000', Description: 'Success' } }

/** Answers ?page=&size= with a page of `all` in Hubject's Spring envelope, as the hub builds it. */
export function pagedReply(all: readonly unknown[], seen: Seen): Reply & { body: object } {
  const query = { page: Number(seen.query.get('page') ?? 0), size: Number(seen.query.get('size') ?? 20) }
  return { body: { ...page(all, query), StatusCode: { Code: '000' } } }
}

export class TestHub {
  readonly requests: Seen[] = []
  /** TLS connections that completed the handshake. */
  secureConnections = 0
  /** Handshakes that failed (e.g. an untrusted client certificate). */
  tlsErrors: string[] = []
  maxConcurrent = 0
  private inFlight = 0
  handler: HubHandler = () => ({ body: ACK })

  private readonly server: Server

  private constructor(options: { trust?: string }) {
    const certs = clientCerts()
    const server = createServer({
      key: certs.server.key,
      cert: certs.server.cert,
      ca: options.trust ?? certs.ca,
      requestCert: true,
      rejectUnauthorized: true,
    })
    this.server = server
    server.on('secureConnection', () => this.secureConnections++)
    server.on('tlsClientError', (e: NodeJS.ErrnoException) => this.tlsErrors.push(e.code ?? e.message))
    server.on('request', (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => void this.answer(req, res, Buffer.concat(chunks).toString('utf8')))
    })
  }

  /** Records a request and answers it as the test's handler says. */
  private async answer(req: IncomingMessage, res: ServerResponse, text: string): Promise<void> {
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      body = undefined
    }
    const url = new URL(req.url ?? '/', 'https://127.0.0.1')
    this.inFlight++
    this.maxConcurrent = Math.max(this.maxConcurrent, this.inFlight)
    const seen: Seen = {
      method: req.method ?? '',
      url: req.url ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      text,
      body,
      client: (req.socket as TLSSocket).getPeerCertificate?.()?.subject?.CN as string | undefined,
      concurrent: this.inFlight,
    }
    const index = this.requests.push(seen) - 1
    let reply: Reply
    try {
      reply = await this.handler(seen, index)
    } catch (e) {
      reply = { status: 599, text: `test handler failed: ${(e as Error).message}` }
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs))
    this.inFlight--
    if (reply.drop) {
      req.socket.destroy()
      return
    }
    const out = reply.text ?? JSON.stringify(reply.body ?? ACK)
    res.writeHead(reply.status ?? 200, {
      'content-type': reply.text === undefined ? 'application/json' : 'text/plain',
      ...reply.headers,
    })
    res.end(out)
  }

  /** A hub listening on 127.0.0.1, port 0; `trust` replaces the CA client certificates must come from. */
  static async start(options: { trust?: string } = {}): Promise<TestHub> {
    const hub = new TestHub(options)
    await hub.listen()
    return hub
  }

  /** The hub of every test of `suite`: listening before the first, reset before each, closed after the last. */
  static forSuite(suite: Test): TestHub {
    const hub = new TestHub({})
    suite.before(() => hub.listen())
    suite.before.each(() => hub.reset())
    suite.after(() => hub.close())
    return hub
  }

  private async listen(): Promise<void> {
    this.server.listen(0, '127.0.0.1')
    await once(this.server, 'listening')
  }

  get origin(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** Forgets what was seen and answers with ACK again. */
  reset(): void {
    this.requests.length = 0
    this.tlsErrors.length = 0
    this.secureConnections = 0
    this.maxConcurrent = 0
    this.handler = () => ({ body: ACK })
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections()
      this.server.close(() => resolve())
    })
  }
}
