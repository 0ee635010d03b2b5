// The query string of a request, read as the operation's query parameters (page, size and
// sort of paged pulls) and converted to their spec types.
import type { OperationInfo } from '../operations.js'

export type ParsedQuery = { ok: true; query: Record<string, unknown> } | { ok: false; error: string }

/** The operation's parameters found in `search` (without its `?`); unknown ones are ignored. */
export function parseQuery(operation: OperationInfo, search: string): ParsedQuery {
  const query: Record<string, unknown> = {}
  if (operation.query.length === 0 || search === '') return { ok: true, query }
  const params = new URLSearchParams(search)
  for (const q of operation.query) {
    const raw = params.get(q.name)
    if (raw === null) continue
    if (q.type === 'integer') {
      if (!/^-?\d{1,15}$/.test(raw))
        return {
          ok: false,
          error: `query parameter ${q.name} must be an integer (got ${JSON.stringify(raw.slice(0, 20))})`,
        }
      query[q.name] = Number(raw)
    } else if (q.type === 'boolean') {
      if (raw !== 'true' && raw !== 'false')
        return { ok: false, error: `query parameter ${q.name} must be true or false` }
      query[q.name] = raw === 'true'
    } else query[q.name] = raw
  }
  return { ok: true, query }
}
