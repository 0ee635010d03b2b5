// Runs the oicp CLI in-process, or as a real process when standard input matters.
import { spawnSync } from 'node:child_process'
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

/** The CLI as a child process, fed `input` on standard input. */
export function oicpProcess(input: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'cli/main.ts', ...args], { input, encoding: 'utf8' })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}
