// Standard input from a real pipe: `cat big.ndjson | oicp validate ... --ndjson` must read
// every byte however the writer paces it, answer each line in order with its number, and
// answer as lines arrive rather than after the whole input.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { oicpPiped } from './support/cli.js'

const doc = (i: number) =>
  JSON.stringify({
    ActionType: 'update',
    OperatorEvseStatus: {
      OperatorID: 'DE*ABC',
      EvseStatusRecord: [{ EvseID: `DE*ABC*E${i}`, EvseStatus: 'Available' }],
    },
  })

/** About `bytes` of ndjson: mostly valid documents, some invalid, some not JSON, some blank lines. */
function input(bytes: number): { text: string; expected: Array<{ line: number; ok: boolean }> } {
  const lines: string[] = []
  const expected: Array<{ line: number; ok: boolean }> = []
  let size = 0
  for (let i = 1; size < bytes; i++) {
    const kind = i % 97 === 0 ? 'blank' : i % 89 === 0 ? 'broken' : i % 83 === 0 ? 'invalid' : 'valid'
    const text =
      kind === 'blank'
        ? ''
        : kind === 'broken'
          ? '{"ActionType": "update",'
          : kind === 'invalid'
            ? doc(i).replace('Available', 'Sleeping')
            : doc(i)
    lines.push(text)
    if (kind !== 'blank') expected.push({ line: i, ok: kind === 'valid' })
    size += text.length + 1
  }
  return { text: `${lines.join('\n')}\n`, expected }
}

const { text, expected } = input(1.2 * 1024 * 1024)
const invalid = expected.filter((e) => !e.ok).length

for (const round of [1, 2, 3]) {
  test(`a 1.2 MB pipe in 64 kB chunks with pauses: one result per document, in order, numbered (round ${round})`, async () => {
    const r = await oicpPiped(
      Buffer.from(text),
      { chunkSize: 64 * 1024, pauseMs: 5 },
      'validate',
      'eRoamingPushEvseStatus',
      '--ndjson',
    )
    assert.is(r.code, 1, r.stderr)
    const results = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; ok: boolean })
    assert.is(results.length, expected.length)
    assert.equal(
      results.map((x) => [x.line, x.ok]),
      expected.map((x) => [x.line, x.ok]),
    )
    const n = (x: number) => x.toLocaleString('en')
    assert.is(
      r.stderr,
      `${n(expected.length)} documents: ${n(expected.length - invalid)} valid, ${n(invalid)} invalid\n`,
    )
  })
}

test('each line is answered before the next one is written (streaming, not read-all)', async () => {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'cli/main.ts', 'validate', 'eRoamingPushEvseStatus', '-', '--ndjson'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  child.stdout.setEncoding('utf8')
  let received = ''
  const signal = AbortSignal.timeout(20_000)
  const nextLine = async () => {
    while (!received.includes('\n')) received += ((await once(child.stdout, 'data', { signal })) as [string])[0]
    const at = received.indexOf('\n')
    const line = received.slice(0, at)
    received = received.slice(at + 1)
    return JSON.parse(line) as { line: number; ok: boolean }
  }
  try {
    for (let i = 1; i <= 3; i++) {
      child.stdin.write(`${doc(i)}\n`)
      assert.equal(await nextLine(), { line: i, ok: true })
    }
    child.stdin.end()
    const [code] = (await once(child, 'close', { signal })) as [number]
    assert.is(code, 0)
  } finally {
    child.kill()
  }
})

test.run()
