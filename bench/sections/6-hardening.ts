// Memory of the hub under the stalled-upload attack: 20 connections each declare a 50 MiB
// body, send about 50 MB of it and stall. The hub runs in a child process (its RSS is
// what is measured, sampled while the bodies are held); the attack comes from this one.
// With the server limits the first bodies get their share of the in-flight budget, the
// rest 503 before a byte is read, and the held ones end at the idle timeout.
import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import { table } from '../measure.js'

const MiB = 1024 * 1024
const CONNECTIONS = 20
const DECLARED = 50 * MiB
const SENT = 50_000_000
const NO_ANSWER = 'no answer'
/** Target of the hardening: what 20 stalled bodies may add to the hub's RSS. */
export const GROWTH_TARGET_MB = 300

export interface StalledResult {
  baselineMb: number
  peakMb: number
  growthMb: number
  /** How the 20 connections were answered while held: by status, or `no answer` (held, or reset before the answer was read). */
  answers: Record<string, number>
  /** Status of an ordinary pull sent while the bodies are held. */
  ordinaryStatus: number
}

type Reply = { rss: number } | { port: number }

/** In the child: the hub, open mode, plain HTTP; answers RSS questions over IPC. */
async function serveHub(): Promise<void> {
  const { startHub } = await import('../../hub/index.js')
  const hub = await startHub()
  process.on('message', (m) => {
    if (m === 'rss') process.send!({ rss: process.memoryUsage().rss } satisfies Reply)
    if (m === 'stop') void hub.close().then(() => process.exit(0))
  })
  process.send!({ port: hub.port } satisfies Reply)
}

function ask(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: Reply) => {
      if ('rss' in m) {
        child.off('message', on)
        resolve(m.rss / 1e6)
      }
    }
    child.on('message', on)
    child.send('rss')
  })
}

/** One stalled upload; its status code is recorded in `answers` once one arrives. */
function stalledUpload(port: number, body: Buffer, answers: Map<Socket, string>): Socket {
  const socket = connect(port, '127.0.0.1')
  answers.set(socket, NO_ANSWER)
  socket.on('error', () => undefined)
  socket.on('data', (d: Buffer) => {
    const m = /^HTTP\/1\.1 (\d{3})/.exec(d.toString('latin1'))
    if (m && answers.get(socket) === NO_ANSWER) answers.set(socket, m[1]!)
  })
  socket.write(
    `POST /api/oicp/evsepush/v23/operators/DE*ABC/data-records HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${DECLARED}\r\n\r\n`,
  )
  socket.write(body)
  return socket
}

async function ordinaryPull(port: number): Promise<number> {
  const r = await fetch(`http://127.0.0.1:${port}/api/oicp/evsepull/v23/providers/DE-8EO/data-records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ProviderID: 'DE-8EO', GeoCoordinatesResponseFormat: 'Google' }),
  })
  await r.arrayBuffer()
  return r.status
}

/** Runs the attack against a fresh hub child and measures its RSS while the bodies are held. */
export async function measureStalledBodies(holdMs = 8000): Promise<StalledResult> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--conditions=source', '--import', 'tsx'],
    env: { ...process.env, OICP_BENCH_HUB: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const sockets: Socket[] = []
  try {
    const [first] = (await once(child, 'message')) as [Reply]
    if (!('port' in first)) throw new Error('the hub child did not report its port')
    const port = first.port
    await ordinaryPull(port)
    const baselineMb = await ask(child)
    // One buffer for all connections: the attacker's memory is not what is measured.
    const body = Buffer.alloc(SENT, 0x61)
    body.write('{"ActionType":"fullLoad","OperatorEvseData":"', 0, 'latin1')
    const answers = new Map<Socket, string>()
    for (let i = 0; i < CONNECTIONS; i++) sockets.push(stalledUpload(port, body, answers))
    let peakMb = baselineMb
    let ordinaryStatus = 0
    const end = Date.now() + holdMs
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100))
      peakMb = Math.max(peakMb, await ask(child))
      if (ordinaryStatus === 0 && Date.now() > end - holdMs / 2) ordinaryStatus = await ordinaryPull(port)
    }
    const counted: Record<string, number> = {}
    for (const a of answers.values()) counted[a] = (counted[a] ?? 0) + 1
    return { baselineMb, peakMb, growthMb: peakMb - baselineMb, answers: counted, ordinaryStatus }
  } finally {
    for (const s of sockets) s.destroy()
    child.send('stop')
    await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 5000))])
    child.kill()
  }
}

export default async function run(): Promise<void> {
  const r = await measureStalledBodies()
  console.log(
    `\nHub RSS while ${CONNECTIONS} connections hold ${(SENT / 1e6).toFixed(0)} MB each of a declared ${DECLARED / MiB} MiB body (sampled every 100 ms for 8 s)`,
  )
  table(
    ['RSS before', 'peak RSS', 'growth', 'answers while held', 'ordinary pull meanwhile'],
    [
      [
        `${r.baselineMb.toFixed(0)} MB`,
        `${r.peakMb.toFixed(0)} MB`,
        `${r.growthMb.toFixed(0)} MB`,
        Object.entries(r.answers)
          .map(([k, v]) => `${v}× ${k}`)
          .join(', '),
        String(r.ordinaryStatus),
      ],
    ],
  )
  console.log(`growth: ${r.growthMb.toFixed(0)} MB (target < ${GROWTH_TARGET_MB} MB)`)
}

if (process.env.OICP_BENCH_HUB) await serveHub()
