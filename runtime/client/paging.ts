// Pages of a paged pull (Hubject's Spring pages): the envelope is checked without its
// records, then each record on its own, so one bad record costs only itself.
import type { OperationInfo } from '../operations.js'
import { runCheck, type MessageRegistry, type ValidationIssue, type Validator } from '../validation/index.js'
import { OicpResponseError } from './errors.js'

/** A record of a page that failed validation; the rest of the page is delivered without it. */
export interface InvalidRecord {
  /** Its position on the page. */
  index: number
  /** Its JSON pointer in the page, e.g. /content/3. */
  pointer: string
  errors: ValidationIssue[]
  record: unknown
}

export interface Page<R> {
  /** Page number, from 0. */
  number: number
  size: number
  totalElements: number
  totalPages: number
  first: boolean
  last: boolean
  /** The valid records, in page order. */
  records: R[]
  invalid: InvalidRecord[]
  /** Lenient-mode findings in the envelope and the valid records (e.g. a plug type newer than 2.3). */
  warnings: ValidationIssue[]
  requestId: string
}

function withPrefix(issues: ValidationIssue[], prefix: string): ValidationIssue[] {
  return issues.map((i) => ({ ...i, path: prefix + i.path }))
}

/** Checks one page answer; throws OicpResponseError when the envelope itself is broken. */
export function decodePage<R>(messages: MessageRegistry<object>, operation: OperationInfo, recordValidator: Validator, answer: { value: unknown; requestId: string; text: string }): Page<R> {
  const { requestId } = answer
  const raw = answer.value as Record<string, unknown>
  const content = raw?.content
  const broken = (issues: ValidationIssue[]) => new OicpResponseError(operation.name, requestId, operation.response, issues, answer.text.slice(0, 1000))
  if (!Array.isArray(content)) throw broken([{ path: '/content', message: 'must be a list of records', keyword: 'type' }])
  const envelope = messages.validate(operation.response, { ...raw, content: [] }, { mode: 'lenient' })
  if (!envelope.ok) throw broken(envelope.errors)
  const page = envelope.value as Record<string, unknown>
  const records: R[] = []
  const invalid: InvalidRecord[] = []
  const warnings = [...envelope.warnings]
  for (let i = 0; i < content.length; i++) {
    const result = runCheck<R>(recordValidator, content[i], { mode: 'lenient' })
    if (result.ok) {
      records.push(result.value)
      if (result.warnings.length > 0) warnings.push(...withPrefix(result.warnings, `/content/${i}`))
    } else invalid.push({ index: i, pointer: `/content/${i}`, errors: withPrefix(result.errors, `/content/${i}`), record: content[i] })
  }
  return {
    number: page.number as number,
    size: page.size as number,
    totalElements: page.totalElements as number,
    totalPages: page.totalPages as number,
    first: page.first as boolean,
    last: page.last as boolean,
    records,
    invalid,
    warnings,
    requestId,
  }
}

/** Every valid record of every page, in order; `onInvalid` hears of each skipped one. */
export async function* eachRecord<R>(pages: AsyncIterable<Page<R>>, onInvalid?: (bad: InvalidRecord & { page: number }) => void): AsyncGenerator<R, void, undefined> {
  for await (const page of pages) {
    for (const bad of page.invalid) onInvalid?.({ ...bad, page: page.number })
    yield* page.records
  }
}
