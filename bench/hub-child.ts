// `oicp hub` in a process of its own for the benchmarks, so that its memory is its own:
// started from a config file, its URL read from its first line, its resident memory
// read from /proc (now and at its peak).
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'

/** The compiled CLI, as an installed oicp-dev runs it (npm run bench builds first). */
const CLI = ['bin/oicp.js']

export interface HubChild {
  url: string
  pid: number
  /** ms from spawn to the listening line. */
  startedMs: number
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>
}

export async function startHubChild(config: string, timeoutMs = 120_000): Promise<HubChild> {
  const begun = performance.now()
  const child: ChildProcess = spawn(process.execPath, [...CLI, 'hub', '--config', config, '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  const exited = (once(child, 'close') as Promise<[number | null]>).then(([code]) => code)
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the hub did not start within ${timeoutMs / 1000} s:\n${out}`)),
      timeoutMs,
    )
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /hub listening on (\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    void exited.then((code) => reject(new Error(`the hub exited (${code}) before listening:\n${out}`)))
  })
  return {
    url,
    pid: child.pid!,
    startedMs: performance.now() - begun,
    stop: async () => {
      child.kill('SIGTERM')
      return exited
    },
  }
}

/** Resident memory of a process in MB: now (VmRSS) and its peak (VmHWM). */
export function rssOf(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN)
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}
