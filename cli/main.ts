// The oicp command line: finds the command, parses its options from its own table, runs
// it, and turns every expected failure into one line on standard error.
// Exit codes: 0 ok, 1 the thing checked failed, 2 wrong arguments or unusable input.
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describeFsError } from '../generator/fs-errors.js'
import { SpecError, formatDiagnostic } from '../generator/spec/diagnostics.js'
import type { Command } from './command.js'
import { COMMANDS } from './commands/index.js'
import { CliError, UsageError } from './errors.js'
import { commandHelp, overview } from './help.js'
import { processIo, type Io } from './io.js'
import { asksForHelp, parseOptions } from './options.js'
import { didYouMean } from '../generator/spec/suggest.js'
import { version } from './version.js'

function find(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name)
  if (command) return command
  const known = [...COMMANDS.map((c) => c.name), 'help']
  const near = didYouMean(name, known)
  throw new UsageError(
    `${name.startsWith('-') ? 'unknown option' : 'unknown command'} "${name}"${near}`,
    near ? undefined : '(see oicp help)',
  )
}

/** `oicp help [command]`. */
function help(args: string[], io: Required<Io>): number {
  if (args.length > 1) throw new UsageError('takes one command name at most')
  void io.stdout(args[0] === undefined ? overview(COMMANDS) : commandHelp(find(args[0])))
  return 0
}

/** A failure as the user sees it: one line (one per problem for spec and config files), and the exit code. */
function report(e: unknown, name: string, io: Required<Io>): number {
  if (e instanceof SpecError) {
    for (const d of e.diagnostics) void io.stderr(`${formatDiagnostic(d)}\n`)
    return 2
  }
  if (e instanceof CliError) {
    const prefix = name === '' ? 'oicp' : `oicp ${name}`
    const hint =
      e.hint ??
      (e instanceof UsageError && !e.message.includes('did you mean')
        ? `(see oicp ${name === '' ? 'help' : `${name} --help`})`
        : undefined)
    void io.stderr(`${prefix}: ${e.message}\n${hint ? `${hint}\n` : ''}`)
    return e.exitCode
  }
  // A file the command writes or reads (a read-only folder, a missing parent): in words.
  const fsError = e as NodeJS.ErrnoException
  if (fsError?.code && fsError.path) {
    void io.stderr(`oicp ${name}: ${fsError.path}: ${describeFsError(fsError)}\n`)
    return 2
  }
  throw e
}

/** Runs one command line (without the leading `oicp`); returns the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const streams: Required<Io> = { ...io, stdin: io.stdin ?? process.stdin, stderrIsTTY: io.stderrIsTTY ?? false }
  const [first, ...args] = argv
  // The command whose name prefixes an error; none until one is found.
  let name = ''
  try {
    if (first === undefined) {
      void streams.stderr(overview(COMMANDS))
      return 2
    }
    if (first === '--version' || first === '-v') {
      void streams.stdout(`${version()}\n`)
      return 0
    }
    if (first === '--help' || first === '-h') return help(args, streams)
    if (first === 'help') {
      name = 'help'
      return help(args, streams)
    }
    const command = find(first)
    name = command.name
    if (asksForHelp(args)) {
      void streams.stdout(commandHelp(command))
      return 0
    }
    const { values, positionals } = parseOptions(command, args)
    return await command.run({ values, positionals, args, io: streams })
  } catch (e) {
    return report(e, name, streams)
  }
}

// Run when started directly (npm scripts use `node --import tsx cli/main.ts`); bin/oicp.js calls main itself.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
