// Certificates for the client tests, made once per process with the development CA:
// the hub's server certificate, a CPO and an EMP client certificate, one from another CA,
// and an encrypted copy of the CPO key.
import { createPrivateKey } from 'node:crypto'
import { createDevCa, type Pem } from '../../cli/certs.js'
import { devCerts, type DevCerts } from './dev-certs.js'

export const OPERATOR = 'DE*ABC'
export const PROVIDER = 'DE-8EO'
export const PASSPHRASE = 'correct horse battery staple'

export type ClientCerts = DevCerts<'cpo' | 'emp'> & {
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
  const certs = devCerts('oicp client tests CA', { cpo: OPERATOR, emp: PROVIDER })
  const other = createDevCa('some other CA')
  const cpoEncryptedKey = createPrivateKey(certs.cpo.key).export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: PASSPHRASE,
  }) as string
  made = { ...certs, foreign: other.client(OPERATOR), foreignCa: other.cert, cpoEncryptedKey }
  return made
}
