// Live traffic: every exchange the hub received or sent, newest first, as it happens (the
// event stream), with the recent ones loaded at first. Choosing one shows it whole.
import { useCallback, useEffect, useState } from 'preact/hooks'
import type { ExchangeSummary } from '../../api.js'
import { duration, time } from '../format.js'
import { getJson } from '../http.js'
import { useConnected, useLive } from '../live.js'
import { ColumnHeads, Toggle } from '../parts.js'
import { ExchangeView } from './ExchangeView.js'
import { Issues, isProblem, Outcome } from './outcome.js'

/** Rows the page keeps; the hub holds more (and the whole of each). */
const KEEP = 500

const COLUMNS = ['Time', 'From → to', 'Operation', 'Version', 'Result', 'HTTP', 'Took', 'Validation']

function merge(held: ExchangeSummary[], batch: ExchangeSummary[]): ExchangeSummary[] {
  const newest = held[0]?.id ?? 0
  const fresh = batch.filter((x) => x.id > newest).reverse()
  return fresh.length === 0 ? held : [...fresh, ...held].slice(0, KEEP)
}

export function TrafficPanel({
  selected,
  onSelect,
}: {
  selected: number | undefined
  onSelect: (id: number | undefined) => void
}) {
  const [items, setItems] = useState<ExchangeSummary[]>([])
  const [problemsOnly, setProblemsOnly] = useState(false)
  const [paused, setPaused] = useState(false)
  const [news, setNews] = useState('')
  // At first and after each reconnection: what the stream may have missed.
  const connected = useConnected()
  useEffect(() => {
    if (connected)
      void getJson<ExchangeSummary[]>('traffic?limit=300').then((recent) =>
        setItems((held) => merge(held, [...recent].reverse())),
      )
  }, [connected])
  const onBatch = useCallback(
    (batch: ExchangeSummary[]) => {
      if (paused) return
      setItems((held) => merge(held, batch))
      const problems = batch.filter(isProblem).length
      setNews(
        `${batch.length} new exchange${batch.length === 1 ? '' : 's'}${problems ? `, ${problems} with problems` : ''}`,
      )
    },
    [paused],
  )
  useLive('exchanges', onBatch)
  const shown = problemsOnly ? items.filter(isProblem) : items
  return (
    <div class="traffic-layout">
      <section class="traffic" aria-labelledby="traffic-title">
        <header class="toolbar">
          <h2 id="traffic-title">Live traffic</h2>
          <Toggle label="Only problems" checked={problemsOnly} onChange={setProblemsOnly} />
          <Toggle label="Pause" checked={paused} onChange={setPaused} />
          <span class="sr-only" aria-live="polite">
            {news}
          </span>
        </header>
        {shown.length === 0 ? (
          <p class="muted">
            No requests yet: what partners send the hub, and what it sends them, shows here as it happens.
          </p>
        ) : (
          <table class="exchanges">
            <ColumnHeads names={COLUMNS} />
            <tbody>
              {shown.map((x) => (
                <tr
                  key={x.id}
                  class={[isProblem(x) ? 'problem' : '', x.id === selected ? 'selected' : ''].join(' ')}
                  aria-selected={x.id === selected}
                >
                  <td>{time(x.at)}</td>
                  <td>
                    {x.from} → {x.to}
                  </td>
                  <td>
                    <button
                      type="button"
                      class="link"
                      onClick={() => onSelect(x.id)}
                      aria-label={`${x.message ?? x.operation} from ${x.from} to ${x.to}: show request and answer`}
                    >
                      {x.message ?? x.operation}
                    </button>
                  </td>
                  <td>{x.serviceVersion ?? '—'}</td>
                  <td>
                    <Outcome x={x} />
                  </td>
                  <td>{x.status ?? '—'}</td>
                  <td>{duration(x.durationMs)}</td>
                  <td>
                    <Issues x={x} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected !== undefined ? <ExchangeView id={selected} onClose={() => onSelect(undefined)} /> : null}
    </div>
  )
}
