// A stand-in hub for the client tests: a real HTTPS server with mutual TLS on 127.0.0.1,
// port 0. It records every request (path, headers, parsed body, client certificate, and
// how many requests were in flight at once), and answers what the test's handler says:
// a JSON body, any status, a delay, or a dropped connection.
import { once } from 'node:events'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
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

export class TestHub {
  readonly requests: Seen[] = []
  /** TLS connections that completed the handshake. */
  secureConnections = 0
  /** Handshakes that failed (e.g. an untrusted client certificate). */
  tlsErrors: string[] = []
  maxConcurrent = 0
  private inFlight = 0
  handler: HubHandler = () => ({ body: ACK })

  private constructor(private readonly server: Server) {}

  static async start(options: { trust?: string } = {}): Promise<TestHub> {
    const certs = clientCerts()
    const server = createServer({ key: certs.server.key, cert: certs.server.cert, ca: options.trust ?? certs.ca, requestCert: true, rejectUnauthorized: true })
    const hub = new TestHub(server)
    server.on('secureConnection', () => hub.secureConnections++)
    server.on('tlsClientError', (e: NodeJS.ErrnoException) => hub.tlsErrors.push(e.code ?? e.message))
    server.on('request', (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', async () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let body: unknown
        try {
          body = text === '' ? undefined : JSON.parse(text)
        } catch {
          body = undefined
        }
        const url = new URL(req.url ?? '/', 'https://127.0.0.1')
        hub.inFlight++
        hub.maxConcurrent = Math.max(hub.maxConcurrent, hub.inFlight)
        const seen: Seen = {
          method: req.method ?? '',
          url: req.url ?? '',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          text,
          body,
          client: (req.socket as TLSSocket).getPeerCertificate?.()?.subject?.CN as string | undefined,
          concurrent: hub.inFlight,
        }
        const index = hub.requests.push(seen) - 1
        let reply: Reply
        try {
          reply = await hub.handler(seen, index)
        } catch (e) {
          reply = { status: 599, text: `test handler failed: ${(e as Error).message}` }
        }
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs))
        hub.inFlight--
        if (reply.drop) {
          req.socket.destroy()
          return
        }
        const out = reply.text ?? JSON.stringify(reply.body ?? ACK)
        res.writeHead(reply.status ?? 200, { 'content-type': reply.text === undefined ? 'application/json' : 'text/plain', ...reply.headers })
        res.end(out)
      })
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    return hub
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
