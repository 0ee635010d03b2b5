// Which EVSEs the map and list show: one operator or all, and the statuses ticked. The
// legend is the status list itself: each box beside its colour.
import { STATUSES, type OperatorInfo } from '../../api.js'
import { count, STATUS_COLOURS, STATUS_LABELS } from '../format.js'

export interface Filter {
  /** Bit n: STATUSES[n] shown. */
  statusMask: number
  /** An operator's index, or -1 for all. */
  operator: number
}

export function Filters({
  filter,
  operators,
  onChange,
}: {
  filter: Filter
  operators: OperatorInfo[]
  onChange: (f: Filter) => void
}) {
  return (
    <div class="filters">
      <label class="field">
        <span>Operator</span>
        <select
          value={String(filter.operator)}
          onChange={(e) => onChange({ ...filter, operator: Number((e.target as HTMLSelectElement).value) })}
        >
          <option value="-1">All operators</option>
          {operators.map((o) => (
            <option value={String(o.index)}>
              {o.name === o.operatorId ? o.operatorId : `${o.name} (${o.operatorId})`} · {count(o.count)}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="statuses">
        <legend>Status</legend>
        {STATUSES.map((s, i) => (
          <label class="status-choice">
            <input
              type="checkbox"
              checked={((filter.statusMask >> i) & 1) === 1}
              onChange={(e) =>
                onChange({
                  ...filter,
                  statusMask: (e.target as HTMLInputElement).checked
                    ? filter.statusMask | (1 << i)
                    : filter.statusMask & ~(1 << i),
                })
              }
            />
            <span class="swatch" style={{ background: STATUS_COLOURS[s] }} aria-hidden="true" />
            {STATUS_LABELS[s]}
          </label>
        ))}
      </fieldset>
    </div>
  )
}
