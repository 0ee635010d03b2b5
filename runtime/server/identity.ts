// Does the client certificate belong to the partner the request speaks for? Hubject
// checks the OperatorID (requests of CPOs) or ProviderID (requests of EMPs) in the path
// and body against the client certificate and answers 017 Unauthorized Access on a
// mismatch. A certificate stands for identities with a role: an OperatorID it holds as a
// CPO never lets it speak as an EMP with the same letters, and vice versa. IDs compare in
// the one canonical form of ../validation/ids.ts.
import type { OperationInfo } from '../operations.js'
import { idKey, type IdType } from '../validation/ids.js'
import type { ClientCertificate } from './types.js'

/** A partner as OICP names it: a CPO by OperatorID, an EMP by ProviderID. */
export interface PartnerIdentity {
  role: 'cpo' | 'emp'
  id: string
}

/** The identities a client certificate stands for. */
export type CertificateIds = (certificate: ClientCertificate) => Iterable<PartnerIdentity>

const ID_TYPE = { cpo: 'OperatorID', emp: 'ProviderID' } as const satisfies Record<PartnerIdentity['role'], IdType>

function values(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

/**
 * By default: the subject's common name and organizational units (a hub partner lists its
 * sub-partners as OUs), each written `cpo:<OperatorID>` or `emp:<ProviderID>`. A bare ID
 * stands for nothing: "DE*ABC" is a valid OperatorID and a valid ProviderID alike.
 */
export const subjectIds: CertificateIds = (cert) => {
  const out: PartnerIdentity[] = []
  for (const value of [...values(cert.subject.CN), ...values(cert.subject.OU)]) {
    const m = /^(cpo|emp):(.+)$/i.exec(value.trim())
    if (m) out.push({ role: m[1]!.toLowerCase() as PartnerIdentity['role'], id: m[2]!.trim() })
  }
  return out
}

/** The role whose ID names the sender of an operation: a CPO's OperatorID, an EMP's ProviderID. */
function senderRole(operation: OperationInfo): PartnerIdentity['role'] | undefined {
  return operation.from === 'cpo' || operation.from === 'emp' ? operation.from : undefined
}

/**
 * The sender identities a request claims: the path parameter, and the field at the top of
 * the body or one object down (OperatorEvseData.OperatorID, ProviderAuthenticationData.ProviderID).
 * Lists are not searched: they name other partners (PullEvseStatusByOperatorId).
 */
export function claimedIds(operation: OperationInfo, params: Record<string, string>, body: unknown): PartnerIdentity[] {
  const role = senderRole(operation)
  if (!role) return []
  const field = ID_TYPE[role]
  const ids: PartnerIdentity[] = []
  if (params[field] !== undefined) ids.push({ role, id: params[field] })
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body)) {
      if (key === field && typeof value === 'string') ids.push({ role, id: value })
      else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const inner = (value as Record<string, unknown>)[field]
        if (typeof inner === 'string') ids.push({ role, id: inner })
      }
    }
  }
  return ids
}

/** An identity as a set key: role and canonical ID; undefined for an ID that is not valid for its role. */
function identityKey(identity: PartnerIdentity): string | undefined {
  const key = idKey(ID_TYPE[identity.role], identity.id)
  return key && `${identity.role} ${key}`
}

/** The claimed IDs the certificate does not cover (invalid ones never are); all of them when there is no certificate. */
export function foreignIds(
  claimed: PartnerIdentity[],
  certificate: ClientCertificate | undefined,
  ids: CertificateIds,
): string[] {
  if (claimed.length === 0) return []
  if (!certificate) return claimed.map((c) => c.id)
  const own = new Set<string>()
  for (const identity of ids(certificate)) {
    const key = identityKey(identity)
    if (key) own.add(key)
  }
  return claimed.filter((c) => !own.has(identityKey(c) ?? '')).map((c) => c.id)
}
