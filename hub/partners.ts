// Who may talk to the hub and where the hub reaches them: partners with their client
// certificate name, the OperatorIDs and ProviderIDs they act for, and the endpoint of
// their own OICP server. Without partners the hub is open (development mode).
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { ClientCertificate, PartnerIdentity } from 'oicp/runtime'
import { operatorKey, providerKey } from './ids.js'

export interface PartnerConfig {
  /** A name for logs. */
  name: string
  /** The common name (CN) of the partner's client certificate; default `name`. */
  certificate?: string
  /** The OperatorIDs it acts for as a CPO (its own and its sub-operators'). */
  operatorIds?: string[]
  /** The ProviderIDs it acts for as an EMP. */
  providerIds?: string[]
  /** Base URL of its OICP server (with its prefix), e.g. https://cpo.example:9443/api/oicp: where requests are forwarded. */
  endpoint?: string
  /** As a CPO without an endpoint: a simulated charge point answers remote starts for it. */
  simulate?: boolean
}

export interface Pems {
  cert: string
  key: string
  ca?: string
}

/** A config file, paths resolved against its folder. */
export interface HubFileConfig {
  host?: string
  port?: number
  data?: string
  /** The hub's server certificate and the CA partner client certificates must come from. */
  tls?: Pems & { ca: string }
  /** The hub's client certificate for forwarding, and the CA partner servers are checked against. */
  client?: Pems
  partners: PartnerConfig[]
}

const ID_LIST = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'))

/** Reads and checks a hub config file (YAML or JSON); errors name the file and the field. */
export function loadHubConfig(file: string): HubFileConfig {
  let raw: unknown
  try {
    raw = parseYaml(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new Error(`${file}: cannot read the hub config: ${(e as Error).message}`)
  }
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`)
  }
  if (typeof raw !== 'object' || raw === null) fail('must be a mapping with partners:')
  const c = raw as Record<string, unknown>
  const base = dirname(resolve(file))
  const pem = (section: string, field: string, required: boolean): string | undefined => {
    const v = (c[section] as Record<string, unknown> | undefined)?.[field]
    if (v === undefined) return required ? fail(`${section}.${field} is required (a PEM file path)`) : undefined
    if (typeof v !== 'string') fail(`${section}.${field} must be a file path`)
    try {
      return readFileSync(resolve(base, v as string), 'utf8')
    } catch (e) {
      return fail(`${section}.${field}: cannot read ${v}: ${(e as NodeJS.ErrnoException).code ?? e}`)
    }
  }
  const config: HubFileConfig = { partners: [] }
  if (c.host !== undefined) config.host = typeof c.host === 'string' ? c.host : fail('host must be a string')
  if (c.port !== undefined) config.port = Number.isInteger(c.port) ? (c.port as number) : fail('port must be a whole number')
  if (c.data !== undefined) config.data = typeof c.data === 'string' ? resolve(base, c.data) : fail('data must be a folder path')
  if (c.tls !== undefined)
    config.tls = {
      cert: pem('tls', 'cert', true)!,
      key: pem('tls', 'key', true)!,
      ca: pem('tls', 'ca', true)!,
    }
  if (c.client !== undefined) {
    const ca = pem('client', 'ca', false)
    config.client = {
      cert: pem('client', 'cert', true)!,
      key: pem('client', 'key', true)!,
      ...(ca ? { ca } : {}),
    }
  }
  if (!Array.isArray(c.partners)) fail('partners: must be a list')
  ;(c.partners as unknown[]).forEach((p, i) => {
    const at = `partners[${i}]`
    if (typeof p !== 'object' || p === null) fail(`${at} must be a mapping`)
    const q = p as Record<string, unknown>
    if (typeof q.name !== 'string' || q.name === '') fail(`${at}.name is required`)
    if (!ID_LIST(q.operatorIds) || !ID_LIST(q.providerIds)) fail(`${at}: operatorIds and providerIds must be lists of IDs`)
    if (q.endpoint !== undefined && (typeof q.endpoint !== 'string' || !/^https:\/\//.test(q.endpoint))) fail(`${at}.endpoint must be an https:// URL`)
    if (q.certificate !== undefined && typeof q.certificate !== 'string') fail(`${at}.certificate must be a certificate common name`)
    config.partners.push(q as unknown as PartnerConfig)
  })
  return config
}

/** The partners, looked up by certificate and by ID. */
export class Partners {
  readonly #byCertificate = new Map<string, PartnerConfig>()
  readonly #byOperator = new Map<string, PartnerConfig>()
  readonly #byProvider = new Map<string, PartnerConfig>()

  /** `undefined`: open development mode, every ID allowed, no endpoints. */
  constructor(readonly list: readonly PartnerConfig[] | undefined) {
    for (const p of list ?? []) {
      const cn = p.certificate ?? p.name
      if (this.#byCertificate.has(cn)) throw new Error(`hub config: two partners use the certificate name "${cn}"`)
      this.#byCertificate.set(cn, p)
      for (const id of p.operatorIds ?? []) this.#claim(this.#byOperator, id, operatorKey(id), p, 'OperatorID')
      for (const id of p.providerIds ?? []) this.#claim(this.#byProvider, id, providerKey(id), p, 'ProviderID')
    }
  }

  #claim(map: Map<string, PartnerConfig>, id: string, key: string, p: PartnerConfig, what: string): void {
    const other = map.get(key)
    if (other) throw new Error(`hub config: ${what} ${id} belongs to both ${other.name} and ${p.name}`)
    map.set(key, p)
  }

  get open(): boolean {
    return this.list === undefined
  }

  /** Who a client certificate may act as: the partner its CN names, as a CPO by its OperatorIDs and as an EMP by its ProviderIDs. */
  idsOf(cert: ClientCertificate): PartnerIdentity[] {
    const cn = cert.subject.CN
    const p = this.#byCertificate.get(Array.isArray(cn) ? (cn[0] ?? '') : (cn ?? ''))
    if (!p) return []
    return [...(p.operatorIds ?? []).map((id) => ({ role: 'cpo' as const, id })), ...(p.providerIds ?? []).map((id) => ({ role: 'emp' as const, id }))]
  }

  operator(operatorId: string): PartnerConfig | undefined {
    return this.#byOperator.get(operatorKey(operatorId))
  }

  provider(providerId: string): PartnerConfig | undefined {
    return this.#byProvider.get(providerKey(providerId))
  }

  /** Every EMP with an endpoint, for authorizations no ID points to. */
  providersWithEndpoints(): PartnerConfig[] {
    return (this.list ?? []).filter((p) => p.endpoint && (p.providerIds?.length ?? 0) > 0)
  }
}
