// Pieces the views share: the frame of a detail panel beside a list, a checkbox with its
// label, and a table's column headings.
import type { ComponentChildren } from 'preact'

/**
 * A detail panel: its heading (`titleId` names it for the section) with a close button, an
 * error if any, then `children`. The panels that use it (EVSE, exchange, session) pass the
 * same props, each with its own values: what they share beyond that is this frame, here.
 */
export function DetailPanel({
  kind,
  titleId,
  title,
  closeLabel,
  onClose,
  error,
  children,
}: {
  /** A class beside `detail`, if any. */
  kind?: string
  titleId: string
  title: ComponentChildren
  closeLabel: string
  onClose: () => void
  error?: string | undefined
  children: ComponentChildren
}) {
  return (
    <section class={kind ? `detail ${kind}` : 'detail'} aria-labelledby={titleId}>
      <header class="detail-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={onClose} aria-label={closeLabel}>
          ×
        </button>
      </header>
      {error ? <p class="bad">{error}</p> : null}
      {children}
    </section>
  )
}

/** A checkbox and its label. */
export function Toggle({
  label,
  checked,
  onChange,
}: {
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
}) {
  return (
    <label>
      <input type="checkbox" checked={checked} onChange={(e) => onChange((e.target as HTMLInputElement).checked)} />{' '}
      {label}
    </label>
  )
}

/** A table's head: one row of column headings. */
export function ColumnHeads({ names }: { names: readonly string[] }) {
  return (
    <thead>
      <tr>
        {names.map((name) => (
          <th scope="col">{name}</th>
        ))}
      </tr>
    </thead>
  )
}
