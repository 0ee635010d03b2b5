// The adapters behind their frameworks' usual body parsers: express.json() in front of
// oicpExpress, a hono middleware that reads c.req.json() before oicpHono, and fastify with
// its own JSON parser for the rest of the app. A deeply nested body gets a 400
// acknowledgement (it used to drop the connection), dangerous keys are gone, and the
// parser's own refusals come back as acknowledgements too.
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { serve } from '@hono/node-server'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { cpoRoutes } from '../generated/oicp-2.3/index.js'
import { createServerCore, mount } from '../runtime/index.js'
import { oicpExpress, oicpExpressErrors } from '../runtime/server/adapters/express.js'
import { oicpFastify } from '../runtime/server/adapters/fastify.js'
import { oicpHono } from '../runtime/server/adapters/hono.js'
import { remoteStart, remoteStartRecorder, REMOTE_START } from './support/server-fixtures.js'
import { closeClients, send } from './support/server-harness.js'

const { seen, handlers } = remoteStartRecorder()
const core = createServerCore(mount(cpoRoutes, handlers))

/** A valid remote start with an unknown member nested `depth` lists deep. */
function deepBody(depth: number): string {
  return JSON.stringify({ ...remoteStart(), Unknown: 0 }).replace(
    '"Unknown":0',
    `"Unknown":${'['.repeat(depth)}${']'.repeat(depth)}`,
  )
}

async function listening(server: Server): Promise<{ origin: string; close(): Promise<void> }> {
  if (!server.listening) await once(server, 'listening')
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

type Start = () => Promise<{ origin: string; close(): Promise<void> }>

const setups: Record<string, Start> = {
  'express behind express.json()': async () => {
    const app = express()
    app.use(express.json({ limit: '5mb' }))
    app.use(oicpExpress(core))
    app.use(oicpExpressErrors(core))
    return listening(createServer(app).listen(0, '127.0.0.1'))
  },
  'hono behind a middleware reading c.req.json()': async () => {
    const app = new Hono()
    app.use(async (c, next) => {
      if (c.req.method === 'POST') await c.req.json().catch(() => undefined)
      await next()
    })
    app.use(oicpHono(core))
    return listening(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server)
  },
  'fastify with its JSON parser for the rest of the app': async () => {
    const app = Fastify({ bodyLimit: 5 * 1024 * 1024 })
    app.post('/app/echo', async (req) => req.body)
    await app.register(oicpFastify, { core })
    await app.listen({ port: 0, host: '127.0.0.1' })
    return { origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() }
  },
}

for (const [name, startApp] of Object.entries(setups)) {
  const test = suite(name)
  let app: Awaited<ReturnType<Start>>
  test.before(async () => {
    app = await startApp()
  })
  test.after(() => app.close())
  test.before.each(() => {
    seen.length = 0
  })

  test('a valid request is served', async () => {
    const r = await send(app.origin + REMOTE_START, { body: JSON.stringify(remoteStart()) })
    assert.is(r.status, 200, r.text)
    assert.is(seen.length, 1)
  })

  test('nested 4,000 and 200,000 deep: 400 with acknowledgement 022 naming the limit, the connection answered', async () => {
    for (const depth of [4000, 200_000]) {
      const r = await send(app.origin + REMOTE_START, { body: deepBody(depth) })
      assert.is(r.status, 400, `${depth}: ${r.text.slice(0, 200)}`)
      assert.is(r.json.StatusCode.Code, '022')
      assert.match(r.json.StatusCode.AdditionalInfo, '64')
    }
    assert.is(seen.length, 0)
  })

  test('__proto__ and constructor keys do not reach the handler', async () => {
    const body = `{"__proto__":{"polluted":1},${JSON.stringify({ ...remoteStart(), Identification: { RemoteIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3', constructor: { prototype: { polluted: 1 } } } } }).slice(1)}`
    const r = await send(app.origin + REMOTE_START, { body })
    assert.is(r.status, 200, r.text)
    const text = JSON.stringify(seen[0])
    assert.not.match(text, '__proto__')
    assert.not.match(text, 'constructor')
    assert.is(({} as { polluted?: unknown }).polluted, undefined)
  })

  test('a body that is not JSON: 400, acknowledgement 022', async () => {
    const r = await send(app.origin + REMOTE_START, { body: '{"ProviderID": ' })
    assert.is(r.status, 400, r.text)
    assert.is(r.json?.StatusCode?.Code, '022', r.text)
  })

  test.run()
}

const gz = suite('gzip behind express.json()')
gz('the parser inflated it within its own limit: served; without a parser in front: 415', async () => {
  const behind = await setups['express behind express.json()']!()
  const bare = express()
  bare.use(oicpExpress(core))
  const alone = await listening(createServer(bare).listen(0, '127.0.0.1'))
  try {
    const body = gzipSync(JSON.stringify(remoteStart()))
    const headers = { 'content-encoding': 'gzip' }
    assert.is((await send(behind.origin + REMOTE_START, { body, headers })).status, 200)
    assert.is((await send(alone.origin + REMOTE_START, { body, headers })).status, 415)
  } finally {
    await Promise.all([behind.close(), alone.close()])
  }
})
gz.run()

const done = suite('clients')
done('close keep-alive sockets', () => closeClients())
done.run()
