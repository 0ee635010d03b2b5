// The oicp command line: generate, lint, diff, certs, scaffold, validate, hub.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { diff, formatDiff, releaseSide, serviceSide, type Side } from '../generator/diff.js'
import { DEFAULT_CONFIG_FILE, loadConfig } from '../generator/config.js'
import { generate } from '../generator/generate.js'
import { applyOutput, planOutput } from '../generator/output.js'
import { SpecError, formatDiagnostic } from '../generator/spec/diagnostics.js'
import { loadRelease } from '../generator/spec/load.js'
import { PACKAGE_ROOT } from '../generator/paths.js'
import { scaffold } from '../generator/scaffold.js'
import { ROLES, type Role } from '../generator/spec/model.js'
import { writeDevCertificates } from './certs.js'
import { parseJson } from './json.js'
import type { MessageRegistry, ValidationIssue, ValidationMode } from 'oicp/runtime'

const USAGE = `Usage:
  oicp generate [--check] [--config FILE]   write generated/ from spec/ (--check: only compare, exit 1 when stale)
  oicp lint [RELEASE_DIR ...] [--config FILE] check spec files; problems as file:line: message, exit 2
  oicp certs [--out DIR] [--client NAME ...]   write a development CA, a server certificate and client
                                            certificates (default clients: cpo, emp) for local mutual TLS
  oicp scaffold <cpo|emp|hub> [--out DIR] [--release 2.3] [--spec DIR] [--release-module SPEC] [--runtime-module SPEC]
                                            write one handler file per operation the role serves (default
                                            folder src/oicp/<role>); files you changed are never overwritten
  oicp diff <A> <B> [--json]                 what changed from A to B; each a release (2.2, or a spec folder)
                                            or a service version (eRoamingEvseData@2.3)
  oicp validate <Message> [FILE|-] [--strict|--lenient] [--ndjson] [--release 2.3]
                                            check a JSON message; exit 0 valid, 1 invalid, 2 usage or unreadable input
  oicp hub [--port N] [--host H] [--tls [--certs DIR]] [--data DIR] [--config FILE] [--quiet]
                                            a local Hubject stand-in for OICP 2.3 (default: plain HTTP on
                                            127.0.0.1:8080, open to any partner, state in memory)
`

class UsageError extends Error {}

type Out = { stdout: (s: string) => void; stderr: (s: string) => void }

async function cmdGenerate(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { check: { type: 'boolean' }, config: { type: 'string' }, verbose: { type: 'boolean' } } })
  const config = loadConfig(values.config ?? DEFAULT_CONFIG_FILE)
  const root = config.root ?? process.cwd()
  const started = performance.now()
  const files = await generate(config)
  const plan = planOutput(files, config.output, root)
  const shown = (path: string) => relative(process.cwd(), resolve(root, path)) || '.'
  if (plan.inTheWay.length > 0) {
    out.stderr(`oicp generate: ${plan.inTheWay.length === 1 ? 'a file' : `${plan.inTheWay.length} files`} not written by oicp stand${plan.inTheWay.length === 1 ? 's' : ''} where generated code goes; nothing was written. Move ${plan.inTheWay.length === 1 ? 'it' : 'them'} away or choose another output folder:\n${plan.inTheWay.map((p) => `  ${shown(p)}\n`).join('')}`)
    return 2
  }
  const list = (label: string, paths: string[]) => (values.verbose ? paths.map((p) => `  ${label} ${shown(p)}\n`).join('') : '')
  if (values.check) {
    const stale = [...plan.write, ...plan.remove]
    if (stale.length === 0) {
      out.stdout(`${shown(config.output)} is up to date (${files.size} files)\n`)
      return 0
    }
    out.stderr(`stale generated files (run \`npx oicp generate\`):\n${plan.write.map((p) => `  ${shown(p)}\n`).join('')}${plan.remove.map((p) => `  ${shown(p)} (no longer generated)\n`).join('')}`)
    return 1
  }
  applyOutput(plan, files, root)
  const ms = Math.round(performance.now() - started)
  out.stdout(`generated into ${shown(config.output)} in ${ms} ms: ${plan.write.length} written, ${plan.unchanged.length} unchanged, ${plan.remove.length} removed\n${list('written', plan.write)}${list('removed', plan.remove)}`)
  return 0
}

function cmdLint(args: string[], out: Out): number {
  const { values, positionals } = parseArgs({ args, options: { config: { type: 'string' } }, allowPositionals: true })
  const dirs = positionals.length > 0 ? positionals : loadConfig(values.config ?? DEFAULT_CONFIG_FILE).releases.map((r) => r.spec)
  let problems = 0
  for (const dir of dirs) {
    try {
      const r = loadRelease(dir)
      out.stdout(`${dir}: OICP ${r.release}, ${r.types.size} types and messages, ${r.services.length} services: ok\n`)
    } catch (e) {
      if (!(e instanceof SpecError)) throw e
      problems += e.diagnostics.length
      for (const d of e.diagnostics) out.stderr(`${formatDiagnostic(d)}\n`)
    }
  }
  return problems > 0 ? 2 : 0
}

function cmdCerts(args: string[], out: Out): number {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, client: { type: 'string', multiple: true } } })
  const dir = values.out ?? 'certs'
  const clients = values.client ?? ['cpo', 'emp']
  for (const c of clients) if (!/^[A-Za-z0-9*+_.-]+$/.test(c)) throw new UsageError(`client name "${c}" may hold only letters, digits and * + _ . -`)
  const files = writeDevCertificates(dir, clients)
  out.stdout(`wrote ${files.join(', ')} to ${dir}/ (for local testing only; keys are unencrypted)\n`)
  return 0
}

function cmdScaffold(args: string[], out: Out): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, release: { type: 'string' }, spec: { type: 'string' }, 'release-module': { type: 'string' }, 'runtime-module': { type: 'string' } },
  })
  const [role, ...rest] = positionals
  if (!role || rest.length > 0) throw new UsageError('scaffold takes one role: cpo, emp or hub')
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`unknown role "${role}" (allowed: ${ROLES.join(', ')})`)
  const releaseName = values.release ?? '2.3'
  const specDir = values.spec ?? join(PACKAGE_ROOT, 'spec', `oicp-${releaseName}`)
  if (!existsSync(specDir)) throw new UsageError(`no spec for OICP ${releaseName} at ${specDir}`)
  const release = loadRelease(specDir, PACKAGE_ROOT)
  const dir = values.out ?? join('src', 'oicp', role)
  const report = scaffold({ release, role: role as Role, out: dir, releaseModule: values['release-module'], runtimeModule: values['runtime-module'] })
  for (const f of report.files) {
    const notes = [...(f.outcome === 'kept' ? ['changed since scaffolded, not overwritten'] : []), ...(f.note ? [f.note] : [])]
    out.stdout(`${f.outcome.padEnd(9)} ${join(dir, f.file)}${notes.length > 0 ? `: ${notes.join('; ')}` : ''}\n`)
  }
  return 0
}

async function registryFor(release: string): Promise<MessageRegistry> {
  const { releases } = await import('oicp/releases')
  const load = (releases as unknown as Record<string, () => Promise<{ messages: MessageRegistry }>>)[release]
  if (!load) throw new UsageError(`unknown release "${release}" (generated: ${Object.keys(releases).join(', ')})`)
  return (await load()).messages
}

function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8')
  } catch (e) {
    throw new UsageError(`cannot read ${file === '-' ? 'standard input' : file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
  }
}

function issueLine(i: ValidationIssue): string {
  return `  ${i.path || '/'}: ${i.message} [${i.keyword}]\n`
}

/** Release folders under spec/ by release number, read from their release.yaml. */
function specReleases(): Map<string, string> {
  const out = new Map<string, string>()
  if (!existsSync('spec')) return out
  for (const dir of readdirSync('spec')) {
    const manifest = join('spec', dir, 'release.yaml')
    if (!existsSync(manifest)) continue
    const release = /^release:\s*"?([^"\s]+)"?/m.exec(readFileSync(manifest, 'utf8'))?.[1]
    if (release) out.set(release, join('spec', dir))
  }
  return out
}

/** A diff operand: a release number or folder, or service@version found in any release under spec/. */
function diffSide(arg: string): Side {
  const at = arg.lastIndexOf('@')
  const releases = specReleases()
  if (at > 0) {
    const [service, version] = [arg.slice(0, at), arg.slice(at + 1)]
    for (const dir of releases.values()) {
      const side = serviceSide(loadRelease(dir), service, version)
      if (side) return side
    }
    throw new UsageError(`no service version ${service} ${version} in ${[...releases.values()].join(', ') || 'spec/'}`)
  }
  const dir = releases.get(arg) ?? (existsSync(join(arg, 'release.yaml')) ? arg : undefined)
  if (!dir) throw new UsageError(`"${arg}" is neither a release (${[...releases.keys()].join(', ')}), a release folder, nor service@version`)
  return releaseSide(loadRelease(dir))
}

function cmdDiff(args: string[], out: Out): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } })
  if (positionals.length !== 2) throw new UsageError('diff takes two operands')
  const [a, b] = positionals.map(diffSide) as [Side, Side]
  const changes = diff(a, b)
  out.stdout(values.json ? `${JSON.stringify({ from: a.label, to: b.label, changes }, null, 2)}\n` : formatDiff(a, b, changes))
  return 0
}

async function cmdValidate(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { strict: { type: 'boolean' }, lenient: { type: 'boolean' }, ndjson: { type: 'boolean' }, release: { type: 'string' } },
  })
  const [name, file = '-', ...rest] = positionals
  if (!name || rest.length > 0) throw new UsageError('validate takes a message name and at most one file')
  if (values.strict && values.lenient) throw new UsageError('--strict and --lenient exclude each other')
  const mode: ValidationMode = values.strict ? 'strict' : values.lenient ? 'lenient' : 'exact'
  const registry = await registryFor(values.release ?? '2.3')
  const entry = registry.find(name)
  if (!entry) throw new UsageError(`no message "${name}" in OICP ${registry.release}; known: ${registry.names().join(', ')}`)
  const text = readInput(file)
  if (values.ndjson) {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      const parsed = parseJson(line)
      if (!parsed.ok) {
        out.stdout(`${JSON.stringify({ ok: false, errors: [{ path: '', message: `not JSON: ${parsed.message} at column ${parsed.column}`, keyword: 'json' }] })}\n`)
        continue
      }
      const r = registry.validate(entry.name, parsed.value, { mode })
      const warnings = r.warnings.length > 0 ? { warnings: r.warnings } : {}
      out.stdout(`${JSON.stringify(r.ok ? { ok: true, ...warnings } : { ok: false, errors: r.errors, ...warnings })}\n`)
    }
    return 0
  }
  const parsed = parseJson(text)
  if (!parsed.ok) {
    out.stderr(`${file === '-' ? 'standard input' : file}:${parsed.line}:${parsed.column}: not JSON: ${parsed.message}\n`)
    return 2
  }
  const r = registry.validate(entry.name, parsed.value, { mode })
  if (r.ok) out.stdout(`${entry.name}: valid (${mode})\n`)
  else out.stdout(`${entry.name}: invalid (${mode}), ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}:\n${r.errors.map(issueLine).join('')}`)
  if (r.warnings.length > 0) out.stdout(`warnings:\n${r.warnings.map(issueLine).join('')}`)
  return r.ok ? 0 : 1
}

function readPem(dir: string, file: string): string {
  const path = join(dir, file)
  if (!existsSync(path)) throw new UsageError(`--tls needs ${path} (make development certificates with \`oicp certs --out ${dir}\`, or give --config)`)
  return readFileSync(path, 'utf8')
}

async function cmdHub(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { port: { type: 'string' }, host: { type: 'string' }, tls: { type: 'boolean' }, certs: { type: 'string' }, data: { type: 'string' }, config: { type: 'string' }, quiet: { type: 'boolean' } },
  })
  if (positionals.length > 0) throw new UsageError('hub takes no operands')
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new UsageError(`--port must be 0 to 65535 (got ${values.port})`)
  const { loadHubConfig, startHub } = await import('../hub/index.js')
  let options: import('../hub/index.js').HubOptions
  if (values.config) {
    let config
    try {
      config = loadHubConfig(values.config)
    } catch (e) {
      throw new UsageError((e as Error).message)
    }
    if (values.tls && !config.tls) throw new UsageError(`--tls: ${values.config} has no tls: section (cert, key, ca)`)
    options = { partners: config.partners, host: config.host, port: config.port, dataDir: config.data, tls: config.tls, client: config.client }
  } else if (values.tls) {
    const dir = values.certs ?? 'certs'
    options = { tls: { cert: readPem(dir, 'server.pem'), key: readPem(dir, 'server-key.pem'), ca: readPem(dir, 'ca.pem') } }
  } else options = {}
  options.host = values.host ?? options.host ?? '127.0.0.1'
  options.port = port ?? options.port ?? (options.tls ? 8443 : 8080)
  if (values.data) options.dataDir = values.data
  options.onEvent = values.quiet ? undefined : (e) => out.stdout(`[hub] ${e.text}\n`)
  options.onError = (e, where) => out.stderr(`[hub] ${where}: ${(e as Error)?.stack ?? String(e)}\n`)
  const hub = await startHub(options)
  if (values.quiet) out.stdout(`hub listening on ${hub.url}\n`)
  if (hub.droppedOnStart > 0) out.stdout(`[hub] dropped ${hub.droppedOnStart} torn journal line(s): writes a kill interrupted, never acknowledged\n`)
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await hub.close()
  out.stdout('[hub] stopped\n')
  return 0
}

/** Runs one command; returns the exit code. */
export async function main(argv: string[], out: Out = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }): Promise<number> {
  const [command, ...args] = argv
  try {
    switch (command) {
      case 'generate':
        return await cmdGenerate(args, out)
      case 'lint':
        return cmdLint(args, out)
      case 'validate':
        return await cmdValidate(args, out)
      case 'diff':
        return cmdDiff(args, out)
      case 'certs':
        return cmdCerts(args, out)
      case 'scaffold':
        return cmdScaffold(args, out)
      case 'hub':
        return await cmdHub(args, out)
      case undefined:
      case '--help':
      case 'help':
        out.stdout(USAGE)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } catch (e) {
    if (e instanceof SpecError) {
      for (const d of e.diagnostics) out.stderr(`${formatDiagnostic(d)}\n`)
      return 2
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.stderr(`oicp: ${(e as Error).message}\n${USAGE}`)
      return 2
    }
    throw e
  }
}

// Run when started directly (npm scripts use `tsx bin/cli.ts`); bin/oicp.js calls main itself.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
