// Copies the JSON examples of the OICP code-snippet chapters into a test fixture.
// Run once per release: npx tsx test/support/extract-snippets.ts <oicp-sources>/2.3 > test/fixtures/snippets-2.3.json
// The examples are data from the OICP spec text (CC BY-SA 4.0, Hubject GmbH).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Snippet {
  /** file:line of the opening line of the example in the spec text. */
  source: string
  /** The section heading: an operation or message name as the snippets spell it. */
  section: string
  kind: 'request' | 'response'
  /** The example as written (it may not even be JSON). */
  text: string
}

function extract(dir: string, file: string): Snippet[] {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n')
  const out: Snippet[] = []
  let section = ''
  let kind: Snippet['kind'] = 'request'
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heading = /^== (.+?)\s*$/.exec(line)
    if (heading) section = heading[1] ?? ''
    if (/^===\s+Request/.test(line)) kind = 'request'
    if (/^===\s+Response/.test(line)) kind = 'response'
    if (/^\[source,\s*json\]/i.test(line) && (lines[i + 1] ?? '').startsWith('----')) {
      const start = i + 2
      let end = start
      while (end < lines.length && !(lines[end] ?? '').startsWith('----')) end++
      out.push({ source: `${file}:${start + 1}`, section, kind, text: lines.slice(start, end).join('\n') })
      i = end
    }
  }
  return out
}

const dir = process.argv[2]
if (!dir) {
  process.stderr.write('usage: extract-snippets.ts <folder with cpo/ and emp/>\n')
  process.exit(2)
}
const snippets = [
  ...extract(dir, 'cpo/06_CPO_Code_Snippets.asciidoc'),
  ...extract(dir, 'emp/06_EMP_Code_Snippets.asciidoc'),
]
process.stdout.write(`${JSON.stringify(snippets, null, 1)}\n`)
