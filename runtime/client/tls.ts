// Mutual TLS settings. Hubject authenticates partners by client certificate, and we always
// verify Hubject's (or the stand-in's) server certificate: there is deliberately no option
// to turn that off; tests use a development CA (cli/certs.ts) instead.

/** A certificate or key in PEM, as text or as the bytes of a file. */
export type PemInput = string | Buffer

/** The client's side of mutual TLS: its certificate and key, and the CAs it trusts. */
export interface TlsOptions {
  /** Our client certificate (PEM), as issued for the partner; may include the chain. */
  cert: PemInput
  /** Its private key (PEM). */
  key: PemInput
  /** Passphrase of an encrypted key. */
  passphrase?: string
  /**
   * CA certificates to trust for the server.
   * @default Node's built-in root certificates
   */
  ca?: PemInput | PemInput[]
  /**
   * Server name to verify when it differs from the base URL's host.
   * @default the base URL's host
   */
  servername?: string
}

/** The options undici passes to tls.connect. */
export function connectOptions(tls: TlsOptions): Record<string, unknown> {
  if (!tls || !tls.cert || !tls.key)
    throw new TypeError('tls.cert and tls.key are required: OICP needs a client certificate')
  return {
    cert: tls.cert,
    key: tls.key,
    ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}),
    ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
    ...(tls.servername !== undefined ? { servername: tls.servername } : {}),
    rejectUnauthorized: true,
  }
}

/** Whether a connection error is about certificates or the TLS handshake. */
export function isTlsFailure(code: string | undefined, message: string): boolean {
  if (code && /^(ERR_SSL_|ERR_TLS_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/.test(code))
    return true
  return /certificate|ssl|tls alert|handshake|bad decrypt/i.test(message)
}
