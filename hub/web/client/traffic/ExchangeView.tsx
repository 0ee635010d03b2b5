// One exchange whole: who sent what to whom, how it ended, the validation findings (each a
// button that brings its member into view) and both bodies with the findings marked.
import { useEffect, useState } from 'preact/hooks'
import type { ExchangeDetail, Issue } from '../../api.js'
import { duration, time } from '../format.js'
import { getJson, isAbort } from '../http.js'
import { JsonView } from '../json-view.js'
import { DetailPanel } from '../parts.js'
import { Outcome } from './outcome.js'

const BODIES = [
  ['request', 'Request'],
  ['answer', 'Answer'],
] as const

export function ExchangeBodies({ x }: { x: ExchangeDetail }) {
  const [focus, setFocus] = useState<Issue | undefined>(undefined)
  const on = (where: Issue['where']) => x.issues.filter((i) => i.where === where)
  return (
    <div>
      {x.issues.length > 0 ? (
        <ul class="issues" aria-label="Validation findings">
          {x.issues.map((i) => (
            <li>
              <button type="button" class={`issue ${i.severity}`} onClick={() => setFocus(i)}>
                <span class="issue-kind">{i.severity}</span> in the {i.where} at <code>{i.pointer || '/'}</code>:{' '}
                {i.message}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="bodies">
        {BODIES.map(([where, name]) => (
          <div>
            <h3>{name}</h3>
            <JsonView
              body={x[where]}
              label={`${name} body`}
              issues={on(where)}
              focus={focus?.where === where ? focus.pointer : undefined}
            />
          </div>
        ))}
      </div>
    </div>
  )
}

export function ExchangeView({ id, onClose }: { id: number; onClose: () => void }) {
  const [x, setX] = useState<ExchangeDetail>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    const ac = new AbortController()
    setX(undefined)
    setError(undefined)
    getJson<ExchangeDetail>(`traffic/${id}`, ac.signal)
      .then(setX)
      .catch((e) => !isAbort(e) && setError((e as Error).message))
    return () => ac.abort()
  }, [id])
  return (
    <DetailPanel
      kind="exchange"
      titleId="exchange-title"
      title={x ? `${x.message ?? x.operation}` : `Exchange ${id}`}
      closeLabel="Close the exchange"
      onClose={onClose}
      error={error}
    >
      {x ? (
        <div>
          <dl class="facts">
            <dt>When</dt>
            <dd>
              {time(x.at)}, {duration(x.durationMs)}
            </dd>
            <dt>From → to</dt>
            <dd>
              {x.from} → {x.to}
            </dd>
            <dt>Service version</dt>
            <dd>{x.serviceVersion ?? '—'}</dd>
            <dt>Outcome</dt>
            <dd>
              <Outcome x={x} /> {x.status !== undefined ? `· HTTP ${x.status}` : '· in process'}
              {x.failure ? <div class="bad">{x.failure}</div> : null}
            </dd>
            {x.sessionId ? (
              <>
                <dt>Session</dt>
                <dd>
                  <a href={`#/sessions/${encodeURIComponent(x.sessionId)}`}>{x.sessionId}</a>
                </dd>
              </>
            ) : null}
          </dl>
          <ExchangeBodies x={x} />
        </div>
      ) : null}
    </DetailPanel>
  )
}
