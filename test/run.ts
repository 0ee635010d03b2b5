// The test command: uvu over test/*.test.ts, failing the run when any test did not pass.
// (uvu exits 0 when a before-hook throws and its suite's tests never run.)
import { spawn } from 'node:child_process'
import { ensureSystemPackages } from './system-deps.js'

for (const problem of ensureSystemPackages()) console.error(problem)

const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'node_modules/uvu/bin.js', 'test', '\\.test\\.ts$', ...process.argv.slice(2)], { stdio: ['inherit', 'pipe', 'inherit'] })
let out = ''
child.stdout.on('data', (chunk: Buffer) => {
  out += chunk.toString()
  process.stdout.write(chunk)
})
child.on('close', (code) => {
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '')
  const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? NaN)
  const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? NaN)
  const failed = total - passed
  console.log(`\n${passed} passed, ${failed} failed`)
  process.exitCode = code !== 0 || !(total > 0) || failed !== 0 ? 1 : 0
})
