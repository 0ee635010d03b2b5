// `oicp lint`: load and check release folders; every problem as file:line: message.
import { join, relative, resolve } from 'node:path'
import { PACKAGE_ROOT } from '../../generator/paths.js'
import { SpecError, formatDiagnostic } from '../../generator/spec/diagnostics.js'
import { defineCommand, valueOption } from '../command.js'
import { projectConfig } from '../project-config.js'
import { namedReleaseDir } from '../spec-arguments.js'

interface Target {
  label: string
  dir: string
}

/** What to lint without operands: the config's releases in a project, else the packaged specs. */
async function defaultTargets(configFile: string | undefined): Promise<Target[]> {
  const config = await projectConfig(configFile)
  if (config)
    return config.releases.map((r) => {
      const dir = resolve(config.root ?? '.', r.spec)
      return { label: relative(process.cwd(), dir) || '.', dir }
    })
  const { packagedSpecs } = await import('../../generator/config.js')
  return packagedSpecs().map((name) => ({ label: `${name} (packaged)`, dir: join(PACKAGE_ROOT, 'spec', name) }))
}

export default defineCommand({
  name: 'lint',
  summary: 'check spec files; every problem as file:line: message',
  usage: ['lint [RELEASE ...] [--config FILE]'],
  operands: [['RELEASE', 'a release folder (with a release.yaml), or a release by name (oicp-2.3) or number (2.3)']],
  options: {
    config: valueOption(
      'FILE',
      'lint the releases of this config (default: oicp.config.yaml if there is one, else the specs oicp ships)',
    ),
  },
  notes: 'Exit: 0 no problems, 2 problems (listed on standard error) or wrong arguments.',
  async run({ values, positionals, io }) {
    const { loadRelease } = await import('../../generator/spec/load.js')
    const targets: Target[] = positionals.length > 0 ? [] : await defaultTargets(values.config)
    for (const arg of positionals) {
      const unknown = (known: string) =>
        `"${arg}" is neither a release folder (no release.yaml there) nor a known release (${known})`
      targets.push({ label: arg, dir: await namedReleaseDir(arg, unknown) })
    }
    let problems = 0
    for (const { label, dir } of targets) {
      try {
        const r = loadRelease(dir)
        await io.stdout(
          `${label}: OICP ${r.release}, ${r.types.size} types and messages, ${r.services.length} services: ok\n`,
        )
      } catch (e) {
        if (!(e instanceof SpecError)) throw e
        problems += e.diagnostics.length
        for (const d of e.diagnostics) await io.stderr(`${formatDiagnostic(d)}\n`)
      }
    }
    return problems > 0 ? 2 : 0
  },
})
