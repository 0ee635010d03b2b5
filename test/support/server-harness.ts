// Starts a ServerCore behind each of the four adapters on 127.0.0.1, port 0, over http or
// mutual TLS, next to a route of the host app's own; and sends raw requests to it.
import { once } from 'node:events'
import { Agent as HttpAgent, createServer as createHttpServer, request as httpRequest, type Server } from 'node:http'
import {
  createServer as createHttpsServer,
  request as httpsRequest,
  type ServerOptions as HttpsOptions,
} from 'node:https'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import type { ServerCore } from '../../runtime/index.js'
import { oicpExpress } from '../../runtime/server/adapters/express.js'
import { oicpFastify, oicpFrameworkErrors } from '../../runtime/server/adapters/fastify.js'
import { oicpHono } from '../../runtime/server/adapters/hono.js'
import { createMtlsServer, nodeListener } from '../../runtime/server/adapters/node.js'

export const ADAPTERS = ['node', 'fastify', 'express', 'hono'] as const
export type AdapterName = (typeof ADAPTERS)[number]

export interface Tls {
  key: string
  cert: string
  ca: string
}

export interface Running {
  /** Origin, e.g. http://127.0.0.1:40123 */
  origin: string
  close(): Promise<void>
}

/** The host app's own route, to show that mounting oicp leaves the rest of the app alone. */
export const HEALTH = '/health'

const mtls = (tls: Tls): HttpsOptions => ({ ...tls, requestCert: true, rejectUnauthorized: true })

async function listen(server: Server): Promise<void> {
  if (!server.listening) {
    if (server.address() === null) server.listen(0, '127.0.0.1')
    await once(server, 'listening')
  }
}

function running(server: Server, scheme: string): Running {
  return {
    origin: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export async function start(adapter: AdapterName, core: ServerCore, tls?: Tls): Promise<Running> {
  const scheme = tls ? 'https' : 'http'
  switch (adapter) {
    case 'node': {
      const server = tls ? createMtlsServer(core, tls) : createHttpServer(nodeListener(core))
      await listen(server)
      return running(server, scheme)
    }
    case 'fastify': {
      if (tls) {
        const app = Fastify({ https: mtls(tls), frameworkErrors: oicpFrameworkErrors })
        await app.register(oicpFastify, { core })
        await app.listen({ port: 0, host: '127.0.0.1' })
        return { origin: `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() }
      }
      const app = Fastify({ frameworkErrors: oicpFrameworkErrors })
      app.get(HEALTH, async () => ({ ok: true }))
      await app.register(oicpFastify, { core })
      await app.listen({ port: 0, host: '127.0.0.1' })
      return { origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() }
    }
    case 'express': {
      const app = express()
      app.use(oicpExpress(core))
      app.get(HEALTH, (_req, res) => void res.json({ ok: true }))
      const server = tls ? createHttpsServer(mtls(tls), app) : createHttpServer(app)
      await listen(server)
      return running(server, scheme)
    }
    case 'hono': {
      const app = new Hono()
      app.use(oicpHono(core))
      app.get(HEALTH, (c) => c.json({ ok: true }))
      const server = (
        tls
          ? serve({
              fetch: app.fetch,
              port: 0,
              hostname: '127.0.0.1',
              createServer: createHttpsServer,
              serverOptions: mtls(tls),
            })
          : serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
      ) as Server
      await listen(server)
      return running(server, scheme)
    }
  }
}

export interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any
}

const keepAlive = new HttpAgent({ keepAlive: true, maxSockets: 16 })

export interface SendOptions {
  method?: string
  body?: string | Uint8Array
  headers?: Record<string, string>
  /** For https: the CA to trust and, optionally, the client certificate to present. */
  tls?: { ca: string; cert?: string; key?: string }
  /** Send the body chunked, without a content-length. */
  chunked?: boolean
}

/** One request with exactly the given bytes; resolves with the answer, rejects when the connection fails. */
export function send(url: string, options: SendOptions = {}): Promise<Reply> {
  const body = options.body
  const length: Record<string, number> =
    body !== undefined && !options.chunked ? { 'content-length': Buffer.byteLength(body) } : {}
  const headers: Record<string, string | number> = {
    ...(body !== undefined ? { 'content-type': 'application/json', ...length } : {}),
    ...options.headers,
  }
  return new Promise((resolve, reject) => {
    const onResponse = (res: import('node:http').IncomingMessage) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch {
          json = undefined
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
      })
    }
    const req = options.tls
      ? httpsRequest(
          url,
          { method: options.method ?? 'POST', headers, ...options.tls, agent: false, servername: 'localhost' },
          onResponse,
        )
      : httpRequest(url, { method: options.method ?? 'POST', headers, agent: keepAlive }, onResponse)
    req.on('error', reject)
    req.setTimeout(20_000, () => req.destroy(new Error(`no answer from ${url} within 20 s`)))
    if (options.chunked && body !== undefined) {
      // Two writes, so that the body really goes out in chunks.
      const bytes = typeof body === 'string' ? Buffer.from(body) : body
      req.write(bytes.subarray(0, bytes.length >> 1))
      req.end(bytes.subarray(bytes.length >> 1))
    } else req.end(body)
  })
}

/** Closes idle keep-alive sockets so that the test process can end. */
export function closeClients(): void {
  keepAlive.destroy()
}
