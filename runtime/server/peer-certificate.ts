// The client certificate of a request, read from its TLS socket the same way by every
// adapter (node:http, fastify and express see node's socket; hono under @hono/node-server
// passes node's request on as `env.incoming`).
import type { ClientCertificate } from './types.js'

/** As much of node's TLSSocket as reading the peer certificate takes. */
interface CertificateSocket {
  authorized?: boolean
  getPeerCertificate?: () => object | null
}

/** The client certificate on `socket` once TLS verified it; undefined over plain http or without one. */
export function peerCertificate(socket: unknown): ClientCertificate | undefined {
  const s = socket as CertificateSocket | null | undefined
  if (!s?.authorized || typeof s.getPeerCertificate !== 'function') return undefined
  const cert = s.getPeerCertificate()
  return cert && Object.keys(cert).length > 0 ? (cert as ClientCertificate) : undefined
}
