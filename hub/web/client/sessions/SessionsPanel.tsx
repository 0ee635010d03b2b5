// The latest sessions the hub made, refreshed as they change; choosing one shows its timeline.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { SessionSummary } from '../../api.js'
import { time } from '../format.js'
import { getJson } from '../http.js'
import { useConnected, useLive } from '../live.js'
import { ColumnHeads } from '../parts.js'
import { Timeline } from './Timeline.js'

export function SessionsPanel({
  selected,
  onSelect,
}: {
  selected: string | undefined
  onSelect: (id: string | undefined) => void
}) {
  const [sessions, setSessions] = useState<SessionSummary[]>()
  const timer = useRef<number | undefined>(undefined)
  const load = useCallback(() => void getJson<SessionSummary[]>('sessions?limit=100').then(setSessions), [])
  const connected = useConnected()
  useEffect(() => {
    if (connected) load()
  }, [connected])
  useEffect(() => () => clearTimeout(timer.current), [])
  const onSessions = useCallback(() => {
    timer.current ??= window.setTimeout(() => {
      timer.current = undefined
      load()
    }, 300)
  }, [])
  useLive('sessions', onSessions)
  return (
    <div class="sessions-layout">
      <section class="sessions" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        {!sessions ? (
          <p class="muted">Loading…</p>
        ) : sessions.length === 0 ? (
          <p class="muted">No sessions yet: a remote start, a reservation or an AuthorizeStart makes one.</p>
        ) : (
          <table>
            <ColumnHeads names={['Session', 'State', 'EVSE', 'CPO → EMP', 'Began']} />
            <tbody>
              {sessions.map((s) => (
                <tr
                  key={s.sessionId}
                  class={s.sessionId === selected ? 'selected' : ''}
                  aria-selected={s.sessionId === selected}
                >
                  <td>
                    <button
                      type="button"
                      class="link mono"
                      onClick={() => onSelect(s.sessionId)}
                      aria-label={`Session ${s.sessionId}: show its timeline`}
                    >
                      {s.sessionId.slice(0, 8)}…
                    </button>
                  </td>
                  <td>
                    <span class={`state state-${s.state}`}>{s.state}</span>
                  </td>
                  <td>{s.evseId ?? '—'}</td>
                  <td>
                    {s.operatorId} → {s.providerId}
                  </td>
                  <td>
                    {time(s.created)} <span class="muted">({s.origin})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected !== undefined ? <Timeline sessionId={selected} onClose={() => onSelect(undefined)} /> : null}
    </div>
  )
}
