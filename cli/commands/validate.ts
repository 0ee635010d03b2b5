// `oicp validate <Message> [FILE]`: check a JSON message, or with --ndjson one per line.
import type { Readable } from 'node:stream'
import type { MessageEntry, MessageRegistry, ValidationIssue, ValidationMode } from 'oicp/runtime'
import { defineCommand, flag, valueOption } from '../command.js'
import { CliError, UsageError } from '../errors.js'
import { inputName, readAll, readLines } from '../input.js'
import { parseJson } from '../json.js'
import { summary, validateNdjson } from '../ndjson.js'
import { didYouMean } from '../../generator/spec/suggest.js'

async function registryFor(release: string): Promise<MessageRegistry> {
  const { releases } = await import('oicp/releases')
  const load = (releases as unknown as Record<string, () => Promise<{ messages: MessageRegistry }>>)[release]
  if (!load)
    throw new UsageError(`--release ${release}: no such release (generated: ${Object.keys(releases).join(', ')})`)
  return (await load()).messages
}

function messageOf(registry: MessageRegistry, name: string): MessageEntry {
  const entry = registry.find(name)
  if (entry) return entry
  const near = didYouMean(name, registry.names(), (s) => s)
  throw new UsageError(
    `no message "${name}" in OICP ${registry.release}${near}`,
    near === ''
      ? `(oicp validate --list${registry.release === '2.3' ? '' : ` --release ${registry.release}`} shows every message name)`
      : undefined,
  )
}

function issueLine(i: ValidationIssue): string {
  return `  ${i.path || '/'}: ${i.message} [${i.keyword}]\n`
}

/** A person at a terminal would otherwise face a silent wait. */
function promptIfTerminal(file: string, stdin: Readable, stderr: (s: string) => unknown): void {
  if (file === '-' && (stdin as { isTTY?: boolean }).isTTY)
    stderr('reading the message from standard input; end it with Ctrl-D\n')
}

export default defineCommand({
  name: 'validate',
  summary: 'check a JSON message, or one message per line with --ndjson',
  usage: ['validate <Message> [FILE|-] [--strict|--lenient] [--ndjson] [--release R]', 'validate --list [--release R]'],
  operands: [
    ['<Message>', 'the message name, in any letter case (eRoamingPushEvseData)'],
    ['FILE', 'the JSON file; - or none: standard input'],
  ],
  options: {
    strict: flag('also reject fields the spec does not know'),
    lenient: flag('accept enumeration values the spec does not know, with a warning'),
    ndjson: flag(
      'one message per line; prints one JSON result per line, with its line number, and a count on standard error',
    ),
    release: valueOption('R', 'the OICP release (default 2.3)'),
    list: flag('list the message names of the release'),
  },
  notes:
    'Exit: 0 valid (with --ndjson: every document), 1 invalid (any), 2 wrong arguments, or input that cannot be read or (without --ndjson) is not JSON.\n' +
    'Example: cat pushes.ndjson | oicp validate eRoamingPushEvseData --ndjson > results.ndjson',
  async run({ values, positionals, io }) {
    const registry = await registryFor(values.release ?? '2.3')
    if (values.list) {
      if (positionals.length > 0) throw new UsageError('--list takes no operands')
      void io.stdout(
        registry
          .names()
          .map((n) => `${n}\n`)
          .join(''),
      )
      return 0
    }
    const [name, file = '-', ...rest] = positionals
    if (!name) throw new UsageError('takes a message name, e.g. oicp validate eRoamingPushEvseData message.json')
    if (rest.length > 0)
      throw new UsageError(`takes one file at most (got ${rest.length + 1}: ${[file, ...rest].join(' ')})`)
    if (values.strict && values.lenient) throw new UsageError('--strict and --lenient exclude each other')
    const mode: ValidationMode = values.strict ? 'strict' : values.lenient ? 'lenient' : 'exact'
    const entry = messageOf(registry, name)
    promptIfTerminal(file, io.stdin, io.stderr)
    if (values.ndjson) {
      const counts = await validateNdjson(
        readLines(file, io.stdin),
        (value) => registry.validate(entry.name, value, { mode }),
        io.stdout,
      )
      await io.stderr(`${summary(counts)}\n`)
      return counts.invalid > 0 ? 1 : 0
    }
    const parsed = parseJson(await readAll(file, io.stdin))
    if (!parsed.ok)
      throw new CliError(`${inputName(file)}:${parsed.line}:${parsed.column}: not JSON: ${parsed.message}`, 2)
    const r = registry.validate(entry.name, parsed.value, { mode })
    if (r.ok) void io.stdout(`${entry.name}: valid (${mode})\n`)
    else
      void io.stdout(
        `${entry.name}: invalid (${mode}), ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}:\n${r.errors.map(issueLine).join('')}`,
      )
    if (r.warnings.length > 0) void io.stdout(`warnings:\n${r.warnings.map(issueLine).join('')}`)
    return r.ok ? 0 : 1
  },
})
