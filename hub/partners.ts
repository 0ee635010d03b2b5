// Who may talk to the hub and where the hub reaches them: partners with their client
// certificate name, the OperatorIDs and ProviderIDs they act for, and the endpoint of
// their own OICP server. Without partners the hub is open (development mode). The hub
// config file that lists them is checked key by key, every problem as file:line: message.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { ClientCertificate, PartnerIdentity } from 'oicp/runtime'
import { describeFsError } from '../generator/fs-errors.js'
import { Diagnostics, SpecError } from '../generator/spec/diagnostics.js'
import { readYaml, type YNode } from '../generator/spec/yaml-node.js'
import { operatorKey, providerKey } from './ids.js'
import type { PlayOptions } from './play.js'

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
  /** The other side, played by the hub (for trying one backend alone). */
  play?: PlayOptions
  /** Where the web view listens (default: loopback, the hub's port + 1). */
  web?: { port?: number; host?: string }
}

const TOP_KEYS = ['host', 'port', 'data', 'tls', 'client', 'partners', 'play', 'web']
const PEM_KEYS = ['cert', 'key', 'ca']
const PARTNER_KEYS = ['name', 'certificate', 'operatorIds', 'providerIds', 'endpoint', 'simulate']

/** Reads the PEM file a field names, relative to the config's folder. */
type PemReader = (field: YNode | undefined, what: string) => string | undefined

function pemReader(base: string): PemReader {
  return (field, what) => {
    const path = field?.string(`${what} (a PEM file path)`)
    if (path === undefined) return undefined
    try {
      return readFileSync(resolve(base, path), 'utf8')
    } catch (e) {
      field!.error(`${what}: cannot read ${path}: ${describeFsError(e)}`)
      return undefined
    }
  }
}

/** tls: or client:, with the keys each requires. */
function pems(
  node: YNode,
  section: string,
  required: readonly string[],
  read: PemReader,
): Partial<Record<'cert' | 'key' | 'ca', string>> {
  const k = node.fields(section, PEM_KEYS)
  const out: Partial<Record<'cert' | 'key' | 'ca', string>> = {}
  for (const name of PEM_KEYS as Array<'cert' | 'key' | 'ca'>) {
    if (!k.has(name) && required.includes(name)) node.error(`${section}.${name} is required (a PEM file path)`)
    const pem = read(k.get(name), `${section}.${name}`)
    if (pem !== undefined) out[name] = pem
  }
  return out
}

/**
 * Reads and checks a hub config file (YAML or JSON). Throws SpecError listing every
 * problem as file:line: message; PEM paths are read relative to the file's folder.
 */
export function loadHubConfig(file: string): HubFileConfig {
  const diags = new Diagnostics()
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new SpecError([{ file, line: 1, message: `cannot read the hub config: ${describeFsError(e)}` }])
  }
  const base = dirname(resolve(file))
  const read = pemReader(base)
  const config: HubFileConfig = { partners: [] }
  const top = readYaml(file, text, diags)
  if (top) {
    const keys = top.fields('the hub config', TOP_KEYS)
    const host = keys.get('host')?.string('host')
    if (host !== undefined) config.host = host
    const port = keys.get('port')
    const portNumber = port?.count('port')
    if (portNumber !== undefined && portNumber > 65535) port!.error('port must be 0 to 65535')
    else if (portNumber !== undefined) config.port = portNumber
    const data = keys.get('data')?.string('data (a folder)')
    if (data !== undefined) config.data = resolve(base, data)
    const tls = keys.has('tls') ? pems(keys.get('tls')!, 'tls', PEM_KEYS, read) : undefined
    if (tls?.cert && tls.key && tls.ca) config.tls = { cert: tls.cert, key: tls.key, ca: tls.ca }
    const client = keys.has('client') ? pems(keys.get('client')!, 'client', ['cert', 'key'], read) : undefined
    if (client?.cert && client.key)
      config.client = { cert: client.cert, key: client.key, ...(client.ca ? { ca: client.ca } : {}) }
    const partners = keys.get('partners')
    if (!partners) top.error('missing "partners" (a list of partners; partners: [] for none)')
    const listed: Array<[YNode, PartnerConfig]> = []
    for (const [i, node] of (partners?.items('partners') ?? []).entries()) {
      const p = partner(node, `partners[${i}]`)
      if (p) listed.push([node, p])
    }
    checkUnique(listed)
    config.partners = listed.map(([, p]) => p)
    const play = keys.get('play')
    if (play) config.play = players(play, read, tls?.ca)
    const web = keys.get('web')
    if (web) config.web = webView(web)
  }
  if (!diags.empty) throw new SpecError(diags.sorted())
  return config
}

/** web: where the web view listens. */
function webView(node: YNode): { port?: number; host?: string } {
  const k = node.fields('web', ['port', 'host'])
  const out: { port?: number; host?: string } = {}
  const port = k.get('port')
  const n = port?.count('web.port')
  if (n !== undefined && n > 65535) port!.error('web.port must be 0 to 65535')
  else if (n !== undefined) out.port = n
  const host = k.get('host')?.string('web.host')
  if (host !== undefined) out.host = host
  return out
}

/** play: the other side, played by the hub over mutual TLS with certificates of its own. */
function players(node: YNode, read: PemReader, ca: string | undefined): PlayOptions {
  if (ca === undefined) node.error('play: needs the tls: section, since the players call the hub over mutual TLS')
  const k = node.fields('play', ['emp', 'cpo'])
  const out: PlayOptions = {}
  const player = (role: 'emp' | 'cpo', id: string, count: string) => {
    const n = k.get(role)
    if (!n) return undefined
    const f = n.fields(`play.${role}`, [id, 'cert', 'key', count])
    for (const required of [id, 'cert', 'key']) if (!f.has(required)) n.error(`play.${role}.${required} is required`)
    const given = f.get(id)?.string(`play.${role}.${id}`)
    const cert = read(f.get('cert'), `play.${role}.cert`)
    const key = read(f.get('key'), `play.${role}.key`)
    const number = f.get(count)?.count(`play.${role}.${count}`)
    return given && cert && key && ca ? { id: given, tls: { cert, key, ca }, number } : undefined
  }
  const emp = player('emp', 'providerId', 'chargeSeconds')
  if (emp)
    out.emp = { providerId: emp.id, tls: emp.tls, ...(emp.number === undefined ? {} : { chargeSeconds: emp.number }) }
  const cpo = player('cpo', 'operatorId', 'stations')
  if (cpo) out.cpo = { operatorId: cpo.id, tls: cpo.tls, ...(cpo.number === undefined ? {} : { stations: cpo.number }) }
  return out
}

function partner(node: YNode, at: string): PartnerConfig | undefined {
  const k = node.fields(at, PARTNER_KEYS)
  const name = k.get('name')?.string(`${at}.name`)
  if (!k.has('name')) node.error(`${at}.name is required`)
  const p: PartnerConfig = { name: name ?? '' }
  const certificate = k.get('certificate')?.string(`${at}.certificate (a certificate common name)`)
  if (certificate !== undefined) p.certificate = certificate
  if (k.has('operatorIds')) p.operatorIds = k.get('operatorIds')!.strings(`${at}.operatorIds`)
  if (k.has('providerIds')) p.providerIds = k.get('providerIds')!.strings(`${at}.providerIds`)
  const endpoint = k.get('endpoint')
  const url = endpoint?.string(`${at}.endpoint`)
  if (url !== undefined && !/^https:\/\//.test(url)) endpoint!.error(`${at}.endpoint must be an https:// URL`)
  else if (url !== undefined) p.endpoint = url
  const simulate = k.get('simulate')?.boolean(`${at}.simulate`)
  if (simulate !== undefined) p.simulate = simulate
  return name === undefined ? undefined : p
}

/** What Partners refuses at start, reported here with its line: a certificate name or an ID claimed twice. */
function checkUnique(listed: Array<[YNode, PartnerConfig]>): void {
  const owners = new Map<string, string>()
  for (const [node, p] of listed) {
    const claims: Array<[string, string, string]> = [
      ['certificate name', p.certificate ?? p.name, p.certificate ?? p.name],
      ...(p.operatorIds ?? []).map((id): [string, string, string] => ['OperatorID', id, operatorKey(id)]),
      ...(p.providerIds ?? []).map((id): [string, string, string] => ['ProviderID', id, providerKey(id)]),
    ]
    for (const [what, shown, key] of claims) {
      const owner = owners.get(`${what} ${key}`)
      if (owner === undefined) owners.set(`${what} ${key}`, p.name)
      else node.error(`${what} ${shown} belongs to both ${owner} and ${p.name}`)
    }
  }
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
    return [
      ...(p.operatorIds ?? []).map((id) => ({ role: 'cpo' as const, id })),
      ...(p.providerIds ?? []).map((id) => ({ role: 'emp' as const, id })),
    ]
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
