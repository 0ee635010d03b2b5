// Answers of paged pulls (Hubject's Spring pages): the envelope is checked without its
// records, then each record on its own. One function decodes every such answer, for the
// single-page call and for the page-by-page walk alike, so both follow one policy: in
// lenient mode a bad record is reported and skipped, in the other modes it fails the answer.
import type { OperationInfo } from '../operations.js'
import type { ValidationIssue, ValidationMode } from '../validation/issues.js'
import { runCheck, type MessageRegistry, type Validator } from '../validation/registry.js'
import { removalWarning } from '../validation/removal.js'
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

/** One page of a page-by-page walk: the valid records, the skipped ones and the page's position. */
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
  /** Lenient-mode findings in the envelope and the valid records (e.g. a plug type newer than 2.3, a removed optional member). */
  warnings: ValidationIssue[]
  requestId: string
}

/** A decoded page answer: its envelope (the message without records), the records kept and those skipped. */
export interface DecodedPage<R> {
  envelope: Record<string, unknown>
  records: R[]
  invalid: InvalidRecord[]
  warnings: ValidationIssue[]
}

function withPrefix(issues: ValidationIssue[], prefix: string): ValidationIssue[] {
  return issues.map((i) => ({
    ...i,
    path: prefix + i.path,
    ...(i.causes ? { causes: withPrefix(i.causes, prefix) } : {}),
  }))
}

/**
 * Checks one page answer in `mode`. Throws OicpResponseError when the envelope is broken,
 * or, outside lenient mode, when any record is.
 */
export function decodePage<R>(
  messages: MessageRegistry<object>,
  operation: OperationInfo,
  recordValidator: Validator,
  answer: { value: unknown; requestId: string; text: string },
  mode: ValidationMode = 'lenient',
): DecodedPage<R> {
  const raw = answer.value as Record<string, unknown>
  const content = raw?.content
  const broken = (issues: ValidationIssue[]) =>
    new OicpResponseError(operation.name, answer.requestId, operation.response, issues, answer.text.slice(0, 1000))
  if (!Array.isArray(content))
    throw broken([{ path: '/content', message: 'must be a list of records', keyword: 'type' }])
  const checked = messages.validate(operation.response, { ...raw, content: [] }, { mode })
  if (!checked.ok) throw broken(checked.errors)
  const records: R[] = []
  const invalid: InvalidRecord[] = []
  const warnings = [...checked.warnings]
  for (let i = 0; i < content.length; i++) {
    const result = runCheck<R>(recordValidator, content[i], { mode })
    if (result.ok) {
      records.push(result.value)
      if (result.warnings.length > 0) warnings.push(...withPrefix(result.warnings, `/content/${i}`))
    } else
      invalid.push({
        index: i,
        pointer: `/content/${i}`,
        errors: withPrefix(result.errors, `/content/${i}`),
        record: content[i],
      })
  }
  if (mode !== 'lenient' && invalid.length > 0) throw broken(invalid.flatMap((r) => r.errors))
  return { envelope: checked.value as Record<string, unknown>, records, invalid, warnings }
}

/** The warnings of a decoded page with one more per skipped record, as the client hooks hear them. */
export function pageWarnings(page: { warnings: ValidationIssue[]; invalid: InvalidRecord[] }): ValidationIssue[] {
  return [
    ...page.warnings,
    ...page.invalid.map((r) => removalWarning(r.pointer, r.errors, 'an invalid record of the page')),
  ]
}

/** The page as the page-by-page walk yields it. */
export function toPage<R>(decoded: DecodedPage<R>, requestId: string): Page<R> {
  const { envelope: e } = decoded
  return {
    number: e.number as number,
    size: e.size as number,
    totalElements: e.totalElements as number,
    totalPages: e.totalPages as number,
    first: e.first as boolean,
    last: e.last as boolean,
    records: decoded.records,
    invalid: decoded.invalid,
    warnings: decoded.warnings,
    requestId,
  }
}

/** The page as the single-page call returns it: the message, holding only the records kept. */
export function toMessage<M>(decoded: DecodedPage<unknown>): M {
  return { ...decoded.envelope, content: decoded.records } as M
}

/** Every valid record of every page, in order; `onInvalid` hears of each skipped one. */
export async function* eachRecord<R>(
  pages: AsyncIterable<Page<R>>,
  onInvalid?: (bad: InvalidRecord & { page: number }) => void,
): AsyncGenerator<R, void, undefined> {
  for await (const page of pages) {
    for (const bad of page.invalid) onInvalid?.({ ...bad, page: page.number })
    yield* page.records
  }
}
