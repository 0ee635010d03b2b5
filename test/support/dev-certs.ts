// Certificates of one development CA for the tests that speak mutual TLS: the CA, a server
// certificate for 127.0.0.1 and localhost, and client certificates by name. Made once per
// process and CA: RSA keys take a moment.
import { createDevCa, type Pem } from '../../cli/certs.js'

/** The CA's certificate, the server's, and a client certificate per key. */
export type DevCerts<K extends string> = { ca: string; server: Pem } & Record<K, Pem>

const made = new Map<string, DevCerts<string>>()

/** The certificates of the CA named `caName`; `clients` gives each client certificate's key and common name. */
export function devCerts<K extends string>(caName: string, clients: Record<K, string>): DevCerts<K> {
  const known = made.get(caName)
  if (known) return known
  const ca = createDevCa(caName)
  const issued = Object.entries<string>(clients).map(([key, name]) => [key, ca.client(name)])
  const certs = {
    ca: ca.cert,
    server: ca.server(['127.0.0.1', 'localhost']),
    ...Object.fromEntries(issued),
  } as DevCerts<K>
  made.set(caName, certs)
  return certs
}
