// `oicp scaffold <role>`: one handler file per operation the role serves, written once;
// files the user changed are kept on a rerun.
import { join, resolve } from 'node:path'
import { ROLES } from '../../generator/spec/model.js'
import { defineCommand, valueOption } from '../command.js'
import { UsageError } from '../errors.js'
import { projectConfig } from '../project-config.js'
import { loadNamedRelease, roleArgument } from '../spec-arguments.js'

/** The templates folder the project's config names, relative to the working directory. */
async function configTemplates(): Promise<string | undefined> {
  const config = await projectConfig()
  return config?.templates && resolve(config.root ?? '.', config.templates)
}

export default defineCommand({
  name: 'scaffold',
  summary: 'write one handler file per operation a role serves',
  usage: [
    'scaffold <cpo|emp|hub> [--out DIR] [--release 2.3 | --spec DIR] [--release-module SPEC] [--runtime-module SPEC]',
  ],
  operands: [['<cpo|emp|hub>', 'the role whose server side to scaffold']],
  options: {
    out: valueOption('DIR', 'the folder for handler files (default src/oicp/<role>)'),
    release: valueOption('R', 'the OICP release, by number or name (default 2.3)'),
    spec: valueOption('DIR', 'a release folder of your own instead'),
    'release-module': valueOption('SPEC', 'how the handlers import the release (default oicp/<release>)'),
    'runtime-module': valueOption('SPEC', 'how the handlers import the runtime (default oicp/runtime)'),
    templates: valueOption(
      'DIR',
      'a folder whose handler.ts.hbs / handlers-index.ts.hbs replace the built-in ones (default: the templates: folder of ./oicp.config.yaml, if any)',
    ),
  },
  notes:
    'Files you changed since they were scaffolded are never overwritten; a rerun adds the files of new operations.',
  async run({ values, positionals, io }) {
    const [given, ...rest] = positionals
    if (!given || rest.length > 0) throw new UsageError(`takes one role: ${ROLES.join(', ')}`)
    const role = roleArgument(given, `unknown role "${given}"`)
    const { scaffold } = await import('../../generator/scaffold.js')
    const named = values.spec ?? values.release ?? '2.3'
    const release = await loadNamedRelease(named, (known) =>
      values.spec !== undefined
        ? `--spec ${named}: no release folder there (it needs a release.yaml)`
        : `--release ${named}: no such release (known: ${known})`,
    )
    const dir = values.out ?? join('src', 'oicp', role)
    const templates = values.templates ?? (await configTemplates())
    const report = scaffold({
      release,
      role,
      out: dir,
      releaseModule: values['release-module'],
      runtimeModule: values['runtime-module'],
      templates,
    })
    for (const f of report.files) {
      const notes = [
        ...(f.outcome === 'kept' ? ['changed since scaffolded, not overwritten'] : []),
        ...(f.note ? [f.note] : []),
      ]
      await io.stdout(`${f.outcome.padEnd(9)} ${join(dir, f.file)}${notes.length > 0 ? `: ${notes.join('; ')}` : ''}\n`)
    }
    return 0
  },
})
