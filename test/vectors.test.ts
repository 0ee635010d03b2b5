// The published test vectors (vectors/oicp-<release>/<message>.ndjson, shipped with
// oicp-dev): they are what the spec gives now, `oicp vectors` writes the same, and our
// validators agree with every one of them, read back from the files (round trip): a valid
// payload passes with nothing to report, an invalid one fails with exactly its listed error.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadRelease } from '../generator/spec/load.js'
import { ndjson, releaseVectors, type Vector } from '../generator/vectors.js'
import { messages as messages22 } from '../generated/oicp-2.2/index.js'
import { messages as messages23 } from '../generated/oicp-2.3/index.js'
import { oicp } from './support/cli.js'

const RELEASES = { '2.3': messages23, '2.2': messages22 } as const
const folder = (release: string) => `vectors/oicp-${release}`
const KEYS = ['message', 'case', 'valid', 'payload', 'errors']

function shipped(release: string): Map<string, string> {
  return new Map(
    readdirSync(folder(release))
      .sort()
      .map((f) => [f, readFileSync(join(folder(release), f), 'utf8')]),
  )
}

for (const [release, messages] of Object.entries(RELEASES)) {
  test(`OICP ${release}: the shipped vectors are what the spec gives now`, () => {
    const expected = new Map(
      [...releaseVectors(loadRelease(`spec/oicp-${release}`))].map(([m, list]) => [`${m}.ndjson`, ndjson(list)]),
    )
    const files = shipped(release)
    const stale = [...new Set([...expected.keys(), ...files.keys()])].filter((f) => expected.get(f) !== files.get(f))
    assert.equal(
      stale,
      [],
      `stale vectors; rewrite them: rm -r ${folder(release)} && npx oicp vectors ${release} --out ${folder(release)}`,
    )
  })

  test(`OICP ${release}: our validators agree with every shipped vector`, () => {
    let valid = 0
    let invalid = 0
    const problems: string[] = []
    for (const [file, text] of shipped(release)) {
      const lines = text.split('\n').filter((l) => l !== '')
      for (const [i, line] of lines.entries()) {
        const v = JSON.parse(line) as Vector
        assert.equal(Object.keys(v), KEYS, `${file}:${i + 1}`)
        assert.is(`${v.message}.ndjson`, file)
        const r = messages.validate(v.message, v.payload)
        const got = r.ok ? [] : r.errors.map((e) => ({ path: e.path, keyword: e.keyword }))
        if (r.ok !== v.valid || JSON.stringify(got) !== JSON.stringify(v.errors) || r.warnings.length > 0)
          problems.push(
            `${file}:${i + 1} (${v.case}): expected ${JSON.stringify(v.errors)}, got ${JSON.stringify(got)}${r.warnings.length ? ` and warnings ${JSON.stringify(r.warnings)}` : ''}`,
          )
        if (v.valid) valid++
        else invalid++
      }
    }
    assert.equal(problems, [], problems.slice(0, 20).join('\n'))
    assert.ok(valid >= 30 && invalid > valid * 10, `${valid} valid, ${invalid} invalid`)
  })
}

test('oicp vectors writes the same files to --out, and the same lines to standard output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-vectors-'))
  const r = await oicp('vectors', '2.3', '--out', dir)
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stderr, /^wrote 3\d files, \d+ vectors of OICP 2\.3/)
  const written = new Map(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  )
  const files = shipped('2.3')
  assert.equal([...written.keys()], [...files.keys()])
  for (const [f, text] of written) assert.ok(text === files.get(f), `${f} differs from the shipped one`)
  const out = await oicp('vectors', 'oicp-2.3')
  assert.is(out.code, 0)
  assert.is(out.stdout, [...written.values()].join(''))
})

test('oicp vectors: a release it does not know is a usage error', async () => {
  const r = await oicp('vectors', '9.9', '--out', mkdtempSync(join(tmpdir(), 'oicp-vectors-')))
  assert.is(r.code, 2)
  assert.match(r.stderr, /^oicp vectors: "9\.9" is not a release/)
})

test('docs/vectors.md explains every keyword the vectors use', () => {
  const doc = readFileSync('docs/vectors.md', 'utf8')
  const keywords = new Set<string>()
  for (const release of Object.keys(RELEASES))
    for (const text of shipped(release).values())
      for (const line of text.split('\n').filter((l) => l !== ''))
        for (const e of (JSON.parse(line) as Vector).errors) keywords.add(e.keyword)
  for (const k of keywords)
    assert.match(doc, new RegExp(`^\\| [^|]*\`${k}\`[^|]*\\|`, 'm'), `docs/vectors.md has no row for ${k}`)
})

test.run()
