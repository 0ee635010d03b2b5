// `oicp hub` as a child process for the persistence tests: started on port 0 in the open
// development mode (plain HTTP), its URL read from its first line of output.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'

export interface HubProcess {
  url: string
  child: ChildProcess
  output: () => string
  /** SIGTERM and wait for the exit. */
  stop(): Promise<number | null>
  /** SIGKILL: nothing after the last commit survives. */
  kill(): Promise<void>
}

/** How to run the child: as another user (one that may not write where root may). */
export interface LaunchOptions {
  uid?: number
  gid?: number
}

/** A started hub process, before it is listening: `listening` resolves with its URL, or undefined if it exits first. */
export interface LaunchedHub {
  child: ChildProcess
  output: () => string
  listening: Promise<string | undefined>
  exited: Promise<number | null>
  kill(): Promise<void>
}

export function launchHub(args: string[], options: LaunchOptions = {}): LaunchedHub {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'cli/main.ts', 'hub', '--port', '0', '--quiet', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options,
    },
  )
  let out = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => (out += c.toString()))
  // 'close': after the exit and after the last of its output.
  const exited = (once(child, 'close') as Promise<[number | null]>).then(([code]) => code)
  const listening = new Promise<string | undefined>((resolve) => {
    const look = () => {
      const m = /hub listening on (\S+)/.exec(out)
      if (m) {
        child.stdout.off('data', look)
        resolve(m[1])
      }
    }
    child.stdout.on('data', look)
    void exited.then(() => resolve(undefined))
  })
  return {
    child,
    output: () => out,
    listening,
    exited,
    kill: async () => {
      child.kill('SIGKILL')
      await exited
    },
  }
}

export async function spawnHub(args: string[], options: LaunchOptions = {}): Promise<HubProcess> {
  const hub = launchHub(args, options)
  let timer: NodeJS.Timeout | undefined
  const url = await Promise.race([
    hub.listening,
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 20_000))),
  ])
  clearTimeout(timer)
  if (url === undefined) {
    await hub.kill()
    throw new Error(`hub did not start within 20 s:\n${hub.output()}`)
  }
  return {
    url,
    child: hub.child,
    output: hub.output,
    stop: async () => {
      hub.child.kill('SIGTERM')
      return hub.exited
    },
    kill: () => hub.kill(),
  }
}

/** Runs a hub that is expected to refuse to start: its exit code and everything it printed. */
export async function runHubToExit(
  args: string[],
  options: LaunchOptions = {},
): Promise<{ code: number | null; output: string }> {
  const hub = launchHub(args, options)
  const url = await hub.listening
  if (url !== undefined) {
    await hub.kill()
    throw new Error(`the hub started on ${url} instead of refusing:\n${hub.output()}`)
  }
  return { code: await hub.exited, output: hub.output() }
}

/** POSTs JSON to the hub (plain HTTP) and returns the parsed answer. */
export async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return res.json()
}
