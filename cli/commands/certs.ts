// `oicp certs`: a development CA with server and client certificates for local mutual TLS.
import { defineCommand, listOption, valueOption } from '../command.js'
import { UsageError } from '../errors.js'

export default defineCommand({
  name: 'certs',
  summary: 'write a development CA, a server certificate and client certificates for local mutual TLS',
  usage: ['certs [--out DIR] [--client NAME[=CN] ...]'],
  options: {
    out: valueOption('DIR', 'the folder to write to (default certs)'),
    client: listOption(
      'NAME[=CN]',
      'a client certificate NAME.pem whose common name is CN (default: NAME); repeatable (default: cpo and emp, issued for DE*ABC and DE-8EO, and hub)',
    ),
  },
  notes: 'For local testing only: keys are written unencrypted. Hubject issues the real certificates.',
  async run({ values, io }) {
    const dir = values.out ?? 'certs'
    for (const c of values.client ?? []) {
      const [name = '', commonName] = c.split(/=(.*)/s)
      if (!/^[A-Za-z0-9*+_.-]+$/.test(name))
        throw new UsageError(`--client "${c}": a name may hold only letters, digits and * + _ . -`)
      if (commonName !== undefined && !/^[^\p{Cc}]+$/u.test(commonName))
        throw new UsageError(`--client "${c}": the common name after = must not be empty`)
    }
    const { writeDevCertificates } = await import('../certs.js')
    const files = writeDevCertificates(dir, values.client)
    void io.stdout(`wrote ${files.join(', ')} to ${dir}/ (for local testing only; keys are unencrypted)\n`)
    return 0
  },
})
