// The EVSEs in view as a list: what the map shows, reachable by keyboard and read out by
// screen readers; choosing one opens its record.
import type { EvseList as List } from '../../api.js'
import { count, STATUS_COLOURS, STATUS_LABELS } from '../format.js'

export function EvseList({
  list,
  selected,
  onSelect,
}: {
  list: List | undefined
  selected: number | undefined
  onSelect: (id: number) => void
}) {
  if (!list) return <p class="muted">Loading EVSEs…</p>
  return (
    <section class="evse-list" aria-labelledby="evse-list-title">
      <h2 id="evse-list-title">
        EVSEs in view{' '}
        <span class="muted">
          ({list.total > list.items.length ? `first ${list.items.length} of ${count(list.total)}` : count(list.total)})
        </span>
      </h2>
      {list.items.length === 0 ? (
        <p class="muted">None here with these filters.</p>
      ) : (
        <ul>
          {list.items.map((e) => (
            <li>
              <button
                type="button"
                class={e.id === selected ? 'evse selected' : 'evse'}
                aria-current={e.id === selected ? 'true' : undefined}
                onClick={() => onSelect(e.id)}
              >
                <span class="swatch" style={{ background: STATUS_COLOURS[e.status] }} aria-hidden="true" />
                <span class="evse-id">{e.evseId}</span>
                <span class="muted">
                  {[e.name, e.city].filter(Boolean).join(', ')} · {STATUS_LABELS[e.status]}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
