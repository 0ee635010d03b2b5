// Every JSON example of the OICP 2.3 code-snippet chapters validates against its
// message, or ERRATA.md names it (by file:line) with the reason it is wrong.
import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { messages } from '../generated/oicp-2.3/index.js'
import type { Snippet } from './support/extract-snippets.js'
import { messageOf } from './support/snippet-messages.js'

const snippets = JSON.parse(readFileSync('test/fixtures/snippets-2.3.json', 'utf8')) as Snippet[]
const errata = readFileSync('spec/ERRATA.md', 'utf8')

test('every snippet maps to a message', () => {
  assert.ok(snippets.length >= 60, `expected the snippets of both chapters, got ${snippets.length}`)
  for (const s of snippets) assert.ok(messages.find(messageOf(s)), `${s.source}: ${messageOf(s)} is not a message`)
})

for (const s of snippets) {
  const name = messageOf(s)
  test(`${s.source} (${s.section} ${s.kind}) is valid ${name} or listed in ERRATA.md`, () => {
    const result = messages.validate(name, JSON.parse(s.text))
    const listed = errata.includes(`\`${s.source}\``)
    if (result.ok) assert.not.ok(listed, `${s.source} validates but ERRATA.md still lists it as invalid`)
    else
      assert.ok(
        listed,
        `${s.source} is invalid and not in ERRATA.md:\n${result.errors.map((e) => `  ${e.path} ${e.message}`).join('\n')}`,
      )
  })
}

test.run()
