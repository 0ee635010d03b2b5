// `oicp hub` as a child process for the persistence tests: started on port 0 in the open
// development mode (plain HTTP), its URL read from its first line of output.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'

export interface HubProcess {
  url: string
  child: ChildProcess
  output: () => string
  /** SIGTERM and wait for the exit (the hub writes a snapshot first). */
  stop(): Promise<number | null>
  /** SIGKILL: nothing after the last fsync survives. */
  kill(): Promise<void>
}

export async function spawnHub(args: string[]): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'cli/main.ts', 'hub', '--port', '0', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start within 20 s:\n${out}`)), 20_000)
    const look = () => {
      const m = /hub listening on (\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        child.stdout!.off('data', look)
        resolve(m[1]!)
      }
    }
    child.stdout!.on('data', look)
    child.on('exit', (code) => reject(new Error(`hub exited with ${code} before listening:\n${out}`)))
  })
  const exited = once(child, 'exit') as Promise<[number | null]>
  return {
    url,
    child,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM')
      return (await exited)[0]
    },
    kill: async () => {
      child.kill('SIGKILL')
      await exited
    },
  }
}

/** POSTs JSON to the hub (plain HTTP) and returns the parsed answer. */
export async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return res.json()
}
