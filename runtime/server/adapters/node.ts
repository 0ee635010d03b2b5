// node:http and node:https adapter: a request listener over the core, and servers (plain and
// mutual TLS) with the core's timeouts. What needs no body is answered before a byte of it is
// read (ServerCore.precheck); connections are capped, bodies read within the core's limits.
import * as http from 'node:http'
import * as https from 'node:https'
import type { ServerCore } from '../core.js'
import { NodeCoreRequest, readAndAnswer, writeAnswer } from '../incoming.js'
import { connectionGate, nodeTimeouts } from '../node-limits.js'
import { peerCertificate } from '../peer-certificate.js'
import type { ClientCertificate } from '../types.js'

/** The verified client certificate of a request, if it came over mutual TLS. */
export function clientCertificate(req: http.IncomingMessage): ClientCertificate | undefined {
  return peerCertificate(req.socket)
}

async function serve(core: ServerCore, req: http.IncomingMessage, res: http.ServerResponse, admitted: boolean) {
  const request = new NodeCoreRequest(req)
  const early = admitted ? core.precheck(request) : core.refuse('busy', 'too many connections')
  if (early) return writeAnswer(res, early)
  await readAndAnswer(core, req, res, request, (answer) => writeAnswer(res, answer))
}

/** Answers one node request through the core (without the connection cap of nodeListener). */
export function handleNodeRequest(
  core: ServerCore,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  return serve(core, req, res, true)
}

/** A request listener for `http.createServer(listener)` or `https.createServer(options, listener)`. */
export function nodeListener(core: ServerCore): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const admit = connectionGate(core.limits.maxConnections)
  return (req, res) => void serve(core, req, res, admit(req.socket))
}

/** A plain http server over the core, with its timeouts and caps (development, or behind a TLS-terminating proxy). */
export function createOicpServer(core: ServerCore, options: http.ServerOptions = {}): http.Server {
  return http.createServer({ ...nodeTimeouts(core), ...options }, nodeListener(core))
}

/** The server certificate and key (PEM), and the CA(s) client certificates must be issued by (Hubject's, or a development CA). */
export interface MtlsOptions extends https.ServerOptions {
  cert: https.ServerOptions['cert']
  key: https.ServerOptions['key']
  ca: https.ServerOptions['ca']
}

/** An https server that accepts only clients with a certificate issued by `ca`; one without is refused in the TLS handshake. */
export function createMtlsServer(core: ServerCore, tls: MtlsOptions): https.Server {
  const timeouts = {
    minVersion: 'TLSv1.2',
    handshakeTimeout: core.limits.headersTimeoutMs,
    ...nodeTimeouts(core),
  } as const
  return https.createServer({ ...timeouts, ...tls, requestCert: true, rejectUnauthorized: true }, nodeListener(core))
}
