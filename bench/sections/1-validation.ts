// Validation speed against ajv (compiled from Hubject's official OpenAPI schemas) and
// JSON.parse of the same bytes, cold import time, full generation time.
//
// Hubject's OpenAPI files are not part of this project: they are found as the tests find
// them (OICP_SOURCES, or ../shared/oicp beside the repository); without them the ajv
// column is skipped.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import { parse as parseYaml } from 'yaml'
import { messages } from '../../generated/oicp-2.3/index.js'
import { oicpSources } from '../../test/support/oicp-sources.js'
import { bench, fmt, median, table } from '../measure.js'
import { evseDataPage, evseDataPush, evseStatusResponse } from '../payloads.js'

const sources = oicpSources()

/** ajv over the official OpenAPI schema files, as a partner would build it from them. */
function hubjectValidator(side: 'cpo' | 'emp', schema: string): ValidateFunction | undefined {
  if (!sources.found) return undefined
  const dir = join(sources.dir, '2.3', `openapi-${side}`, 'schemas')
  // strict: false because the files use OpenAPI's `example`; unicodeRegExp: false because
  // several of their patterns do not compile with the u flag.
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: false })
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))) {
    const s = parseYaml(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown> | null
    // Skip files that are not schemas at all (OperatorEvseData.yaml is a broken leftover).
    if (!s || typeof s !== 'object' || !ajv.validateSchema(s)) continue
    ajv.addSchema({ ...s, $id: `https://hubject.invalid/${file}` })
  }
  return ajv.getSchema(`https://hubject.invalid/${schema}`)
}

/** The payloads, as far as breaking one record of each needs. */
interface Payload {
  OperatorEvseData?: { EvseDataRecord: Array<{ EvseID: string }> }
  content?: Array<{ EvseID: string }>
  EvseStatuses?: { OperatorEvseStatus: Array<{ EvseStatusRecord: Array<{ EvseID: string }> }> }
}

interface Case {
  title: string
  message: string
  payload: unknown
  ajv: ValidateFunction | undefined
}

function validationBench(): void {
  const push = evseDataPush(1000)
  const page = evseDataPage(1000)
  const status = evseStatusResponse(10_000)
  const cases: Case[] = [
    {
      title: 'eRoamingPushEvseData, 1,000 records',
      message: 'eRoamingPushEvseData',
      payload: push,
      ajv: hubjectValidator('cpo', 'eRoamingPushEvseData.yaml'),
    },
    {
      // The records extend EvseDataRecord: with the push above, one process checks both (as the hub does).
      title: 'eRoamingEvseData (a pull page), 1,000 records',
      message: 'eRoamingEvseData',
      payload: page,
      ajv: hubjectValidator('emp', 'eRoamingEVSEData.yaml'),
    },
    {
      title: 'eRoamingEvseStatus, 10,000 records',
      message: 'eRoamingEvseStatus',
      payload: status,
      ajv: hubjectValidator('emp', 'eRoamingEVSEStatus.yaml'),
    },
  ]
  const rows: string[][] = []
  for (const c of cases) {
    for (const broken of [false, true]) {
      const value = structuredClone(c.payload) as Payload
      if (broken) {
        const records =
          value.OperatorEvseData?.EvseDataRecord ??
          value.content ??
          value.EvseStatuses!.OperatorEvseStatus[0]!.EvseStatusRecord
        records[Math.floor(records.length / 2)]!.EvseID = 'not an EvseID'
      }
      const text = JSON.stringify(value)
      const parsed: unknown = JSON.parse(text)
      const ours = messages.validate(c.message, parsed)
      if (ours.ok === broken) throw new Error(`${c.title}: our validator says ok=${ours.ok}`)
      if (c.ajv && c.ajv(parsed) === broken) throw new Error(`${c.title}: ajv says ${!broken}`)
      const tParse = bench(() => JSON.parse(text))
      const tOurs = bench(() => messages.validate(c.message, parsed))
      const tAjv = c.ajv ? bench(() => c.ajv!(parsed)) : undefined
      rows.push([
        `${c.title}${broken ? ', one bad EvseID' : ''}`,
        `${(text.length / 1e6).toFixed(2)} MB`,
        fmt(tParse),
        fmt(tOurs),
        tAjv === undefined ? 'n/a' : fmt(tAjv),
        `${(tOurs / tParse).toFixed(2)}×`,
        tAjv === undefined ? 'n/a' : `${(tAjv / tOurs).toFixed(2)}×`,
      ])
    }
  }
  console.log('\nValidation (median per call; ours in exact mode, all errors collected; ajv stops at the first error)')
  table(
    ['payload', 'size', 'JSON.parse', 'oicp', 'ajv (Hubject OpenAPI)', 'oicp / JSON.parse', 'oicp speed-up over ajv'],
    rows,
  )
  if (!sources.found) console.log(`(no ajv column: ${sources.reason})`)
}

function coldImport(): void {
  // A fresh process per sample; the time is measured inside it, around the import alone.
  const script =
    "const t = performance.now(); await import('oicp/2.3'); process.stdout.write(String(performance.now() - t))"
  const samples: number[] = []
  for (let i = 0; i < 7; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`cold import failed: ${r.stderr}`)
    samples.push(Number(r.stdout))
  }
  console.log(
    `\nCold import of oicp/2.3 (compiled, fresh process, median of 7): ${median(samples).toFixed(1)} ms (target <= 50 ms)`,
  )
}

function generation(): void {
  const samples: number[] = []
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    const r = spawnSync(process.execPath, ['bin/oicp.js', 'generate', '--check'], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`generate --check failed: ${r.stderr}`)
    samples.push(performance.now() - t)
  }
  console.log(
    `Full generation of every release in oicp.config.yaml, whole CLI process (median of 3): ${(median(samples) / 1000).toFixed(2)} s (target <= 5 s)`,
  )
}

export default function run(): void {
  validationBench()
  coldImport()
  generation()
}
