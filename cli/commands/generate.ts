// `oicp generate`: write the generated code the config asks for. oicp owns only the files
// it wrote; a file of someone else's in the way stops the run before anything is written.
// The generator is imported when the command runs: it is the heaviest part of the tools.
import { relative, resolve } from 'node:path'
import { defineCommand, flag, valueOption } from '../command.js'

export default defineCommand({
  name: 'generate',
  summary: 'write generated code from the specs, as oicp.config.yaml says',
  usage: ['generate [--check] [--verbose] [--config FILE]'],
  options: {
    check: flag('only compare with what is there; exit 1 when it is stale'),
    verbose: flag('list every file written or removed'),
    config: valueOption('FILE', 'the config file (default oicp.config.yaml)'),
  },
  notes:
    'Exit: 0 done (or up to date), 1 stale with --check, 2 a config or spec problem, or a file not written by oicp where generated code goes.',
  async run({ values, io: out }) {
    const { DEFAULT_CONFIG_FILE, loadConfig } = await import('../../generator/config.js')
    const { generate } = await import('../../generator/generate.js')
    const { applyOutput, planOutput } = await import('../../generator/output.js')
    const config = loadConfig(values.config ?? DEFAULT_CONFIG_FILE)
    const root = config.root ?? process.cwd()
    const started = performance.now()
    const files = await generate(config)
    const plan = planOutput(files, config.output, root)
    const shown = (path: string) => relative(process.cwd(), resolve(root, path)) || '.'
    if (plan.inTheWay.length > 0) {
      void out.stderr(
        `oicp generate: ${plan.inTheWay.length === 1 ? 'a file' : `${plan.inTheWay.length} files`} not written by oicp stand${plan.inTheWay.length === 1 ? 's' : ''} where generated code goes; nothing was written. Move ${plan.inTheWay.length === 1 ? 'it' : 'them'} away or choose another output folder:\n${plan.inTheWay.map((p) => `  ${shown(p)}\n`).join('')}`,
      )
      return 2
    }
    const list = (label: string, paths: string[]) =>
      values.verbose ? paths.map((p) => `  ${label} ${shown(p)}\n`).join('') : ''
    if (values.check) {
      const stale = [...plan.write, ...plan.remove]
      if (stale.length === 0) {
        void out.stdout(`${shown(config.output)} is up to date (${files.size} files)\n`)
        return 0
      }
      void out.stderr(
        `stale generated files (run \`npx oicp generate\`):\n${plan.write.map((p) => `  ${shown(p)}\n`).join('')}${plan.remove.map((p) => `  ${shown(p)} (no longer generated)\n`).join('')}`,
      )
      return 1
    }
    applyOutput(plan, files, root)
    const ms = Math.round(performance.now() - started)
    void out.stdout(
      `generated into ${shown(config.output)} in ${ms} ms: ${plan.write.length} written, ${plan.unchanged.length} unchanged, ${plan.remove.length} removed\n${list('written', plan.write)}${list('removed', plan.remove)}`,
    )
    return 0
  },
})
