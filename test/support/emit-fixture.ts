// Given-YAML, expected-output tests of one emitter at a time: a tiny release in
// test/fixtures/emit/<emitter>/oicp-0.1/, and beside it, in out/, what the emitter makes of
// it (formatted as `oicp generate` formats it, without the file header). They sit beside the
// golden test of all of generated/ and say, in a few dozen lines, what each emitter does.
//
// UPDATE=1 rewrites the expected files from what the emitters make now:
//   UPDATE=1 node --conditions=source --import tsx node_modules/uvu/bin.js test '^emit-'
// then read the diff of test/fixtures/emit/ before committing it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Project, type SourceFile } from 'ts-morph'
import * as assert from 'uvu/assert'
import { formatOne } from '../../generator/format.js'
import { loadRelease } from '../../generator/spec/load.js'
import type { Release } from '../../generator/spec/model.js'

const ROOT = 'test/fixtures/emit'

/** The runtime the expected files import, as generated code in a project would. */
export const RUNTIME = 'oicp/runtime'

/** The fixture release of an emitter. */
export function fixtureRelease(emitter: string): Release {
  return loadRelease(join(ROOT, emitter, 'oicp-0.1'))
}

/** What `fill` writes into an empty TypeScript file, formatted. */
export async function emitted(fill: (file: SourceFile) => void): Promise<string> {
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile('/emitted.ts', '')
  fill(file)
  return formatOne({ path: file.getFilePath(), text: file.getFullText(), parser: 'babel-ts' })
}

/** Compares with the expected file out/<name> of the emitter's fixture (or, with UPDATE=1, writes it). */
export function matchesExpected(emitter: string, name: string, actual: string): void {
  const path = join(ROOT, emitter, 'out', name)
  if (process.env.UPDATE === '1') {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, actual)
    return
  }
  let expected: string
  try {
    expected = readFileSync(path, 'utf8')
  } catch {
    assert.unreachable(`${path} is missing; UPDATE=1 writes it`)
    return
  }
  assert.fixture(actual, expected, `${path} differs from what the emitter makes (UPDATE=1 rewrites it)`)
}
