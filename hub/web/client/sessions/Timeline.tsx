// One session as a timeline: each message of it in order (authorization, remote start,
// notifications, stop, CDR), who sent it to whom and how it was answered, with the bodies
// one step away; then the CDR as the hub keeps it.
import { useCallback, useEffect, useState } from 'preact/hooks'
import type { SessionTimeline } from '../../api.js'
import { duration, time } from '../format.js'
import { getJson, isAbort } from '../http.js'
import { JsonView } from '../json-view.js'
import { useLive } from '../live.js'
import { DetailPanel } from '../parts.js'
import { ExchangeBodies } from '../traffic/ExchangeView.js'
import { Outcome } from '../traffic/outcome.js'

export function Timeline({ sessionId, onClose }: { sessionId: string; onClose: () => void }) {
  const [t, setT] = useState<SessionTimeline>()
  const [error, setError] = useState<string>()
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const ac = new AbortController()
    getJson<SessionTimeline>(`sessions/${encodeURIComponent(sessionId)}`, ac.signal)
      .then((x) => (setT(x), setError(undefined)))
      .catch((e) => !isAbort(e) && setError((e as Error).message))
    return () => ac.abort()
  }, [sessionId, version])
  const onSessions = useCallback((ids: string[]) => ids.includes(sessionId) && setVersion((v) => v + 1), [sessionId])
  useLive('sessions', onSessions)

  const first = t?.steps[0]?.exchange.at
  return (
    <DetailPanel
      kind="timeline"
      titleId="timeline-title"
      title={`Session ${sessionId}`}
      closeLabel="Close the session"
      onClose={onClose}
      error={error}
    >
      {t ? (
        <div>
          <dl class="facts">
            <dt>State</dt>
            <dd>
              <span class={`state state-${t.session.state}`}>{t.session.state}</span>
            </dd>
            <dt>EVSE</dt>
            <dd>{t.session.evseId ?? '—'}</dd>
            <dt>CPO → EMP</dt>
            <dd>
              {t.session.operatorId} → {t.session.providerId}
            </dd>
            <dt>Began with</dt>
            <dd>{t.session.origin}</dd>
          </dl>
          {!t.complete ? (
            <p class="muted">
              Earlier messages of this session are not shown: it began before this run of the hub, or they were dropped
              to stay within bounds.
            </p>
          ) : null}
          <ol class="steps">
            {t.steps.map(({ phase, exchange: x }) => (
              <li class={`step phase-${phase.replace(/\s/g, '-')}`}>
                <div class="step-head">
                  <span class="phase">{phase}</span>
                  <span class="step-time">
                    {time(x.at)}
                    {first !== undefined && x.at > first ? (
                      <span class="muted"> (+{duration(x.at - first)})</span>
                    ) : null}
                  </span>
                </div>
                <div>
                  <strong>{x.message ?? x.operation}</strong> {x.from} → {x.to} · <Outcome x={x} />
                </div>
                <details>
                  <summary>What {x.to === 'hub' ? 'the hub' : x.to} was sent, and the answer</summary>
                  <ExchangeBodies x={x} />
                </details>
              </li>
            ))}
          </ol>
          {t.cdr !== undefined ? (
            <div class="cdr">
              <h3>CDR kept by the hub</h3>
              <JsonView
                body={{ text: JSON.stringify(t.cdr), bytes: 0, truncated: false }}
                label="Charge detail record"
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </DetailPanel>
  )
}
