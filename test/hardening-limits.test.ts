// Memory and time a client can take from a server: 20 stalled 50 MB uploads against the
// hub (its RSS measured in a child process), 413 from the Content-Length alone, bodies
// that stall or trickle (408), the connection cap and the in-flight byte budget (503 with
// Retry-After), and the media types the core reads (415 otherwise, gzip included).
import { once } from 'node:events'
import { request } from 'node:http'
import { connect } from 'node:net'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { GROWTH_TARGET_MB, measureStalledBodies } from '../bench/sections/6-hardening.js'
import { cpoRoutes, type CpoHandlers } from '../generated/oicp-2.3/index.js'
import { createServerCore, mount, type ServerOptions } from '../runtime/index.js'
import { createOicpServer } from '../runtime/server/adapters/node.js'
import { remoteStart, REMOTE_START } from './support/server-fixtures.js'
import { ADAPTERS, closeClients, send, start } from './support/server-harness.js'

const ack = { Result: true, StatusCode: { Code: '000' } } as const
const handlers: CpoHandlers = {
  authorizeRemoteStart: () => ack,
  authorizeRemoteStop: () => ack,
  authorizeRemoteReservationStart: () => ack,
  authorizeRemoteReservationStop: () => ack,
}
const core = (options: ServerOptions = {}) => createServerCore(mount(cpoRoutes, handlers), options)

interface RawReply {
  status: number
  head: string
  /** ms from the request head to the answer. */
  ms: number
  /** The server closed the connection. */
  closed: Promise<void>
}

/**
 * Sends a request head (and optionally body pieces, with pauses) over a raw socket and
 * resolves with the first answer's status; the socket stays open until the server closes it.
 */
async function raw(
  port: number,
  head: Record<string, string>,
  pieces: Array<string | number> = [],
): Promise<RawReply & { socket: ReturnType<typeof connect> }> {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => undefined)
  await once(socket, 'connect')
  const started = Date.now()
  const closed = once(socket, 'close').then(() => undefined)
  let text = ''
  const answered = new Promise<RawReply>((resolve) => {
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1')
      const m = /^HTTP\/1\.1 (\d{3})[^]*?\r\n\r\n/.exec(text)
      if (m) resolve({ status: Number(m[1]), head: m[0], ms: Date.now() - started, closed })
    })
  })
  socket.write(
    `POST ${REMOTE_START} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(head)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`,
  )
  void (async () => {
    for (const p of pieces) {
      if (typeof p === 'number') await new Promise((r) => setTimeout(r, p))
      else if (!socket.destroyed) socket.write(p)
    }
  })()
  return { ...(await answered), socket }
}

async function listen(options: ServerOptions = {}) {
  const server = createOicpServer(core(options)).listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const stalled = suite('20 stalled large bodies against the hub')

stalled(
  `RSS grows by less than ${GROWTH_TARGET_MB} MB; the rest get 503; ordinary requests are served meanwhile`,
  async () => {
    const r = await measureStalledBodies(2500)
    assert.ok(
      r.growthMb < GROWTH_TARGET_MB,
      `RSS grew by ${r.growthMb.toFixed(0)} MB (${r.baselineMb.toFixed(0)} → ${r.peakMb.toFixed(0)} MB)`,
    )
    assert.ok((r.answers['503'] ?? 0) >= 10, `answers: ${JSON.stringify(r.answers)}`)
    assert.is(r.ordinaryStatus, 200)
  },
)

stalled.run()

const node = suite('limits on node:http')

node('413 from a Content-Length over the limit, before any byte of the body; the connection closes', async () => {
  const s = await listen()
  try {
    const r = await raw(s.port, { 'content-type': 'application/json', 'content-length': String(60 * 1024 * 1024) })
    assert.is(r.status, 413, r.head)
    assert.match(r.head.toLowerCase(), 'connection: close')
    await r.closed
  } finally {
    await s.close()
  }
})

node('a chunked body past the limit: 413', async () => {
  const s = await listen({ bodyLimit: 1000 })
  try {
    const r = await send(`http://127.0.0.1:${s.port}${REMOTE_START}`, {
      body: JSON.stringify({ ...remoteStart(), Pad: 'x'.repeat(2000) }),
      chunked: true,
    })
    assert.is(r.status, 413)
    assert.is(r.json.StatusCode.Code, '022')
  } finally {
    await s.close()
  }
})

node('a body that stalls: 408 after the idle timeout; one that trickles: 408 after the body timeout', async () => {
  const s = await listen({ idleTimeoutMs: 200, bodyTimeoutMs: 800 })
  try {
    const head = { 'content-type': 'application/json', 'content-length': '1000' }
    const stall = await raw(s.port, head, ['{"ProviderID":'])
    assert.is(stall.status, 408, stall.head)
    assert.ok(stall.ms < 2000, `${stall.ms} ms`)
    await stall.closed
    const trickle = await raw(
      s.port,
      head,
      Array.from({ length: 40 }, (_, i) => (i % 2 ? 100 : ' ')),
    )
    assert.is(trickle.status, 408, trickle.head)
    assert.ok(trickle.ms >= 700 && trickle.ms < 2500, `${trickle.ms} ms`)
    await trickle.closed
  } finally {
    await s.close()
  }
})

node(
  'bytes in flight: past the budget 503 with Retry-After before reading; room again once a body is given up',
  async () => {
    const s = await listen({ bodyLimit: 1000, maxBodyBytesInFlight: 2000, retryAfterSeconds: 7 })
    try {
      const head = { 'content-type': 'application/json', 'content-length': '1000' }
      const held = await Promise.all(
        [0, 1].map(async () => {
          const socket = connect(s.port, '127.0.0.1')
          await once(socket, 'connect')
          socket.write(
            `POST ${REMOTE_START} HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{`,
          )
          return socket
        }),
      )
      await new Promise((r) => setTimeout(r, 100))
      const refused = await raw(s.port, head)
      assert.is(refused.status, 503, refused.head)
      assert.match(refused.head.toLowerCase(), 'retry-after: 7')
      held[0]!.destroy()
      await new Promise((r) => setTimeout(r, 100))
      const body = JSON.stringify(remoteStart())
      const served = await raw(
        s.port,
        { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        [body],
      )
      assert.is(served.status, 200, served.head)
      held[1]!.destroy()
      served.socket.destroy()
    } finally {
      await s.close()
    }
  },
)

node('connections past the cap: 503 with Retry-After', async () => {
  const s = await listen({ maxConnections: 2 })
  try {
    const body = JSON.stringify(remoteStart())
    const head = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
    const a = await raw(s.port, head, [body])
    const b = await raw(s.port, head, [body])
    const c = await raw(s.port, head, [body])
    assert.equal([a.status, b.status, c.status], [200, 200, 503])
    assert.match(c.head.toLowerCase(), 'retry-after: 5')
    a.socket.destroy()
    await a.closed
    await new Promise((r) => setTimeout(r, 50))
    const d = await raw(s.port, head, [body])
    assert.is(d.status, 200, 'a closed connection frees its place')
    for (const x of [b, c, d]) x.socket.destroy()
  } finally {
    await s.close()
  }
})

node.run()

for (const adapter of ADAPTERS) {
  const media = suite(`media types through ${adapter}`)
  let server: Awaited<ReturnType<typeof start>>
  media.before(async () => {
    server = await start(adapter, core())
  })
  media.after(() => server.close())

  const post = (headers: Record<string, string>) =>
    send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()), headers })
  /** A request with no Content-Type header at all. */
  const postUntyped = () =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify(remoteStart())
      const req = request(
        server.origin + REMOTE_START,
        { method: 'POST', headers: { 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        },
      )
      req.on('error', reject)
      req.end(body)
    })

  media('415 for text/plain, for a charset other than UTF-8 and for gzip; acknowledgement 022', async () => {
    const refused: Record<string, string>[] = [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/json; charset=iso-8859-1' },
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    ]
    for (const headers of refused) {
      const r = await post(headers)
      assert.is(r.status, 415, `${JSON.stringify(headers)}: ${r.text}`)
      assert.is(r.json.StatusCode.Code, '022')
    }
  })

  media('application/json with parameters, in any case, and a missing Content-Type are read', async () => {
    for (const headers of [
      { 'content-type': 'application/json; charset=UTF-8' },
      { 'content-type': 'Application/JSON' },
      { 'content-type': 'application/vnd.example+json' },
    ]) {
      const r = await post(headers)
      assert.is(r.status, 200, `${JSON.stringify(headers)}: ${r.text}`)
    }
    assert.is(await postUntyped(), 200)
  })

  media.run()
}

const done = suite('clients')
done('close keep-alive sockets', () => closeClients())
done.run()
