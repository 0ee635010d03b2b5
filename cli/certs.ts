// Development certificates for mutual TLS: a CA, server certificates and client
// certificates that carry a partner's OICP IDs. For local testing only; Hubject issues
// the real ones. Keys come from node:crypto, certificates are built with node-forge.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import forge from 'node-forge'

export interface Pem {
  cert: string
  key: string
}

export interface DevCa extends Pem {
  /** Issues a server certificate for the given host names and IP addresses. */
  server(hosts?: string[]): Pem
  /** Issues a client certificate; the common name is the partner's name or OICP ID. */
  client(commonName: string, options?: { organizationalUnits?: string[] }): Pem
}

function rsaKey(): { forgeKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  const forgeKey = forge.pki.privateKeyFromPem(privateKey)
  return { forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem: privateKey }
}

function baseCert(publicKey: forge.pki.PublicKey, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate()
  cert.publicKey = publicKey
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`
  cert.validity.notBefore = new Date(Date.now() - 60_000)
  cert.validity.notAfter = new Date(Date.now() + days * 86_400_000)
  return cert
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':')
}

/** Creates a CA valid for `days` (default 30). */
export function createDevCa(name = 'oicp development CA', days = 30): DevCa {
  const caKey = rsaKey()
  const ca = baseCert(caKey.publicKey, days)
  const caSubject = [{ name: 'commonName', value: name }]
  ca.setSubject(caSubject)
  ca.setIssuer(caSubject)
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ])
  ca.sign(caKey.forgeKey, forge.md.sha256.create())

  const issue = (subject: forge.pki.CertificateField[], extensions: object[]): Pem => {
    const key = rsaKey()
    const cert = baseCert(key.publicKey, days)
    cert.setSubject(subject)
    cert.setIssuer(caSubject)
    cert.setExtensions([{ name: 'basicConstraints', cA: false }, ...extensions])
    cert.sign(caKey.forgeKey, forge.md.sha256.create())
    return { cert: forge.pki.certificateToPem(cert), key: key.pem }
  }

  return {
    cert: forge.pki.certificateToPem(ca),
    key: caKey.pem,
    server: (hosts = ['localhost', '127.0.0.1', '::1']) =>
      issue(
        [{ name: 'commonName', value: hosts[0] ?? 'localhost' }],
        [
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
          { name: 'extKeyUsage', serverAuth: true },
          {
            name: 'subjectAltName',
            altNames: hosts.map((h) => (isIp(h) ? { type: 7, ip: h } : { type: 2, value: h })),
          },
        ],
      ),
    client: (commonName, options = {}) =>
      issue(
        [
          { name: 'commonName', value: commonName },
          ...(options.organizationalUnits ?? []).map((ou) => ({ shortName: 'OU', value: ou })),
        ],
        [
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
          { name: 'extKeyUsage', clientAuth: true },
        ],
      ),
  }
}

/**
 * The default client certificates: one per role of a local setup, each issued for an identity
 * (its CN, `role:ID`), so the hub's ID check passes for it: `cpo` for OperatorID DE*ABC, `emp`
 * for ProviderID DE-8EO, and `hub`, the certificate the hub calls partners with.
 */
export const DEFAULT_CLIENTS = ['cpo=cpo:DE*ABC', 'emp=emp:DE-8EO', 'hub']

/**
 * Writes ca.pem, server.pem/server-key.pem and one <name>.pem/<name>-key.pem per client
 * into `dir`; a client is `name` (CN name) or `name=CN`. Returns the file names written.
 * Keys are written readable by the owner only.
 */
export function writeDevCertificates(dir: string, clients: string[] = DEFAULT_CLIENTS): string[] {
  mkdirSync(dir, { recursive: true })
  const ca = createDevCa()
  const files: Array<[string, string]> = [
    ['ca.pem', ca.cert],
    ['ca-key.pem', ca.key],
  ]
  const server = ca.server()
  files.push(['server.pem', server.cert], ['server-key.pem', server.key])
  for (const client of clients) {
    const [name, commonName = name] = client.split('=') as [string, string?]
    const c = ca.client(commonName)
    files.push([`${name}.pem`, c.cert], [`${name}-key.pem`, c.key])
  }
  for (const [file, text] of files)
    writeFileSync(join(dir, file), text, { mode: file.endsWith('-key.pem') ? 0o600 : 0o644 })
  return files.map(([f]) => f)
}
