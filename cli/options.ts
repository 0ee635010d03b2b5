// A command's arguments parsed against its option table. node:util's parse errors are
// rewritten as one line naming the option, with the nearest known option for a typo.
import { parseArgs } from 'node:util'
import type { Command, OptionTable, Values } from './command.js'
import { UsageError } from './errors.js'
import { didYouMean } from '../generator/spec/suggest.js'

/** `--help` / `-h` anywhere before `--`: help wins over every other argument. */
export function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--')
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h')
}

function optionOf(message: string): string {
  return /'(-{1,2}[^'\s=]+)/.exec(message)?.[1] ?? 'an option'
}

export function parseOptions<O extends OptionTable>(
  command: Command<O>,
  args: string[],
): { values: Values<O>; positionals: string[] } {
  const options: Record<string, { type: 'boolean' | 'string'; multiple?: boolean; short?: string }> = {}
  for (const [name, o] of Object.entries(command.options))
    options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true })
    return { values: values as Values<O>, positionals }
  } catch (e) {
    const code = (e as { code?: string }).code
    const message = (e as Error).message
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const given = optionOf(message)
      const near = didYouMean(given.replace(/^-+/, ''), [...Object.keys(command.options), 'help'], (s) => `--${s}`)
      throw new UsageError(`unknown option ${given}${near}`)
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const given = optionOf(message)
      const spec = command.options[given.replace(/^-+/, '')]
      if (spec?.type === 'boolean') throw new UsageError(`${given} takes no value`)
      if (/ambiguous/.test(message))
        throw new UsageError(`${given} needs a value; write one that starts with "-" as ${given}=-…`)
      throw new UsageError(`${given} needs a value${spec?.value ? ` (${given} ${spec.value})` : ''}`)
    }
    throw e
  }
}
