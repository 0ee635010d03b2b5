// npm run demo: a whole charging session across three processes over mutual TLS on
// 127.0.0.1: `oicp hub` with both partners configured, and the CPO and EMP backends that
// `oicp init` writes (templates/init), run from source against this repository's generated
// code. Prints every process's lines as they come and exits 0 once the EMP has received
// the CDR (1 on failure or after 90 s).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { writeDevCertificates } from '../cli/certs.js'
import { renderProject, type Settings } from '../cli/init.js'

// Inside the repository, so the backends' `oicp/...` imports resolve to its sources.
const dir = mkdtempSync(resolve('.tmp-demo-'))
const certs = join(dir, 'certs')
const children: ChildProcess[] = []
const COLORS: Record<string, string> = { hub: '\x1b[36m', cpo: '\x1b[33m', emp: '\x1b[35m', demo: '\x1b[1m' }
const color = process.stdout.isTTY && !process.env.NO_COLOR
const TSX = ['--conditions=source', '--import', 'tsx']

function say(who: string, line: string): void {
  const tag = `[${who}]`.padEnd(6)
  console.log(color ? `${COLORS[who] ?? ''}${tag}\x1b[0m ${line}` : `${tag} ${line}`)
}

/** A process whose lines are printed and collected. */
function run(who: string, args: string[], env: Record<string, string> = {}): ChildProcess & { seen: () => string } {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let all = ''
  for (const stream of [child.stdout, child.stderr]) {
    let rest = ''
    stream.on('data', (chunk: Buffer) => {
      all += chunk.toString()
      const lines = (rest + chunk.toString()).split('\n')
      rest = lines.pop()!
      for (const line of lines) if (line.trim()) say(who, line.replace(/^\[(hub|cpo|emp)\] /, ''))
    })
  }
  return Object.assign(child, { seen: () => all })
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))))
}

/** A port free right now (the processes need each other's ports before they start). */
function freePort(): Promise<number> {
  return new Promise((r, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => r(port))
    })
    s.on('error', reject)
  })
}

async function waitFor(
  child: ChildProcess & { seen: () => string },
  pattern: RegExp,
  what: string,
  ms: number,
): Promise<void> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    if (pattern.test(child.seen())) return
    if (child.exitCode !== null) throw new Error(`${what}: the process exited with ${child.exitCode}`)
  }
  throw new Error(`${what}: not within ${ms / 1000} s`)
}

/** A backend as `oicp init` writes it, with src/generated pointing at this repository's generated code. */
function backend(s: Settings): string {
  const root = join(dir, s.role)
  for (const [path, text] of renderProject(s)) {
    if (!path.startsWith('src/')) continue
    mkdirSync(join(root, 'src'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  symlinkSync(resolve('generated'), join(root, 'src', 'generated'), 'dir')
  return join(root, 'src', 'main.ts')
}

let code = 1
try {
  writeDevCertificates(certs)
  say('demo', `development certificates in ${certs} (cpo for DE*ABC, emp for DE-8EO, hub)`)
  const [hubPort, cpoPort, empPort] = [await freePort(), await freePort(), await freePort()]
  const ids = { operatorId: 'DE*ABC', providerId: 'DE-8EO', hubPort }
  const config = join(dir, 'hub.yaml')
  writeFileSync(
    config,
    `# Written by examples/demo.ts: the hub, its two partners and where it reaches them.
tls: { cert: certs/server.pem, key: certs/server-key.pem, ca: certs/ca.pem }
client: { cert: certs/hub.pem, key: certs/hub-key.pem, ca: certs/ca.pem }
partners:
  - { name: cpo, certificate: "cpo:DE*ABC", operatorIds: ["DE*ABC"], endpoint: "https://127.0.0.1:${cpoPort}/api/oicp" }
  - { name: emp, certificate: "emp:DE-8EO", providerIds: ["DE-8EO"], endpoint: "https://127.0.0.1:${empPort}/api/oicp" }
`,
  )
  const env = { HUB_URL: `https://127.0.0.1:${hubPort}/api/oicp`, CERTS: certs, CHARGE_SECONDS: '2' }
  const hub = run('hub', [...TSX, 'cli/main.ts', 'hub', '--config', config, '--port', String(hubPort)])
  await waitFor(hub, /listening|127\.0\.0\.1:\d+/, 'the hub', 30_000)
  const cpo = run('cpo', [...TSX, backend({ role: 'cpo', port: cpoPort, ...ids })], { ...env, PORT: String(cpoPort) })
  await waitFor(cpo, /pushed EVSE status/, 'the CPO', 30_000)
  const emp = run('emp', [...TSX, backend({ role: 'emp', port: empPort, ...ids })], { ...env, PORT: String(empPort) })
  await waitFor(emp, /CDR received/, 'the EMP', 90_000)
  code = 0
  say('demo', 'a full charging session went through CPO, hub and EMP')
} catch (e) {
  say('demo', `failed: ${(e as Error).message}`)
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  await Promise.all(children.map(exited))
  rmSync(dir, { recursive: true, force: true })
  process.exitCode = code
}
