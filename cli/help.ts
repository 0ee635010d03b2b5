// Help text, generated from the command table: an overview, and one page per command.
import type { Command, OptionSpec } from './command.js'

function columns(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([left]) => left.length))
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}\n`).join('')
}

export function overview(commands: readonly Command[]): string {
  return (
    'oicp: OICP code generation, message validation and a local Hubject stand-in\n\n' +
    'Usage: oicp <command> [options]\n\n' +
    'Commands:\n' +
    columns(commands.map((c) => [c.name, c.summary])) +
    '\nRun `oicp help <command>` or `oicp <command> --help` for its options; `oicp --version` for the version.\n'
  )
}

function optionLabel(name: string, o: OptionSpec): string {
  return `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`
}

export function commandHelp(c: Command): string {
  const options: Array<[string, string]> = [
    ...Object.entries(c.options).map(([name, o]): [string, string] => [optionLabel(name, o), o.help]),
    ['-h, --help', 'show this help'],
  ]
  return (
    `oicp ${c.name}: ${c.summary}\n\n` +
    `Usage:\n${c.usage.map((u) => `  oicp ${u}\n`).join('')}` +
    (c.operands?.length ? `\nOperands:\n${columns(c.operands)}` : '') +
    `\nOptions:\n${columns(options)}` +
    (c.notes ? `\n${c.notes.trimEnd()}\n` : '')
  )
}
