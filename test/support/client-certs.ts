// Certificates for the client tests, made once per process with the development CA:
// the hub's server certificate, a CPO and an EMP client certificate, one from another CA,
// and an encrypted copy of the CPO key.
import { createPrivateKey } from 'node:crypto'
import { createDevCa, type Pem } from '../../cli/certs.js'

export const OPERATOR = 'DE*ABC'
export const PROVIDER = 'DE-8EO'
export const PASSPHRASE = 'correct horse battery staple'

export interface ClientCerts {
  ca: string
  server: Pem
  cpo: Pem
  emp: Pem
  /** A client certificate from a CA the hub does not trust. */
  foreign: Pem
  /** The CA of `foreign`, which did not sign the hub's certificate. */
  foreignCa: string
  /** The CPO key encrypted with PASSPHRASE. */
  cpoEncryptedKey: string
}

let made: ClientCerts | undefined

export function clientCerts(): ClientCerts {
  if (made) return made
  const ca = createDevCa('oicp client tests CA')
  const other = createDevCa('some other CA')
  const cpo = ca.client(OPERATOR)
  made = {
    ca: ca.cert,
    server: ca.server(['127.0.0.1', 'localhost']),
    cpo,
    emp: ca.client(PROVIDER),
    foreign: other.client(OPERATOR),
    foreignCa: other.cert,
    cpoEncryptedKey: createPrivateKey(cpo.key).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }) as string,
  }
  return made
}
