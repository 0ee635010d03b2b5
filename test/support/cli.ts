// Runs the oicp CLI in-process, or as a real process when standard input or exit matter.
import { spawn, spawnSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { main } from '../../cli/main.js'

export interface Run {
  code: number
  stdout: string
  stderr: string
}

export async function oicp(...args: string[]): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) })
  return { code, stdout, stderr }
}

const CLI = ['--conditions=source', '--import', 'tsx', 'cli/main.ts']

/** The CLI as a child process, fed `input` on standard input. */
export function oicpProcess(input: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [...CLI, ...args], { input, encoding: 'utf8' })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/**
 * The CLI as a child process whose standard input is a pipe written in `chunkSize` pieces
 * with `pauseMs` between them, as a slow producer (`cat` of a big file, a log tail) does.
 */
export async function oicpPiped(
  input: Buffer,
  options: { chunkSize: number; pauseMs: number },
  ...args: string[]
): Promise<Run> {
  const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (b: Buffer) => out.push(b))
  child.stderr.on('data', (b: Buffer) => err.push(b))
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)))
  for (let at = 0; at < input.length; at += options.chunkSize) {
    if (!child.stdin.write(input.subarray(at, at + options.chunkSize)))
      await new Promise((r) => child.stdin.once('drain', r))
    await sleep(options.pauseMs)
  }
  child.stdin.end()
  const code = await exited
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }
}

/** The CLI as a child process with nothing on standard input; resolves when it exits. */
export function oicpChild(args: string[], timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => void (stdout += s))
    child.stderr.setEncoding('utf8').on('data', (s: string) => void (stderr += s))
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}
