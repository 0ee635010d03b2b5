// The test command: uvu over test/*.test.ts, failing the run when any test did not pass.
// (uvu exits 0 when a before-hook throws and its suite's tests never run.) Tests that could
// not run here are listed at the end.
import { spawn } from 'node:child_process'
import { stripVTControlCharacters } from 'node:util'
import { notRunLines } from './support/not-run.js'
import { ensureSystemPackages } from './system-deps.js'

for (const problem of ensureSystemPackages()) console.error(problem)

const child = spawn(
  process.execPath,
  [
    '--conditions=source',
    '--import',
    'tsx',
    'node_modules/uvu/bin.js',
    'test',
    '\\.test\\.ts$',
    ...process.argv.slice(2),
  ],
  { stdio: ['inherit', 'pipe', 'inherit'] },
)
let out = ''
// When each test file's heading appeared, for the slowest files at the end (CI has a time budget).
const started: Array<[string, number]> = []
child.stdout.on('data', (chunk: Buffer) => {
  out += chunk.toString()
  for (const m of stripVTControlCharacters(chunk.toString()).matchAll(/^([\w.-]+\.test\.ts)$/gm))
    started.push([m[1]!, performance.now()])
  process.stdout.write(chunk)
})
child.on('close', (code) => {
  const plain = stripVTControlCharacters(out)
  const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? NaN)
  const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? NaN)
  const failed = total - passed
  // Tests whose inputs are missing here (e.g. Hubject's files on a clean clone): listed, not failed.
  const notRun = notRunLines(plain)
  if (notRun.length > 0) console.log(`\nNot run (${notRun.length}):\n${notRun.map((l) => `  ${l}`).join('\n')}`)
  const spans = started.map(
    ([file, at], i) => [file, ((started[i + 1]?.[1] ?? performance.now()) - at) / 1000] as const,
  )
  const slowest = [...spans].sort((a, b) => b[1] - a[1]).slice(0, 6)
  if (slowest.length > 0)
    console.log(`\nSlowest files: ${slowest.map(([f, s]) => `${f} ${s.toFixed(0)} s`).join(', ')}`)
  console.log(`\n${passed} passed, ${failed} failed${notRun.length > 0 ? `, ${notRun.length} not run` : ''}`)
  process.exitCode = code !== 0 || !(total > 0) || failed !== 0 ? 1 : 0
})
