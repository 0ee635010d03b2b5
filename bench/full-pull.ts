// An EMP's full pull, as docs/clients.md shows it, in a process of its own (for a clean
// figure of the client's memory): the generated client's paged iterator over every
// page, each record validated on its own as its page arrives. Prints one JSON line:
// records, invalid ones, pages, seconds and the process's peak resident memory.
// Usage: full-pull.ts <hub URL> <cert> <key> <ca> <ProviderID> [page size]
import { readFileSync } from 'node:fs'
import { createEmpClient } from '../generated/oicp-2.3/index.js'

const [url, cert, key, ca, providerId, size = '2000'] = process.argv.slice(2)
if (!url || !cert || !key || !ca || !providerId)
  throw new Error('usage: full-pull.ts <url> <cert> <key> <ca> <ProviderID> [size]')
const emp = createEmpClient({
  baseUrl: url,
  tls: { cert: readFileSync(cert), key: readFileSync(key), ca: readFileSync(ca) },
  providerId,
  timeoutMs: 60_000,
})
const started = performance.now()
let records = 0
let invalid = 0
let pages = 0
let peakRss = 0
// The loop of docs/clients.md (without the progress line: this process's output is its result).
for await (const page of emp.pullEvseDataPages(
  { ProviderID: providerId, GeoCoordinatesResponseFormat: 'Google' },
  { size: Number(size) },
)) {
  invalid += page.invalid.length
  for (const evse of page.records) if (evse.EvseID) records++
  pages++
  peakRss = Math.max(peakRss, process.memoryUsage.rss())
}
const seconds = (performance.now() - started) / 1000
await emp.close()
// maxRSS: the kernel's peak for this process (KB), which catches peaks between samples.
const peakRssMb = Math.max(peakRss / 1048576, process.resourceUsage().maxRSS / 1024)
process.stdout.write(`${JSON.stringify({ records, invalid, pages, seconds, peakRssMb })}\n`)
