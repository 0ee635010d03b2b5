// `oicp scaffold <role>`: one handler file per operation the role serves, written once;
// files the user changed are kept on a rerun.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ROLES, type Role } from '../../generator/spec/model.js'
import { defineCommand } from '../command.js'
import { UsageError } from '../errors.js'

/** The templates folder the project's config names, relative to the working directory. */
async function configTemplates(): Promise<string | undefined> {
  const { DEFAULT_CONFIG_FILE, loadConfig } = await import('../../generator/config.js')
  if (!existsSync(DEFAULT_CONFIG_FILE)) return undefined
  const config = loadConfig(DEFAULT_CONFIG_FILE)
  return config.templates && resolve(config.root ?? '.', config.templates)
}

export default defineCommand({
  name: 'scaffold',
  summary: 'write one handler file per operation a role serves',
  usage: ['scaffold <cpo|emp|hub> [--out DIR] [--release 2.3 | --spec DIR] [--release-module SPEC] [--runtime-module SPEC]'],
  operands: [['<cpo|emp|hub>', 'the role whose server side to scaffold']],
  options: {
    out: { type: 'string', value: 'DIR', help: 'the folder for handler files (default src/oicp/<role>)' },
    release: { type: 'string', value: 'R', help: 'the OICP release, by number or name (default 2.3)' },
    spec: { type: 'string', value: 'DIR', help: 'a release folder of your own instead' },
    'release-module': { type: 'string', value: 'SPEC', help: 'how the handlers import the release (default oicp/<release>)' },
    'runtime-module': { type: 'string', value: 'SPEC', help: 'how the handlers import the runtime (default oicp/runtime)' },
    templates: { type: 'string', value: 'DIR', help: "a folder whose handler.ts.hbs / handlers-index.ts.hbs replace the built-in ones (default: the templates: folder of ./oicp.config.yaml, if any)" },
  },
  notes: 'Files you changed since they were scaffolded are never overwritten; a rerun adds the files of new operations.',
  async run({ values, positionals, io }) {
    const [role, ...rest] = positionals
    if (!role || rest.length > 0) throw new UsageError(`takes one role: ${ROLES.join(', ')}`)
    if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`unknown role "${role}" (allowed: ${ROLES.join(', ')})`)
    const { findRelease, releaseNumbers } = await import('../releases.js')
    const { loadRelease } = await import('../../generator/spec/load.js')
    const { scaffold } = await import('../../generator/scaffold.js')
    const named = values.spec ?? values.release ?? '2.3'
    const specDir = findRelease(named)
    if (!specDir)
      throw new UsageError(values.spec !== undefined ? `--spec ${named}: no release folder there (it needs a release.yaml)` : `--release ${named}: no such release (known: ${releaseNumbers()})`)
    const release = loadRelease(specDir)
    const dir = values.out ?? join('src', 'oicp', role)
    const templates = values.templates ?? (await configTemplates())
    const report = scaffold({ release, role: role as Role, out: dir, releaseModule: values['release-module'], runtimeModule: values['runtime-module'], templates })
    for (const f of report.files) {
      const notes = [...(f.outcome === 'kept' ? ['changed since scaffolded, not overwritten'] : []), ...(f.note ? [f.note] : [])]
      io.stdout(`${f.outcome.padEnd(9)} ${join(dir, f.file)}${notes.length > 0 ? `: ${notes.join('; ')}` : ''}\n`)
    }
    return 0
  },
})
