// `oicp openapi <release>`: OICP as an OpenAPI 3.1 document for one role, from the spec
// (the same document `oicp generate` writes beside the generated code).
import { writeFileSync } from 'node:fs'
import { defineCommand, valueOption } from '../command.js'
import { UsageError } from '../errors.js'
import { RELEASE_OPERAND, releaseOperand, roleArgument } from '../spec-arguments.js'

export default defineCommand({
  name: 'openapi',
  summary: 'write OICP as an OpenAPI 3.1 document (JSON Schema 2020-12) for one role',
  usage: ['openapi <release> [--role cpo|emp|hub] [--out FILE]'],
  operands: [RELEASE_OPERAND],
  options: {
    role: valueOption(
      'ROLE',
      'cpo or emp: what that role sends to Hubject; hub: every operation Hubject serves (default hub)',
    ),
    out: valueOption('FILE', 'the file to write (default: standard output)'),
  },
  notes:
    'Example: oicp openapi 2.3 --role emp --out oicp-emp.json\nRules of the spec text that JSON Schema cannot express are named in x-oicp-rules.',
  async run({ values, positionals, io }) {
    const given = values.role ?? 'hub'
    const role = roleArgument(given, `--role ${given}: unknown role`)
    const release = await releaseOperand(positionals)
    const { documentOperations, openApiText } = await import('../../generator/emit/openapi.js')
    const operations = documentOperations(release, role).length
    if (operations === 0) throw new UsageError(`OICP ${release.release} has no operations for ${role}`)
    const text = openApiText(release, role)
    if (values.out === undefined) {
      await io.stdout(text)
      return 0
    }
    writeFileSync(values.out, text)
    await io.stderr(`wrote ${values.out}: OICP ${release.release}, role ${role}, ${operations} operations\n`)
    return 0
  },
})
