// What a command declares about itself: the dispatcher parses its options, and help is
// generated from the same table, so usage text and accepted options cannot drift apart.
import type { Io } from './io.js'

export interface OptionSpec {
  type: 'boolean' | 'string'
  multiple?: boolean
  short?: string
  /** The value's name in help, e.g. FILE. */
  value?: string
  help: string
}

export type OptionTable = Record<string, OptionSpec>

/** An option that takes a value, shown in help by its name (`value`: FILE, DIR, N). */
export function valueOption(value: string, help: string): { type: 'string'; value: string; help: string } {
  return { type: 'string', value, help }
}

/** An option that takes a value and may be given several times. */
export function listOption(
  value: string,
  help: string,
): { type: 'string'; multiple: true; value: string; help: string } {
  return { type: 'string', multiple: true, value, help }
}

/** An option without a value. */
export function flag(help: string): { type: 'boolean'; help: string } {
  return { type: 'boolean', help }
}

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
  ? boolean
  : S['multiple'] extends true
    ? string[]
    : string

export type Values<O extends OptionTable> = { [K in keyof O]?: ValueOf<O[K]> }

export interface RunContext<O extends OptionTable> {
  values: Values<O>
  positionals: string[]
  /** The arguments as given, for a command that reads them itself. */
  args: string[]
  io: Required<Io>
}

export interface Command<O extends OptionTable = OptionTable> {
  name: string
  /** One line for the overview. */
  summary: string
  /** Usage lines, each without the leading `oicp `. */
  usage: string[]
  /** The operands in help: [name, meaning]. */
  operands?: Array<[string, string]>
  options: O
  /** Further paragraphs of help: exit codes, examples. */
  notes?: string
  run(context: RunContext<O>): Promise<number> | number
}

/** Keeps the option table's literal types, so `values` is typed per command. */
export function defineCommand<const O extends OptionTable>(command: Command<O>): Command<O> {
  return command
}
