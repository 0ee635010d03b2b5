// `oicp validate --ndjson` over logs of EVSE status pushes, run as a user runs it: the
// compiled CLI in its own process, output to /dev/null. Prints throughput and the child's
// peak memory for a 20 MB and a 200 MB log; with streaming, the peak must not grow with
// the input. The logs are written to a temporary folder and deleted afterwards.
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { devNull, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { table } from '../measure.js'

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'oicp.js')
const MB = 1024 * 1024
const TIME = '/usr/bin/time'

/** One push of four status records per line, every EvseID distinct, all valid. */
function writeLog(file: string, bytes: number): number {
  const statuses = ['Available', 'Occupied', 'Reserved', 'OutOfService']
  const fd = openSync(file, 'w')
  let written = 0
  let n = 0
  try {
    while (written < bytes) {
      let chunk = ''
      while (chunk.length < 4 * MB) {
        const records = statuses.map((s, k) => ({ EvseID: `DE*ABC*E${n * 4 + k}`, EvseStatus: s }))
        chunk += `${JSON.stringify({ ActionType: 'update', OperatorEvseStatus: { OperatorID: 'DE*ABC', EvseStatusRecord: records } })}\n`
        n++
      }
      written += writeSync(fd, chunk)
    }
  } finally {
    closeSync(fd)
  }
  return written
}

interface Measured {
  ms: number
  peakKb: number | undefined
  summary: string
}

/** Runs the CLI on `file`; peak RSS from GNU time when present, else by polling /proc. */
function validate(file: string): Promise<Measured> {
  const args = [BIN, 'validate', 'eRoamingPushEvseStatus', file, '--ndjson']
  const timed = existsSync(TIME)
  const out = openSync(devNull, 'w')
  const started = performance.now()
  const [command, commandArgs]: [string, string[]] = timed
    ? [TIME, ['-v', process.execPath, ...args]]
    : [process.execPath, args]
  const child = spawn(command, commandArgs, { stdio: ['ignore', out, 'pipe'] })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (s: string) => void (stderr += s))
  let polled: number | undefined
  const poll = timed
    ? undefined
    : setInterval(() => {
        try {
          const hwm = /VmHWM:\s*(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]
          if (hwm) polled = Number(hwm)
        } catch {
          // Exited between two polls, or no /proc: keep what was read.
        }
      }, 20)
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const ms = performance.now() - started
      if (poll) clearInterval(poll)
      closeSync(out)
      if (code !== 0) return reject(new Error(`oicp validate exited ${code}: ${stderr}`))
      const reported = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]
      resolve({
        ms,
        peakKb: reported ? Number(reported) : polled,
        summary: /^[\d,]+ documents?: .*$/m.exec(stderr)?.[0] ?? '',
      })
    })
  })
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-bench-cli-'))
  try {
    const rows: string[][] = []
    for (const size of [20 * MB, 200 * MB]) {
      const file = join(dir, `status-${size / MB}.ndjson`)
      const bytes = writeLog(file, size)
      const r = await validate(file)
      rows.push([
        `${(bytes / MB).toFixed(0)} MB`,
        r.summary,
        `${(r.ms / 1000).toFixed(1)} s`,
        `${(bytes / MB / (r.ms / 1000)).toFixed(1)} MB/s`,
        r.peakKb === undefined ? 'n/a' : `${(r.peakKb / 1024).toFixed(0)} MB`,
      ])
      rmSync(file)
    }
    console.log(
      '\n`oicp validate eRoamingPushEvseStatus FILE --ndjson > /dev/null`, compiled CLI, whole process (start-up included)',
    )
    table(['input', 'documents', 'time', 'throughput', 'peak RSS'], rows)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
