// Prism's mock server as a child process: `prism mock FILE -p PORT -h 127.0.0.1` on a free
// port, in its static mode (answers come from the document's examples).
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'

export interface PrismMock {
  url: string
  output: () => string
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as { port: number }
  probe.close()
  await once(probe, 'close')
  return port
}

/** Starts Prism on `file` and resolves once it listens; rejects with its output if it exits first or takes over 30 s. */
export async function startPrism(file: string): Promise<PrismMock> {
  const port = await freePort()
  // Its own process group, so that stopping it stops whatever it started.
  const child: ChildProcess = spawn('node_modules/.bin/prism', ['mock', file, '-p', String(port), '-h', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, NO_COLOR: '1' },
  })
  let out = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  const exited = once(child, 'close')
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    process.kill(-child.pid!, 'SIGTERM')
    await exited
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail('did not listen within 30 s'), 30_000)
    const fail = (why: string) => {
      clearTimeout(timer)
      void stop().then(() => reject(new Error(`prism ${why}:\n${out}`)))
    }
    const look = () => {
      if (!/Prism is listening/.test(out)) return
      clearTimeout(timer)
      child.stdout!.off('data', look)
      resolve()
    }
    child.stdout!.on('data', look)
    void exited.then(() => fail('exited'))
  })
  return { url: `http://127.0.0.1:${port}`, output: () => out, stop }
}
