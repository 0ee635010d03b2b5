// What a user sees when something is wrong: one line on stderr naming the file or the
// argument, at most one hint line, no usage text, no errno code, no stack trace; and a
// suggestion for a typo in a command, an option or a message name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { oicp, type Run } from './support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'oicp-cli-errors-'))
test.after(() => rmSync(dir, { recursive: true, force: true }))

/** One line, perhaps a hint line in parentheses, and nothing of the usage or a stack. */
function oneLine(r: Run, command: string): string {
  const lines = r.stderr.trimEnd().split('\n')
  assert.ok(lines.length === 1 || (lines.length === 2 && /^\(.*\)$/.test(lines[1]!)), r.stderr)
  assert.ok(lines[0]!.startsWith(`oicp${command ? ` ${command}` : ''}: `), r.stderr)
  assert.not.match(r.stderr, /Usage:| {4}at |Error:|ENOENT|EACCES|EISDIR/)
  return lines[0]!
}

test('a mistyped command: did you mean', async () => {
  const r = await oicp('genrate')
  assert.is(r.code, 2)
  assert.is(oneLine(r, ''), 'oicp: unknown command "genrate" (did you mean "generate"?)')
  assert.is(oneLine(await oicp('vaildate'), ''), 'oicp: unknown command "vaildate" (did you mean "validate"?)')
  const far = await oicp('frobnicate')
  assert.is(far.code, 2)
  assert.is(far.stderr, 'oicp: unknown command "frobnicate"\n(see oicp help)\n')
})

test('a mistyped option: did you mean, for the command it was given to', async () => {
  const r = await oicp('generate', '--chek')
  assert.is(r.code, 2)
  assert.is(r.stderr, 'oicp generate: unknown option --chek (did you mean --check?)\n')
  assert.is(
    oneLine(await oicp('validate', 'eRoamingAcknowledgement', '--stirct'), 'validate'),
    'oicp validate: unknown option --stirct (did you mean --strict?)',
  )
  const none = await oicp('diff', '2.2', '2.3', '--colour')
  assert.is(none.stderr, 'oicp diff: unknown option --colour\n(see oicp diff --help)\n')
})

test('an option without its value, and a switch given one', async () => {
  const missing = await oicp('generate', '--config')
  assert.is(missing.code, 2)
  assert.is(oneLine(missing, 'generate'), 'oicp generate: --config needs a value (--config FILE)')
  const given = await oicp('validate', 'eRoamingAcknowledgement', '--ndjson=yes')
  assert.is(oneLine(given, 'validate'), 'oicp validate: --ndjson takes no value')
})

test('a mistyped message name: at most three nearest names, never the whole list', async () => {
  const file = join(dir, 'ack.json')
  writeFileSync(file, '{}')
  const r = await oicp('validate', 'eRoamingPushEvseDta', file)
  assert.is(r.code, 2)
  const line = oneLine(r, 'validate')
  assert.match(
    line,
    /^oicp validate: no message "eRoamingPushEvseDta" in OICP 2\.3 \(did you mean eRoamingPushEvseData(, \w+)?( or \w+)?\?\)$/,
  )
  const lower = await oicp('validate', 'eroamingauthorizestrat', file)
  assert.match(oneLine(lower, 'validate'), /did you mean eRoamingAuthorizeStart[ ,?]/)
  const far = await oicp('validate', 'Zzzzzz', file)
  assert.is(
    far.stderr,
    'oicp validate: no message "Zzzzzz" in OICP 2.3\n(oicp validate --list shows every message name)\n',
  )
  const list = await oicp('validate', '--list')
  assert.is(list.code, 0)
  assert.ok(list.stdout.split('\n').includes('eRoamingPushEvseData'))
})

test('a missing file: one line naming it, in words, exit 2', async () => {
  const missing = join(dir, 'nowhere.json')
  for (const extra of [[], ['--ndjson']]) {
    const r = await oicp('validate', 'eRoamingAcknowledgement', missing, ...extra)
    assert.is(r.code, 2)
    assert.is(r.stdout, '')
    assert.is(oneLine(r, 'validate'), `oicp validate: cannot read ${missing}: no such file or folder`)
  }
  const folder = await oicp('validate', 'eRoamingAcknowledgement', dir)
  assert.is(oneLine(folder, 'validate'), `oicp validate: cannot read ${dir}: is a folder, not a file`)
  const config = await oicp('generate', '--config', join(dir, 'none.yaml'))
  assert.is(config.code, 2)
  assert.is(config.stderr, `${join(dir, 'none.yaml')}:1: cannot read config: no such file or folder\n`)
  const hub = await oicp('hub', '--config', join(dir, 'none.yaml'))
  assert.is(hub.stderr, `${join(dir, 'none.yaml')}:1: cannot read the hub config: no such file or folder\n`)
})

test('bad arguments: one line naming the argument and a pointer to help', async () => {
  const cases: Array<[string[], string]> = [
    [['validate'], 'oicp validate: takes a message name, e.g. oicp validate eRoamingPushEvseData message.json'],
    [
      ['validate', 'eRoamingAcknowledgement', 'a.json', 'b.json'],
      'oicp validate: takes one file at most (got 2: a.json b.json)',
    ],
    [
      ['validate', 'eRoamingAcknowledgement', '--strict', '--lenient'],
      'oicp validate: --strict and --lenient exclude each other',
    ],
    [
      ['validate', 'eRoamingAcknowledgement', '--release', '9.9'],
      'oicp validate: --release 9.9: no such release (generated: 2.3, 2.2)',
    ],
    [['diff', '2.2'], 'oicp diff: takes two operands, the releases or service versions to compare (got 1)'],
    [['scaffold', 'dso'], 'oicp scaffold: unknown role "dso" (allowed: cpo, emp, hub)'],
    [['scaffold', 'cpo', '--release', '9.9'], 'oicp scaffold: --release 9.9: no such release (known: 2.3, 2.2)'],
    [['certs', '--client', 'a b'], 'oicp certs: --client "a b": a name may hold only letters, digits and * + _ . -'],
    [['hub', '--port', '70000'], 'oicp hub: --port must be 0 to 65535 (got 70000)'],
  ]
  for (const [args, expected] of cases) {
    const r = await oicp(...args)
    assert.is(r.code, 2, args.join(' '))
    const command = args[0]!
    assert.is(r.stderr, `${expected}\n(see oicp ${command} --help)\n`, args.join(' '))
  }
})

test('input that is not JSON names the file, line and column', async () => {
  const file = join(dir, 'broken.json')
  writeFileSync(file, '{\n  "Result": tru\n}\n')
  const r = await oicp('validate', 'eRoamingAcknowledgement', file)
  assert.is(r.code, 2)
  assert.is(oneLine(r, 'validate'), `oicp validate: ${file}:2:13: not JSON: unexpected character`)
})

test.run()
