// A partner server that answers without end: 700 MB of zeros, streamed (chunked) or with
// the length announced. The client stops at its answer cap with OicpResponseTooLargeError,
// soon, without holding more than the cap; an ordinary answer under a small cap passes.
import { once } from 'node:events'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createCpoClient } from '../generated/oicp-2.3/index.js'
import { OicpResponseTooLargeError } from '../runtime/index.js'
import { clientCerts } from './support/client-certs.js'
import { statusPush } from './support/client-fixtures.js'

const ANSWER_BYTES = 700 * 1e6
const MiB = 1024 * 1024
const ZEROS = Buffer.alloc(MiB, 0x30)

let server: Server
let origin = ''
/** Bytes the server got to write before the client hung up, per answer. */
const written: number[] = []

function drainedOrClosed(res: import('node:http').ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

/** Streams ANSWER_BYTES of zeros, honouring backpressure, until done or the client leaves. */
async function zeros(res: import('node:http').ServerResponse): Promise<void> {
  let sent = 0
  let gone = false
  res.on('close', () => (gone = true))
  while (sent < ANSWER_BYTES && !gone) {
    sent += ZEROS.length
    if (!res.write(ZEROS)) await drainedOrClosed(res)
  }
  written.push(sent)
  res.end()
}

const test = suite('a 700 MB answer')

test.before(async () => {
  const c = clientCerts()
  server = createServer(
    { key: c.server.key, cert: c.server.cert, ca: c.ca, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      req.resume()
      req.on('end', () => {
        if (req.url?.includes('small')) {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ Result: true, StatusCode: { Code: '000' } }))
          return
        }
        const declared = req.headers['x-declare'] === 'yes'
        res.writeHead(200, {
          'content-type': 'application/json',
          ...(declared ? { 'content-length': String(ANSWER_BYTES) } : {}),
        })
        void zeros(res)
      })
    },
  )
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
})

test.after(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
)

function client(prefix = '/api/oicp', maxResponseBytes?: number) {
  const c = clientCerts()
  return createCpoClient({
    baseUrl: origin + prefix,
    tls: { cert: c.cpo.cert, key: c.cpo.key, ca: c.ca },
    operatorId: 'DE*ABC',
    retry: false,
    timeoutMs: 120_000,
    ...(maxResponseBytes ? { maxResponseBytes } : {}),
  })
}

/** Runs `call`, sampling this process's RSS meanwhile; the error it fails with, its time and the RSS growth. */
async function measured(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number; growthMb: number }> {
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  const started = Date.now()
  let error: unknown
  try {
    await call()
  } catch (e) {
    error = e
  }
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  return { error, ms: Date.now() - started, growthMb: (peak - before) / 1e6 }
}

test('streamed: OicpResponseTooLargeError at the 64 MiB default cap, fast, RSS growth under 100 MB', async () => {
  const cpo = client()
  try {
    const r = await measured(() => cpo.pushEvseStatus(statusPush(1)))
    assert.instance(r.error, OicpResponseTooLargeError, String(r.error))
    const e = r.error as OicpResponseTooLargeError
    assert.is(e.limit, 64 * MiB)
    assert.is(e.operation, 'eRoamingPushEvseStatus')
    assert.ok(r.ms < 15_000, `${r.ms} ms`)
    assert.ok(r.growthMb < 100, `RSS grew by ${r.growthMb.toFixed(0)} MB`)
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.ok(
      written.at(-1)! < ANSWER_BYTES / 2,
      `the server wrote ${written.at(-1)} bytes: the client did not stop reading`,
    )
  } finally {
    await cpo.close()
  }
})

test('announced: refused from the Content-Length, before reading', async () => {
  const cpo = client()
  try {
    const r = await measured(() => cpo.pushEvseStatus(statusPush(1), { headers: { 'x-declare': 'yes' } }))
    assert.instance(r.error, OicpResponseTooLargeError, String(r.error))
    assert.is((r.error as OicpResponseTooLargeError).declaredLength, ANSWER_BYTES)
    assert.ok(r.growthMb < 50, `RSS grew by ${r.growthMb.toFixed(0)} MB`)
  } finally {
    await cpo.close()
  }
})

test('a configured cap: an ordinary answer under it passes, the endless one fails at it', async () => {
  const small = client('/small/api/oicp', 4096)
  const big = client('/api/oicp', 4096)
  try {
    await small.pushEvseStatus(statusPush(1))
    const r = await measured(() => big.pushEvseStatus(statusPush(1)))
    assert.instance(r.error, OicpResponseTooLargeError)
    assert.is((r.error as OicpResponseTooLargeError).limit, 4096)
  } finally {
    await Promise.all([small.close(), big.close()])
  }
})

test('the cap must be a positive whole number', () => {
  assert.throws(() => client('/api/oicp', -1), /maxResponseBytes/)
})

test.run()
