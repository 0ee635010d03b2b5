// Requests per second of eRoamingAuthorizeRemoteStart through the server runtime on
// node:http, against a bare node:http handler that answers a fixed acknowledgement: same
// body, same concurrency, loopback, in one run. Both servers run in one child process (the
// compiled dist/), autocannon in this one, so that the load generator does not share the
// servers' event loop.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { table } from '../measure.js'

const CONNECTIONS = 32
const SECONDS = 3
/** Alternating rounds, reported as medians: the machine may be busy with other work now and then. */
const ROUNDS = 5
const PATH = `/api/oicp/charging/v21/providers/${encodeURIComponent('DE*8EO')}/authorize-remote/start`
const BODY = JSON.stringify({
  SessionID: 'b2688855-7f00-0002-6d8e-48d883f6abb6',
  ProviderID: 'DE*8EO',
  EvseID: 'DE*ABC*E1234',
  Identification: { RemoteIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3' } },
  PartnerProductID: 'Standard Price',
})
const ACK = JSON.stringify({ Result: true, StatusCode: { Code: '000' } })

/** In the child: both servers on port 0; prints their ports as one JSON line. */
async function serve(): Promise<void> {
  const generated = '../../dist/generated/oicp-2.3/index.js'
  const { cpoRoutes } = (await import(generated)) as typeof import('../../generated/oicp-2.3/index.js')
  const runtime = '../../dist/runtime/index.js'
  const nodeAdapter = '../../dist/runtime/server/adapters/node.js'
  const { createServerCore, mount } = (await import(runtime)) as typeof import('../../runtime/index.js')
  const { nodeListener } = (await import(nodeAdapter)) as typeof import('../../runtime/server/adapters/node.js')
  const ok = () => ({ Result: true, StatusCode: { Code: '000' as const } })
  // The answer as a literal, as docs/performance.md advises: on Node 20 `{ ...ok(), SessionID }` makes a new
  // hidden class per object, which alone costs about a quarter of the throughput.
  const core = createServerCore(
    mount(cpoRoutes, {
      authorizeRemoteStart: (req) => ({ Result: true, StatusCode: { Code: '000' }, SessionID: req.SessionID }),
      authorizeRemoteStop: ok,
      authorizeRemoteReservationStart: ok,
      authorizeRemoteReservationStop: ok,
    }),
  )
  const oicp = createServer(nodeListener(core)).listen(0, '127.0.0.1')
  const bare = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      res.end(ACK)
    })
  }).listen(0, '127.0.0.1')
  await Promise.all([once(oicp, 'listening'), once(bare, 'listening')])
  process.stdout.write(
    `${JSON.stringify({ oicp: (oicp.address() as AddressInfo).port, bare: (bare.address() as AddressInfo).port })}\n`,
  )
}

async function load(port: number): Promise<{ rps: number; p99: number; errors: number }> {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}${PATH}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    duration: SECONDS,
  })
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx }
}

export default async function run(): Promise<void> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, OICP_BENCH_SERVER: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    const [line] = (await once(child.stdout, 'data')) as [Buffer]
    const ports = JSON.parse(line.toString()) as { oicp: number; bare: number }
    await load(ports.oicp) // warm-up, not counted
    const bare: number[] = []
    const ours: number[] = []
    let p99 = { bare: 0, oicp: 0 }
    for (let i = 0; i < ROUNDS; i++) {
      const b = await load(ports.bare)
      const o = await load(ports.oicp)
      if (b.errors + o.errors > 0)
        throw new Error(`bench: ${b.errors} failed requests on the bare server, ${o.errors} on oicp`)
      bare.push(b.rps)
      ours.push(o.rps)
      p99 = { bare: b.p99, oicp: o.p99 }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)} to ${Math.max(...xs).toFixed(0)}`
    const ratio = median(ours) / median(bare)
    console.log(
      `\nServer: eRoamingAuthorizeRemoteStart on node:http, ${CONNECTIONS} connections, ${SECONDS} s x ${ROUNDS} rounds, loopback (median round)`,
    )
    table(
      ['server', 'requests/s', 'rounds', 'p99 latency (last)'],
      [
        ['bare node:http, fixed acknowledgement', median(bare).toFixed(0), range(bare), `${p99.bare} ms`],
        [
          'oicp runtime (route, parse, validate, handler, validate answer)',
          median(ours).toFixed(0),
          range(ours),
          `${p99.oicp} ms`,
        ],
      ],
    )
    console.log(`oicp / bare: ${ratio.toFixed(2)}× (target >= 0.8×)`)
  } finally {
    child.kill()
  }
}

if (process.env.OICP_BENCH_SERVER) await serve()
