// `oicp vectors <release>`: the test vectors of every message (a valid instance and its
// single-fault mutations with the error each must give), for testing any implementation.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineCommand, valueOption } from '../command.js'
import { CliError } from '../errors.js'
import { RELEASE_OPERAND, releaseOperand } from '../spec-arguments.js'

export default defineCommand({
  name: 'vectors',
  summary: 'write test vectors: valid and single-fault invalid instances of every message, as ndjson',
  usage: ['vectors <release> [--out DIR]'],
  operands: [RELEASE_OPERAND],
  options: {
    out: valueOption(
      'DIR',
      'a folder for one <message>.ndjson file per message (default: every vector to standard output)',
    ),
  },
  notes:
    'Each line: {"message", "case", "valid", "payload", "errors": [{"path", "keyword"}]}; see docs/vectors.md.\nExample: oicp vectors 2.3 --out vectors/',
  async run({ values, positionals, io }) {
    const release = await releaseOperand(positionals)
    const { ndjson, releaseVectors } = await import('../../generator/vectors.js')
    let vectors: ReturnType<typeof releaseVectors>
    try {
      vectors = releaseVectors(release)
    } catch (e) {
      // A release of one's own may use a field pattern the sample builder has no value for.
      throw new CliError(`cannot build the vectors of OICP ${release.release}: ${(e as Error).message}`)
    }
    const count = [...vectors.values()].reduce((n, list) => n + list.length, 0)
    if (values.out === undefined) {
      for (const list of vectors.values()) await io.stdout(ndjson(list))
      return 0
    }
    mkdirSync(values.out, { recursive: true })
    for (const [message, list] of vectors) writeFileSync(join(values.out, `${message}.ndjson`), ndjson(list))
    await io.stderr(`wrote ${vectors.size} files, ${count} vectors of OICP ${release.release}, to ${values.out}\n`)
    return 0
  },
})
