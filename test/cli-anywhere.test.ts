// diff, lint and scaffold from any folder: releases are found among the specs the package
// ships, by name (oicp-2.3) or number (2.3), and among the current folder's spec/.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { oicp, type Run } from './support/cli.js'

const repo = process.cwd()
const outside = mkdtempSync(join(tmpdir(), 'oicp-anywhere-'))
test.after(() => rmSync(outside, { recursive: true, force: true }))

/** Runs the CLI in-process with `dir` as the working folder. */
async function inFolder(dir: string, ...args: string[]): Promise<Run> {
  process.chdir(dir)
  try {
    return await oicp(...args)
  } finally {
    process.chdir(repo)
  }
}

test('lint with no config in the folder lints the packaged specs; by name and number too', async () => {
  const r = await inFolder(outside, 'lint')
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stdout, /^oicp-2\.2 \(packaged\): OICP 2\.2, \d+ types and messages, \d+ services: ok$/m)
  assert.match(r.stdout, /^oicp-2\.3 \(packaged\): OICP 2\.3, .*: ok$/m)
  const named = await inFolder(outside, 'lint', 'oicp-2.3', '2.2')
  assert.is(named.code, 0, named.stderr)
  assert.match(named.stdout, /^oicp-2\.3: OICP 2\.3/m)
  assert.match(named.stdout, /^2\.2: OICP 2\.2/m)
  const unknown = await inFolder(outside, 'lint', 'oicp-9.9')
  assert.is(unknown.code, 2)
  assert.is(
    unknown.stderr,
    'oicp lint: "oicp-9.9" is neither a release folder (no release.yaml there) nor a known release (2.3, 2.2)\n(see oicp lint --help)\n',
  )
})

test('diff 2.2 2.3 outside the repository, by number or by name', async () => {
  const r = await inFolder(outside, 'diff', '2.2', '2.3')
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stdout, /OICP 2\.2 → OICP 2\.3: \d+ differences/)
  assert.is((await inFolder(outside, 'diff', 'oicp-2.2', 'oicp-2.3')).stdout, r.stdout)
  const service = await inFolder(outside, 'diff', 'eRoamingEvseData@2.2', 'eRoamingEvseData@2.3', '--json')
  assert.is(service.code, 0, service.stderr)
  assert.is((JSON.parse(service.stdout) as { from: string }).from, 'eRoamingEvseData 2.2')
})

test('scaffold outside the repository, with --release by number or name', async () => {
  for (const release of ['2.3', 'oicp-2.3']) {
    const out = join(outside, `handlers-${release}`)
    const r = await inFolder(outside, 'scaffold', 'emp', '--out', out, '--release', release)
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stdout, /^created +\S+index\.ts$/m)
    assert.ok(existsSync(join(out, 'index.ts')), release)
  }
})

test("a release folder under the current folder's spec/ is found by its name", async () => {
  const project = mkdtempSync(join(tmpdir(), 'oicp-project-'))
  try {
    // A copy of 2.2 under a name of the project's own; it includes 2.3's files from ../oicp-2.3.
    cpSync(resolve('spec/oicp-2.3'), join(project, 'spec', 'oicp-2.3'), { recursive: true })
    cpSync(resolve('spec/oicp-2.2'), join(project, 'spec', 'ours'), { recursive: true })
    writeFileSync(
      join(project, 'spec', 'ours', 'release.yaml'),
      readFileSync(resolve('spec/oicp-2.2/release.yaml'), 'utf8').replace('release: "2.2"', 'release: "2.2.1"'),
    )
    const lint = await inFolder(project, 'lint', 'ours')
    assert.is(lint.code, 0, lint.stderr)
    assert.match(lint.stdout, /^ours: OICP 2\.2\.1/m)
    const diff = await inFolder(project, 'diff', '2.2.1', '2.3')
    assert.is(diff.code, 0, diff.stderr)
    assert.match(diff.stdout, /OICP 2\.2\.1 → OICP 2\.3/)
  } finally {
    rmSync(project, { recursive: true, force: true })
  }
})

test.run()
