// A user's project, as users make one: the two packages packed with npm, installed from the
// tarballs into a fresh folder outside the repository, next to the tools a user would add.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { packAll, type PackageName } from '../../packages/pack.js'

let packed: Record<PackageName, string> | undefined

/** Builds the repository and packs both packages, once per test run. */
export function tarballs(): Record<PackageName, string> {
  if (!packed) {
    execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
    packed = packAll(mkdtempSync(join(tmpdir(), 'oicp-tarballs-')))
  }
  return packed
}

/** Writes a user's tsconfig.json: strict, NodeNext, as a Node 20 project sets it; `options` adds or overrides. */
export function writeTsconfig(dir: string, options: Record<string, unknown>, include: string[]): void {
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    ...options,
  }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include }))
}

/** The version of a tool the repository itself uses, so installs come from npm's cache. */
export function versionOf(name: string): string {
  return (JSON.parse(readFileSync(resolve('node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version
}

export function npm(cwd: string, ...args: string[]): string {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${r.stdout}${r.stderr}`)
  return r.stdout
}

export interface ProjectOptions {
  /** Development tools to install besides oicp-dev (typescript and @types/node always). */
  tools?: Array<'tsx' | 'esbuild'>
  /** Only `npm install oicp --omit=dev`. */
  productionOnly?: boolean
  /**
   * Skip install scripts of the development tools: better-sqlite3 (the hub's store) builds
   * from source here for a minute or more, and a project that only generates and compiles
   * never loads it. The tours install as users do, scripts and all.
   */
  skipInstallScripts?: boolean
}

/** A fresh project folder with oicp (dependency) and oicp-dev (devDependency) installed from the tarballs. */
export function consumerProject(options: ProjectOptions = {}): string {
  const { oicp, 'oicp-dev': dev } = tarballs()
  const dir = mkdtempSync(join(tmpdir(), 'oicp-user-'))
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'my-backend', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  )
  if (options.productionOnly) {
    npm(dir, 'install', '--omit=dev', oicp)
    return dir
  }
  npm(dir, 'install', oicp)
  const tools = ['typescript', '@types/node', ...(options.tools ?? [])].map((t) => `${t}@${versionOf(t)}`)
  npm(dir, 'install', '--save-dev', ...(options.skipInstallScripts ? ['--ignore-scripts'] : []), dev, ...tools)
  return dir
}

/** Runs a command of the project (`npx oicp …`, `node …`) and returns its output; throws with the output on failure. */
export function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
  })
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`)
  return r.stdout
}

export type Started = ChildProcess & { output: () => string; stop: () => Promise<void> }

/**
 * A long-running process of the project whose output is collected, in a process group of its
 * own: `npm run hub` starts a shell and node under npm, and stopping must reach all of them.
 */
export function start(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Started {
  const { FORCE_COLOR: _, ...rest } = process.env
  const child = spawn(command, args, {
    cwd,
    env: { ...rest, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let text = ''
  child.stdout.on('data', (c: Buffer) => void (text += c.toString()))
  child.stderr.on('data', (c: Buffer) => void (text += c.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      return // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        // gone meanwhile
      }
    }, 5000)
    await exited
    // The group may outlive its leader for a moment; wait until nothing of it is left.
    for (let i = 0; i < 50; i++) {
      try {
        process.kill(-child.pid!, 0)
      } catch {
        break
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    clearTimeout(timer)
  }
  return Object.assign(child, { output: () => text, stop })
}

/** Waits until `ready(output)` holds, or fails with the output after `ms`. */
export async function waitFor(
  proc: { output: () => string; exitCode: number | null },
  ready: (text: string) => boolean,
  ms = 60_000,
): Promise<string> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    const text = proc.output()
    if (ready(text)) return text
    if (proc.exitCode !== null) throw new Error(`process exited ${proc.exitCode}:\n${text}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out after ${ms} ms:\n${proc.output()}`)
}
