// The generated OpenAPI documents pass Spectral's OpenAPI ruleset (.spectral.yaml extends
// spectral:oas) with no error: the installed command run on each role's document, as a
// user would run it. Warnings are allowed; the ones expected are named here.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { test } from 'uvu'
import * as assert from 'uvu/assert'

const run = promisify(execFile)
const RELEASES = ['2.3', '2.2']
const ROLES = ['cpo', 'emp', 'hub']
// No contact is named: the documents describe Hubject's protocol, not a service of ours.
const EXPECTED_WARNINGS = ['info-contact']

interface Finding {
  code: string
  severity: number
  message: string
  path: string[]
  source: string
}

for (const release of RELEASES)
  test(`OICP ${release}: every role's document has no Spectral error`, async () => {
    const files = ROLES.map((role) => `generated/oicp-${release}/openapi-${role}.json`)
    // Exit code 1 means errors were found; the JSON report says which.
    const out = await run(
      'node_modules/.bin/spectral',
      ['lint', ...files, '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet'],
      { maxBuffer: 64 << 20 },
    ).catch((e: { stdout?: string; code?: number }) => {
      if (e.code === 1 && e.stdout) return { stdout: e.stdout }
      throw e
    })
    const findings = JSON.parse(out.stdout || '[]') as Finding[]
    const errors = findings.filter((f) => f.severity === 0)
    assert.equal(
      errors.map((f) => `${f.source}: ${f.code} at ${f.path.join('.')}: ${f.message}`),
      [],
    )
    const warnings = [...new Set(findings.filter((f) => f.severity === 1).map((f) => f.code))]
    assert.equal(warnings, EXPECTED_WARNINGS, 'warnings other than the expected ones')
    for (const file of files)
      assert.ok(
        findings.some((f) => f.source.endsWith(file)),
        `Spectral read ${file}`,
      )
  })

test('Spectral reports errors: an operation that leaves out its path parameter fails', async () => {
  const doc = JSON.parse(readFileSync('generated/oicp-2.3/openapi-cpo.json', 'utf8')) as {
    paths: Record<string, Record<string, { parameters?: unknown }>>
  }
  const [path, item] = Object.entries(doc.paths).find(([p]) => p.includes('{OperatorID}'))!
  assert.ok(path)
  delete Object.values(item)[0]!.parameters
  const file = join(mkdtempSync(join(tmpdir(), 'oicp-spectral-')), 'broken.json')
  writeFileSync(file, JSON.stringify(doc))
  const r = await run('node_modules/.bin/spectral', [
    'lint',
    file,
    '--ruleset',
    '.spectral.yaml',
    '--format',
    'json',
    '--quiet',
  ]).then(
    () => ({ code: 0, stdout: '' }),
    (e: { code: number; stdout: string }) => e,
  )
  assert.is(r.code, 1)
  assert.ok(
    (JSON.parse(r.stdout) as Finding[]).some((f) => f.severity === 0),
    'an error is reported',
  )
})

test.run()
