// A mutual-TLS front for a plain-HTTP server (Prism speaks no TLS): it accepts only clients
// with a certificate from `ca`, passes each request on unchanged and its answer back, and
// records what it passed.
import { once } from 'node:events'
import { request as httpRequest } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { TLSSocket } from 'node:tls'

export interface Exchange {
  method: string
  path: string
  /** The common name of the client certificate. */
  client: string
  status: number
  body: string
}

export interface MtlsProxy {
  origin: string
  exchanges: Exchange[]
  close(): Promise<void>
}

export async function startMtlsProxy(
  target: string,
  tls: { cert: string; key: string; ca: string },
): Promise<MtlsProxy> {
  const exchanges: Exchange[] = []
  const server: Server = createServer({ ...tls, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate()
    const forward = httpRequest(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (answer) => {
        const chunks: Buffer[] = []
        answer.on('data', (c: Buffer) => chunks.push(c))
        answer.on('end', () => {
          const body = Buffer.concat(chunks)
          exchanges.push({
            method: req.method ?? '',
            path: req.url ?? '',
            client: String(peer.subject?.CN ?? ''),
            status: answer.statusCode ?? 0,
            body: body.toString(),
          })
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          res.end(body)
        })
      },
    )
    forward.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(String(e))
    })
    req.pipe(forward)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  return {
    origin: `https://127.0.0.1:${port}`,
    exchanges,
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
