// Help and version: every command explains itself from the same table it parses with.
import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { COMMANDS } from '../cli/commands/index.js'
import { oicp } from './support/cli.js'

const NAMES = ['init', 'generate', 'validate', 'diff', 'lint', 'scaffold', 'openapi', 'vectors', 'certs', 'hub', 'pull']

test('the overview lists every command with its summary', async () => {
  const r = await oicp('help')
  assert.is(r.code, 0)
  assert.equal(COMMANDS.map((c) => c.name).sort(), [...NAMES].sort())
  for (const c of COMMANDS)
    assert.match(r.stdout, new RegExp(`\\n  ${c.name} +${c.summary.replace(/[()]/g, '\\$&')}\\n`), c.name)
  assert.is((await oicp('--help')).stdout, r.stdout)
  assert.is((await oicp('-h')).stdout, r.stdout)
})

test('no command at all: the overview on stderr, exit 2', async () => {
  const r = await oicp()
  assert.is(r.code, 2)
  assert.is(r.stdout, '')
  assert.match(r.stderr, /Usage: oicp <command>/)
  assert.match(r.stderr, /\n {2}validate /)
})

test('help for every command, three ways, naming each of its options', async () => {
  for (const c of COMMANDS) {
    const r = await oicp('help', c.name)
    assert.is(r.code, 0, c.name)
    assert.ok(r.stdout.startsWith(`oicp ${c.name}: ${c.summary}\n`), r.stdout)
    assert.match(r.stdout, `\nUsage:\n  oicp ${c.name}`)
    for (const option of Object.keys(c.options)) assert.match(r.stdout, `--${option}`, `${c.name} --${option}`)
    assert.match(r.stdout, '-h, --help')
    assert.is((await oicp(c.name, '--help')).stdout, r.stdout, `${c.name} --help`)
    assert.is((await oicp(c.name, '-h')).stdout, r.stdout, `${c.name} -h`)
  }
})

test('--help wins over other arguments, even wrong ones', async () => {
  const r = await oicp('validate', 'NoSuchMessage', '--bogus', '--help')
  assert.is(r.code, 0)
  assert.match(r.stdout, /^oicp validate: /)
  assert.is(r.stderr, '')
})

test('--version and -v print the version of the package holding spec/ and templates/', async () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
  for (const flag of ['--version', '-v']) {
    const r = await oicp(flag)
    assert.is(r.code, 0)
    assert.is(r.stdout, `${version}\n`)
  }
})

test('help for an unknown command suggests the nearest one', async () => {
  const r = await oicp('help', 'scafold')
  assert.is(r.code, 2)
  assert.is(r.stderr, 'oicp help: unknown command "scafold" (did you mean "scaffold"?)\n')
})

test.run()
