// Which message each JSON example of the code-snippet chapters shows: the request or the
// response of the operation its heading names.
import { messages, operations } from '../../generated/oicp-2.3/index.js'
import type { Snippet } from './extract-snippets.js'

// Snippet headings that name neither an operation nor a message.
const SECTION_OPERATION: Record<string, string> = {
  eRoamingRemoteReservationStart: 'eRoamingAuthorizeRemoteReservationStart',
  eRoamingRemoteReservationStop: 'eRoamingAuthorizeRemoteReservationStop',
  eRoamingGetChargeDetailRecord: 'eRoamingGetChargeDetailRecords',
}

/** The message a snippet shows. */
export function messageOf(s: Snippet): string {
  const opName = SECTION_OPERATION[s.section] ?? s.section
  const op = operations.find((o) => o.name.toLowerCase() === opName.toLowerCase())
  if (op) return s.kind === 'request' ? (typeof op.request === 'string' ? op.request : '?') : op.response
  // A heading that names one message of a multi-message request (the charging notifications).
  const carrier = operations.find(
    (o) => typeof o.request !== 'string' && o.request.oneOf.some((m) => m.toLowerCase() === s.section.toLowerCase()),
  )
  if (!carrier) throw new Error(`${s.source}: no operation for snippet heading ${s.section}`)
  return s.kind === 'request' ? messages.find(s.section)!.name : carrier.response
}
