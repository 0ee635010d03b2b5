// Every JSON example of the OICP 2.3 code-snippet chapters validates against its
// message, or ERRATA.md names it (by file:line) with the reason it is wrong.
import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { messages, operations } from '../generated/oicp-2.3/index.js'
import type { Snippet } from './support/extract-snippets.js'

const snippets = JSON.parse(readFileSync('test/fixtures/snippets-2.3.json', 'utf8')) as Snippet[]
const errata = readFileSync('spec/ERRATA.md', 'utf8')

// Snippet headings that name neither an operation nor a message.
const SECTION_OPERATION: Record<string, string> = {
  eRoamingRemoteReservationStart: 'eRoamingAuthorizeRemoteReservationStart',
  eRoamingRemoteReservationStop: 'eRoamingAuthorizeRemoteReservationStop',
  eRoamingGetChargeDetailRecord: 'eRoamingGetChargeDetailRecords',
}

/** The message a snippet shows: the request or response of the operation its heading names. */
function messageOf(s: Snippet): string {
  const opName = SECTION_OPERATION[s.section] ?? s.section
  const op = operations.find((o) => o.name.toLowerCase() === opName.toLowerCase())
  if (op) return s.kind === 'request' ? (typeof op.request === 'string' ? op.request : '?') : op.response
  // A heading that names one message of a multi-message request (the charging notifications).
  const carrier = operations.find((o) => typeof o.request !== 'string' && o.request.oneOf.some((m) => m.toLowerCase() === s.section.toLowerCase()))
  if (!carrier) throw new Error(`${s.source}: no operation for snippet heading ${s.section}`)
  return s.kind === 'request' ? messages.find(s.section)!.name : carrier.response
}

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
    else assert.ok(listed, `${s.source} is invalid and not in ERRATA.md:\n${result.errors.map((e) => `  ${e.path} ${e.message}`).join('\n')}`)
  })
}

test.run()
