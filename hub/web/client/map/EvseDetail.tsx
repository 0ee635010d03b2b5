// One EVSE's record as the hub holds it, with its status and operator.
import type { EvseDetail as Detail } from '../../api.js'
import { JsonView } from '../json-view.js'
import { STATUS_COLOURS, STATUS_LABELS } from '../format.js'
import { DetailPanel } from '../parts.js'

export function EvseDetail({ detail, onClose }: { detail: Detail; onClose: () => void }) {
  const text = JSON.stringify(detail.record)
  return (
    <DetailPanel titleId="evse-title" title={detail.evseId} closeLabel="Close the EVSE record" onClose={onClose}>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class="swatch" style={{ background: STATUS_COLOURS[detail.status] }} aria-hidden="true" />{' '}
          {STATUS_LABELS[detail.status]}
          {detail.statusUpdated ? (
            <span class="muted"> since {new Date(detail.statusUpdated).toLocaleString()}</span>
          ) : null}
        </dd>
        <dt>Operator</dt>
        <dd>
          {detail.operatorName} ({detail.operatorId})
        </dd>
        <dt>Record updated</dt>
        <dd>{new Date(detail.updated).toLocaleString()}</dd>
      </dl>
      <JsonView body={{ text, bytes: text.length, truncated: false }} label="EVSE data record" />
    </DetailPanel>
  )
}
