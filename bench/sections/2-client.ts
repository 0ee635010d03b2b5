// Per-call cost of the generated client (request validation, push queue, ky over undici,
// lenient response validation) against a bare undici request to the same local server over
// the same mutual TLS, in one run: sequential calls, batches of the two interleaved so that
// drift of a shared machine hits both alike. The server runs in a child process (a plain
// node:https handler that parses the body and answers an acknowledgement), so it does not
// share the client's event loop.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { Agent, request } from 'undici'
import { createDevCa } from '../../cli/certs.js'
import { fmt, median, table } from '../measure.js'

const ACK = JSON.stringify({ Result: true, StatusCode: { Code: '000', Description: 'Success' } })
const PREFIX = '/api/oicp'

interface Certs {
  ca: string
  server: { cert: string; key: string }
  client: { cert: string; key: string }
}

/** In the child: the mTLS server on port 0; prints its port as one line. */
async function serve(certs: Certs): Promise<void> {
  const server = createServer(
    { ...certs.server, ca: certs.ca, requestCert: true, rejectUnauthorized: true, keepAliveTimeout: 60_000 },
    (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'))
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(ACK)
      })
    },
  )
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`)
}

function statusPush(records: number) {
  const statuses = ['Available', 'Occupied', 'Reserved', 'OutOfService', 'Unknown'] as const
  return {
    ActionType: 'update' as const,
    OperatorEvseStatus: {
      OperatorID: 'DE*ABC',
      OperatorName: 'ABC technologies',
      EvseStatusRecord: Array.from({ length: records }, (_, i) => ({
        EvseID: `DE*ABC*E${String(i).padStart(6, '0')}`,
        EvseStatus: statuses[i % statuses.length]!,
      })),
    },
  }
}

/** Milliseconds per call of each subject: `rounds` interleaved batches of `batch` sequential calls, median per subject. */
async function interleaved(subjects: Array<() => Promise<unknown>>, batch: number, rounds: number): Promise<number[]> {
  for (const fn of subjects) for (let i = 0; i < Math.max(5, batch / 4); i++) await fn()
  const samples = subjects.map(() => [] as number[])
  for (let r = 0; r < rounds; r++)
    for (let s = 0; s < subjects.length; s++) {
      const fn = subjects[s]!
      const t = performance.now()
      for (let i = 0; i < batch; i++) await fn()
      samples[s]!.push((performance.now() - t) / batch)
    }
  return samples.map(median)
}

export default async function run(): Promise<void> {
  const ca = createDevCa('oicp bench CA')
  const certs: Certs = { ca: ca.cert, server: ca.server(['127.0.0.1']), client: ca.client('DE*ABC') }
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, OICP_BENCH_CLIENT_SERVER: JSON.stringify(certs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    const [line] = (await once(child.stdout, 'data')) as [Buffer]
    const origin = `https://127.0.0.1:${Number(String(line).trim())}`
    const generated = '../../dist/generated/oicp-2.3/index.js'
    const { createCpoClient } = (await import(generated)) as typeof import('../../generated/oicp-2.3/index.js')
    const cpo = createCpoClient({
      baseUrl: origin + PREFIX,
      tls: { ...certs.client, ca: certs.ca },
      operatorId: 'DE*ABC',
      connections: 1,
    })
    const agent = new Agent({ connect: { ...certs.client, ca: certs.ca, rejectUnauthorized: true }, connections: 1 })
    const url = `${origin}${PREFIX}/evsepush/v21/operators/${encodeURIComponent('DE*ABC')}/status-records`
    const bare = async (body: unknown) => {
      const res = await request(url, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        dispatcher: agent,
      })
      return res.body.json()
    }
    // The transport alone (ky over undici, no validation, no queue), to show where the time goes.
    const transportModule = '../../dist/runtime/client/http.js'
    const { HttpTransport } = (await import(transportModule)) as typeof import('../../runtime/client/http.js')
    const http = new HttpTransport(origin + PREFIX, { ...certs.client, ca: certs.ca }, 1)
    const path = `evsepush/v21/operators/${encodeURIComponent('DE*ABC')}/status-records`
    const transport = async (body: unknown) => {
      const res = await http.send('eRoamingPushEvseStatus', 'bench', {
        path,
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        timeoutMs: 30_000,
      })
      return JSON.parse(res.text) as unknown
    }
    const rows: string[][] = []
    for (const [records, batch, rounds] of [
      [1, 200, 15],
      [100, 100, 11],
      [10_000, 5, 9],
    ] as const) {
      const body = statusPush(records)
      const [tBare, tKy, tClient] = await interleaved(
        [() => bare(body), () => transport(body), () => cpo.pushEvseStatus(body)],
        batch,
        rounds,
      )
      rows.push([
        `eRoamingPushEvseStatus, ${records.toLocaleString('en')} record${records === 1 ? '' : 's'}`,
        `${(JSON.stringify(body).length / 1024).toFixed(1)} kB`,
        fmt(tBare!),
        fmt(tKy!),
        fmt(tClient!),
        `${(tClient! / tBare!).toFixed(2)}×`,
      ])
    }
    console.log(
      '\nClient per call over mutual TLS on loopback (sequential calls, median of interleaved batches; target generated / bare <= 1.2×)',
    )
    table(['request', 'body', 'bare undici.request', 'ky + undici only', 'generated client', 'generated / bare'], rows)
    await cpo.close()
    await http.close()
    await agent.close()
  } finally {
    child.kill()
  }
}

if (process.env.OICP_BENCH_CLIENT_SERVER) await serve(JSON.parse(process.env.OICP_BENCH_CLIENT_SERVER) as Certs)
