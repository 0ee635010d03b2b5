// npm run demo: a whole charging session across three processes over mutual TLS on
// 127.0.0.1: `oicp hub` with a partner config, the CPO example and the EMP example, with
// development certificates from `oicp certs`. Prints every process's lines as they come
// and exits 0 once the EMP has received the CDR (1 on failure or after 60 s).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'oicp-demo-'))
const certs = join(dir, 'certs')
const children: ChildProcess[] = []
const COLORS: Record<string, string> = { hub: '\x1b[36m', cpo: '\x1b[33m', emp: '\x1b[35m', demo: '\x1b[1m' }
const color = process.stdout.isTTY && !process.env.NO_COLOR

function say(who: string, line: string): void {
  const tag = `[${who}]`.padEnd(6)
  console.log(color ? `${COLORS[who] ?? ''}${tag}\x1b[0m ${line}` : `${tag} ${line}`)
}

function run(who: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = ''
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n')
      rest = lines.pop()!
      for (const line of lines) if (line.trim()) say(who, line.replace(/^\[hub\] /, ''))
    })
  }
  return child
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))))
}

/** A port free right now (the demo's processes need each other's ports before they start). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

async function waitFor(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: not within 20 s`)), 20_000)
    const look = (chunk: Buffer) => {
      if (pattern.test(chunk.toString())) {
        clearTimeout(timer)
        child.stdout!.off('data', look)
        resolve()
      }
    }
    child.stdout!.on('data', look)
    child.once('exit', (code) => reject(new Error(`${what}: the process exited with ${code}`)))
  })
}

let code = 1
try {
  say('demo', `development certificates in ${certs} (oicp certs)`)
  const made = await exited(run('demo', ['bin/oicp.js', 'certs', '--out', certs, '--client', 'cpo', '--client', 'emp', '--client', 'hub']))
  if (made !== 0) throw new Error('oicp certs failed')
  const [hubPort, cpoPort, empPort] = [await freePort(), await freePort(), await freePort()]
  const config = join(dir, 'hub.yaml')
  writeFileSync(
    config,
    `# Written by examples/demo.ts: the hub, its two partners and where it reaches them.
tls: { cert: certs/server.pem, key: certs/server-key.pem, ca: certs/ca.pem }
client: { cert: certs/hub.pem, key: certs/hub-key.pem, ca: certs/ca.pem }
partners:
  - name: cpo
    operatorIds: ["DE*ABC"]
    endpoint: https://127.0.0.1:${cpoPort}/api/oicp
  - name: emp
    providerIds: ["DE-8EO"]
    endpoint: https://127.0.0.1:${empPort}/api/oicp
`,
  )
  const hubUrl = `https://127.0.0.1:${hubPort}/api/oicp`
  const hub = run('hub', ['bin/oicp.js', 'hub', '--config', config, '--port', String(hubPort)])
  await waitFor(hub, /listening/, 'the hub')
  const env = { HUB_URL: hubUrl, CERTS: certs }
  const cpo = run('cpo', ['--conditions=source', '--import', 'tsx', 'examples/cpo/main.ts'], { ...env, PORT: String(cpoPort) })
  await waitFor(cpo, /pushed EVSE status/, 'the CPO')
  const emp = run('emp', ['--conditions=source', '--import', 'tsx', 'examples/emp/main.ts'], { ...env, PORT: String(empPort) })
  const timeout = setTimeout(() => emp.kill(), 60_000)
  code = (await exited(emp)) ?? 1
  clearTimeout(timeout)
  say('demo', code === 0 ? 'a full charging session went through CPO, hub and EMP' : `the EMP failed (exit ${code})`)
} catch (e) {
  say('demo', `failed: ${(e as Error).message}`)
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  await Promise.all(children.map(exited))
  rmSync(dir, { recursive: true, force: true })
  process.exitCode = code
}
