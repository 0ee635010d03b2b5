// `oicp pull evse-data --out FILE.ndjson`: an EMP's full pull of EVSE data over mutual
// TLS, page by page with the generated client, each record validated on its own and
// written as one line; a progress line on a terminal, a summary at the end. The file
// appears only when the pull is complete (it is written as FILE.partial until then).
import { createWriteStream, renameSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { BatchedOutput } from '../batched-output.js'
import { defineCommand, valueOption } from '../command.js'
import { CliError, UsageError } from '../errors.js'
import { readPem } from '../pem-file.js'
import { duration, ProgressLine } from '../progress.js'

const KINDS = ['evse-data']
/** Invalid records are counted; this many are named on standard error. */
const NAMED_INVALID = 10

function pemOption(file: string, option: string): Buffer {
  return readPem(
    file,
    (code) =>
      `${option} ${file}: cannot read it (${code}); make development certificates with \`oicp certs\`, or give the file`,
  )
}

export default defineCommand({
  name: 'pull',
  summary: 'pull all EVSE data from a hub (Hubject, or oicp hub) into an ndjson file, as an EMP',
  usage: ['pull evse-data --out FILE --provider-id ID [--url URL] [--cert FILE --key FILE --ca FILE] [--size N]'],
  operands: [['evse-data', 'what to pull: every EVSE data record (PullEvseData, all pages)']],
  options: {
    out: valueOption('FILE', 'the ndjson file to write, one record per line'),
    'provider-id': valueOption('ID', 'your ProviderID, e.g. DE-8EO'),
    url: valueOption('URL', 'the hub (default https://127.0.0.1:8443/api/oicp, oicp hub --tls)'),
    cert: valueOption('FILE', 'your client certificate (default certs/emp.pem)'),
    key: valueOption('FILE', 'its key (default certs/emp-key.pem)'),
    ca: valueOption('FILE', 'the CA the hub certificate is checked against (default certs/ca.pem)'),
    size: valueOption('N', 'records per page, 1 to 2000 (default 2000)'),
  },
  notes:
    'Records that fail validation are skipped, counted and named (the first ten) on standard error; the rest are written.\n' +
    'A progress line is drawn on standard error when it is a terminal.\n' +
    'Exit: 0 pulled, 1 the hub refused or could not be reached (nothing written), 2 wrong arguments or unreadable certificate files.',
  async run({ values, positionals, io }) {
    const [kind, ...more] = positionals
    if (kind === undefined || !KINDS.includes(kind) || more.length > 0)
      throw new UsageError(`what to pull: ${KINDS.join(', ')} (got ${positionals.join(' ') || 'nothing'})`)
    if (!values.out) throw new UsageError('--out FILE is required (the ndjson file to write)')
    const providerId = values['provider-id']
    if (!providerId) throw new UsageError('--provider-id ID is required (your ProviderID, e.g. DE-8EO)')
    const size = values.size === undefined ? 2000 : Number(values.size)
    if (!(Number.isInteger(size) && size >= 1 && size <= 2000))
      throw new UsageError(`--size must be 1 to 2000 (got ${values.size})`)
    const tls = {
      cert: pemOption(values.cert ?? 'certs/emp.pem', '--cert'),
      key: pemOption(values.key ?? 'certs/emp-key.pem', '--key'),
      ca: pemOption(values.ca ?? 'certs/ca.pem', '--ca'),
    }
    const { createEmpClient, OicpClientError } = await import('oicp/2.3')
    let emp: ReturnType<typeof createEmpClient>
    try {
      emp = createEmpClient({
        baseUrl: values.url ?? 'https://127.0.0.1:8443/api/oicp',
        tls,
        providerId,
        timeoutMs: 120_000,
      })
    } catch (e) {
      throw new UsageError((e as Error).message)
    }

    const partial = `${values.out}.partial`
    const file = createWriteStream(partial)
    await once(file, 'open')
    const out = new BatchedOutput((s) => (file.write(s) ? undefined : once(file, 'drain').then(() => undefined)))
    const progress = new ProgressLine(io.stderrIsTTY ? io.stderr : undefined)
    const begun = performance.now()
    let records = 0
    let invalid = 0
    let pages = 0
    try {
      for await (const page of emp.pullEvseDataPages(
        { ProviderID: providerId, GeoCoordinatesResponseFormat: 'Google' },
        { size },
      )) {
        pages++
        for (const bad of page.invalid) {
          if (invalid++ < NAMED_INVALID)
            await io.stderr(
              `${io.stderrIsTTY ? '\n' : ''}skipped page ${page.number} ${bad.pointer}: ${bad.errors[0]?.path} ${bad.errors[0]?.message}\n`,
            )
        }
        for (const record of page.records) await out.line(JSON.stringify(record))
        records += page.records.length
        progress.update(
          {
            records: records + invalid,
            total: page.totalElements,
            pages,
            totalPages: page.totalPages,
            elapsedMs: performance.now() - begun,
          },
          page.last,
        )
      }
      await out.flush()
      file.end()
      await once(file, 'close')
      renameSync(partial, values.out)
    } catch (e) {
      progress.done()
      file.destroy()
      rmSync(partial, { force: true })
      if (e instanceof OicpClientError) throw new CliError(`${e.message}; nothing written`, 1)
      throw e
    } finally {
      await emp.core.close()
    }
    progress.done()
    const seconds = (performance.now() - begun) / 1000
    const count = (x: number) => x.toLocaleString('en')
    await io.stdout(
      `pulled ${count(records)} EVSE records (${count(pages)} pages${invalid > 0 ? `, ${count(invalid)} invalid skipped` : ''}) into ${values.out} in ${duration(seconds)}, ${count(Math.round(records / Math.max(seconds, 0.001)))} records/s\n`,
    )
    return 0
  },
})
