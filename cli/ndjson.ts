// `oicp validate --ndjson`: one result line per document, in input order, each carrying its
// input line number; blank lines are skipped but counted. Lines are read and results
// written as streams, so a log of any size validates in constant memory.
import type { ValidationIssue, ValidationResult } from 'oicp/runtime'
import { BatchedOutput } from './batched-output.js'
import { parseJson } from './json.js'

export interface NdjsonCounts {
  valid: number
  invalid: number
}

type Check = (value: unknown) => ValidationResult<unknown>

function result(line: number, text: string, check: Check): { ok: boolean; json: string } {
  const parsed = parseJson(text)
  if (!parsed.ok) {
    const errors: ValidationIssue[] = [
      { path: '', message: `not JSON: ${parsed.message} at column ${parsed.column}`, keyword: 'json' },
    ]
    return { ok: false, json: JSON.stringify({ line, ok: false, errors }) }
  }
  const r = check(parsed.value)
  const warnings = r.warnings.length > 0 ? { warnings: r.warnings } : {}
  return {
    ok: r.ok,
    json: JSON.stringify(r.ok ? { line, ok: true, ...warnings } : { line, ok: false, errors: r.errors, ...warnings }),
  }
}

export async function validateNdjson(
  lines: AsyncIterable<string>,
  check: Check,
  write: (s: string) => void | Promise<void>,
): Promise<NdjsonCounts> {
  const out = new BatchedOutput(write)
  const counts: NdjsonCounts = { valid: 0, invalid: 0 }
  let number = 0
  for await (const raw of lines) {
    number++
    // A byte order mark would make the first document "not JSON".
    const text = number === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
    if (text.trim() === '') continue
    const r = result(number, text, check)
    if (r.ok) counts.valid++
    else counts.invalid++
    await out.line(r.json)
  }
  await out.flush()
  return counts
}

export function summary(c: NdjsonCounts): string {
  const total = c.valid + c.invalid
  const n = (x: number) => x.toLocaleString('en')
  return `${n(total)} document${total === 1 ? '' : 's'}: ${n(c.valid)} valid, ${n(c.invalid)} invalid`
}
