// How the traffic view names the two sides of an exchange: a configured partner by its
// name and the ID it acted as, otherwise (development mode) by the ID alone.
import type { ClientCertificate } from 'oicp/runtime'
import type { PartnerConfig, Partners } from '../partners.js'

function commonName(cert: ClientCertificate | undefined): string | undefined {
  const cn = cert?.subject.CN
  return Array.isArray(cn) ? cn[0] : cn
}

export class PartnerNames {
  constructor(private readonly partners: Partners) {}

  /** The sender of a request, from the IDs in its path (and its certificate, when it has one). */
  sender(params: Readonly<Record<string, string>>, cert?: ClientCertificate): string {
    const operator = params.OperatorID
    const provider = params.ProviderID
    const id = operator ?? provider
    const partner =
      operator !== undefined
        ? this.partners.operator(operator)
        : provider !== undefined
          ? this.partners.provider(provider)
          : undefined
    if (partner) return `${partner.name} (${id})`
    return id ?? commonName(cert) ?? 'unknown sender'
  }

  /** The partner a forwarded request went to, by its endpoint. */
  receiver(endpoint: string): string {
    const partner = this.partners.list?.find((p) => p.endpoint === endpoint)
    return partner ? `${partner.name} (${firstId(partner) ?? endpoint})` : endpoint
  }
}

function firstId(p: PartnerConfig): string | undefined {
  return p.operatorIds?.[0] ?? p.providerIds?.[0]
}

export function simulated(operatorId: string): string {
  return `simulated charge point of ${operatorId}`
}
