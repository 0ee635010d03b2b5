// How an exchange ended, in a few characters: the OICP result and code, or why there was
// no answer; and whether it is a problem worth showing in red.
import type { ExchangeSummary } from '../../api.js'

export function isProblem(x: ExchangeSummary): boolean {
  return (
    x.result === false ||
    x.failure !== undefined ||
    (x.status !== undefined && x.status >= 400) ||
    x.issues.some((i) => i.severity === 'error')
  )
}

export function Outcome({ x }: { x: ExchangeSummary }) {
  if (x.failure !== undefined) return <span class="bad">✗ {x.code ?? ''} no answer</span>
  if (x.result === undefined) return <span class="muted">{x.code ?? '—'}</span>
  return (
    <span class={x.result ? 'good' : 'bad'}>
      {x.result ? '✓' : '✗'} {x.code ?? ''}
    </span>
  )
}

export function Issues({ x }: { x: ExchangeSummary }) {
  const errors = x.issues.filter((i) => i.severity === 'error').length
  const warnings = x.issues.length - errors
  if (x.issues.length === 0) return <span class="muted">—</span>
  return (
    <span>
      {errors > 0 ? (
        <span class="bad">
          {errors} error{errors === 1 ? '' : 's'}
        </span>
      ) : null}
      {errors > 0 && warnings > 0 ? ', ' : null}
      {warnings > 0 ? (
        <span class="warn">
          {warnings} warning{warnings === 1 ? '' : 's'}
        </span>
      ) : null}
    </span>
  )
}
