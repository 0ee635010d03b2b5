// Does the client certificate belong to the partner the request speaks for? Hubject
// checks the OperatorID (requests of CPOs) or ProviderID (requests of EMPs) in the path
// and body against the client certificate and answers 017 Unauthorized Access on a mismatch.
import type { OperationInfo } from '../operations.js'
import type { ClientCertificate } from './types.js'

/** The OICP IDs a client certificate stands for. */
export type CertificateIds = (certificate: ClientCertificate) => Iterable<string>

function values(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

/** By default: the subject's common name and organizational units (a hub partner lists its sub-partners as OUs). */
export const subjectIds: CertificateIds = (cert) => [...values(cert.subject.CN), ...values(cert.subject.OU)]

/** OperatorIDs and ProviderIDs compare without the optional '*' and in upper case (DE*ABC = DEABC). */
export function normalizeId(id: string): string {
  return id.replace(/\*/g, '').toUpperCase()
}

/** The field naming the sender of an operation: OperatorID for a CPO, ProviderID for an EMP. */
function senderField(operation: OperationInfo): string | undefined {
  return operation.from === 'cpo' ? 'OperatorID' : operation.from === 'emp' ? 'ProviderID' : undefined
}

/**
 * The sender IDs a request names: the path parameter, and the field at the top of the body
 * or one object down (OperatorEvseData.OperatorID, ProviderAuthenticationData.ProviderID).
 * Lists are not searched: they name other partners (PullEvseStatusByOperatorId).
 */
export function claimedIds(operation: OperationInfo, params: Record<string, string>, body: unknown): string[] {
  const field = senderField(operation)
  if (!field) return []
  const ids: string[] = []
  if (params[field] !== undefined) ids.push(params[field])
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body)) {
      if (key === field && typeof value === 'string') ids.push(value)
      else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const inner = (value as Record<string, unknown>)[field]
        if (typeof inner === 'string') ids.push(inner)
      }
    }
  }
  return ids
}

/** The claimed IDs the certificate does not cover; all of them when there is no certificate. */
export function foreignIds(claimed: string[], certificate: ClientCertificate | undefined, ids: CertificateIds): string[] {
  if (claimed.length === 0) return []
  if (!certificate) return claimed
  const own = new Set([...ids(certificate)].map(normalizeId))
  return claimed.filter((id) => !own.has(normalizeId(id)))
}
