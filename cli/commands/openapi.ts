// `oicp openapi <release>`: OICP as an OpenAPI 3.1 document for one role, from the spec
// (the same document `oicp generate` writes beside the generated code).
import { writeFileSync } from 'node:fs'
import { ROLES, type Role } from '../../generator/spec/model.js'
import { defineCommand } from '../command.js'
import { UsageError } from '../errors.js'

export default defineCommand({
  name: 'openapi',
  summary: 'write OICP as an OpenAPI 3.1 document (JSON Schema 2020-12) for one role',
  usage: ['openapi <release> [--role cpo|emp|hub] [--out FILE]'],
  operands: [['<release>', 'the OICP release: a number (2.3), a name (oicp-2.3) or a release folder']],
  options: {
    role: { type: 'string', value: 'ROLE', help: 'cpo or emp: what that role sends to Hubject; hub: every operation Hubject serves (default hub)' },
    out: { type: 'string', value: 'FILE', help: 'the file to write (default: standard output)' },
  },
  notes: 'Example: oicp openapi 2.3 --role emp --out oicp-emp.json\nRules of the spec text that JSON Schema cannot express are named in x-oicp-rules.',
  async run({ values, positionals, io }) {
    if (positionals.length !== 1) throw new UsageError(`takes one release (got ${positionals.length})`)
    const role = values.role ?? 'hub'
    if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role ${role}: unknown role (allowed: ${ROLES.join(', ')})`)
    const { findRelease, releaseNumbers } = await import('../releases.js')
    const { loadRelease } = await import('../../generator/spec/load.js')
    const { documentOperations, openApiText } = await import('../../generator/emit/openapi.js')
    const dir = findRelease(positionals[0]!)
    if (!dir) throw new UsageError(`"${positionals[0]}" is not a release (known: ${releaseNumbers()}) nor a release folder`)
    const release = loadRelease(dir)
    if (documentOperations(release, role as Role).length === 0) throw new UsageError(`OICP ${release.release} has no operations for ${role}`)
    const text = openApiText(release, role as Role)
    if (values.out === undefined) {
      await io.stdout(text)
      return 0
    }
    writeFileSync(values.out, text)
    await io.stderr(`wrote ${values.out}: OICP ${release.release}, role ${role}, ${documentOperations(release, role as Role).length} operations\n`)
    return 0
  },
})
