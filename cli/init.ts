// `oicp init cpo|emp`: a new project's first minute. Writes the generator config, a typed
// backend (templates/init/<role>), development certificates issued for the user's own ID, a
// local hub config that knows them and plays the other side, and npm scripts to run both.
// It never overwrites a file: what exists is kept and reported; package.json and .gitignore
// only gain what they lack.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import Handlebars from 'handlebars'
import { validators } from 'oicp/2.3'
import { PACKAGE_ROOT } from '../generator/paths.js'
import { createDevCa } from './certs.js'

type Out = { stdout: (s: string) => void; stderr: (s: string) => void }
type Role = 'cpo' | 'emp'

/** The IDs of the side the local hub plays, chosen to say what they are. */
const PLAYED = { operatorId: 'DE*CPO', providerId: 'DE-EMP' }

export const INIT_SCRIPTS = {
  generate: 'oicp generate',
  build: 'oicp generate && tsc -p .',
  hub: 'oicp hub --config hub.yaml',
  start: 'npm run build && node dist/main.js',
}

const IGNORED = ['node_modules/', 'dist/', 'certs/', '.hub/']

class InitError extends Error {}

/** Whether an ID is valid as the spec text defines it (exact mode: no flags). */
function isValid(type: 'OperatorID' | 'ProviderID', id: string): boolean {
  return validators[type].is(id, 0)
}

export interface Settings {
  role: Role
  operatorId: string
  providerId: string
  port: number
  hubPort: number
}

/** The options of `oicp init`, as the command's option table parsed them. */
export interface InitValues {
  'operator-id'?: string
  'provider-id'?: string
  dir?: string
  port?: string
  'hub-port'?: string
}

function settings(values: InitValues, positionals: string[]): { dir: string; shown: string; s: Settings } {
  const [role, ...rest] = positionals
  if (role !== 'cpo' && role !== 'emp')
    throw new InitError(
      role
        ? `unknown role "${role}" (cpo or emp)`
        : 'which role? oicp init cpo --operator-id DE*ABC, or oicp init emp --provider-id DE-8EO',
    )
  if (rest.length > 0) throw new InitError(`unexpected argument "${rest[0]}"`)
  if (role === 'cpo' && values['provider-id'])
    throw new InitError('a CPO project takes --operator-id (the hub plays the EMP)')
  if (role === 'emp' && values['operator-id'])
    throw new InitError('an EMP project takes --provider-id (the hub plays the CPO)')
  const operatorId = role === 'cpo' ? (values['operator-id'] ?? 'DE*ABC') : PLAYED.operatorId
  const providerId = role === 'emp' ? (values['provider-id'] ?? 'DE-8EO') : PLAYED.providerId
  if (!isValid('OperatorID', operatorId))
    throw new InitError(
      `--operator-id "${operatorId}" is not an OperatorID (two letters, an optional *, three letters or digits: DE*ABC)`,
    )
  if (!isValid('ProviderID', providerId))
    throw new InitError(
      `--provider-id "${providerId}" is not a ProviderID (two letters, an optional -, three letters or digits: DE-8EO)`,
    )
  const port = (name: 'port' | 'hub-port', fallback: number) => {
    const text = values[name]
    const n = text === undefined ? fallback : Number(text)
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InitError(`--${name} must be a port number (got ${text})`)
    return n
  }
  const s = {
    role,
    operatorId,
    providerId,
    port: port('port', role === 'cpo' ? 9001 : 9002),
    hubPort: port('hub-port', 8443),
  } satisfies Settings
  if (s.port === s.hubPort) throw new InitError(`--port and --hub-port must differ (both ${s.port})`)
  return { dir: resolve(values.dir ?? '.'), shown: values.dir ?? '.', s }
}

/** The files of a role's project rendered for the settings, by path (certificates and package.json aside). */
export function renderProject(s: Settings): Map<string, string> {
  return new Map([...templates(s.role)].map(([path, template]) => [path, render(template, s)]))
}

/** Template files of a role (and the common ones) by the path they are written to. */
function templates(role: Role): Map<string, string> {
  const files = new Map<string, string>()
  for (const folder of ['common', role]) {
    const base = join(PACKAGE_ROOT, 'templates', 'init', folder)
    for (const e of readdirSync(base, { withFileTypes: true, recursive: true })) {
      if (!e.isFile() || !e.name.endsWith('.hbs')) continue
      const path = join(e.parentPath, e.name)
      files.set(
        relative(base, path)
          .replace(/\.hbs$/, '')
          .split('\\')
          .join('/'),
        path,
      )
    }
  }
  return files
}

function render(path: string, s: Settings): string {
  const hb = Handlebars.create()
  hb.registerHelper('json', (value: unknown) => JSON.stringify(value))
  return hb.compile(readFileSync(path, 'utf8'), { noEscape: true, strict: true })(s)
}

/** The development CA and the certificates of everyone in the local setup. */
function certificates(s: Settings): Map<string, string> {
  const ca = createDevCa()
  const server = ca.server()
  const files = new Map([
    ['ca.pem', ca.cert],
    ['ca-key.pem', ca.key],
    ['server.pem', server.cert],
    ['server-key.pem', server.key],
  ])
  for (const [name, cn] of [
    ['cpo', `cpo:${s.operatorId}`],
    ['emp', `emp:${s.providerId}`],
    ['hub', 'hub'],
  ] as const) {
    const c = ca.client(cn)
    files.set(`${name}.pem`, c.cert).set(`${name}-key.pem`, c.key)
  }
  return files
}

function writeNew(dir: string, path: string, text: string, report: string[]): void {
  const abs = join(dir, path)
  if (existsSync(abs)) {
    report.push(`kept      ${path} (exists)`)
    return
  }
  mkdirSync(dirname(abs), { recursive: true })
  writeFileSync(abs, text, { mode: path.endsWith('-key.pem') ? 0o600 : 0o644 })
  report.push(`created   ${path}`)
}

/** Adds the scripts and module type the project needs to package.json, changing nothing that is there. */
function packageJson(dir: string, report: string[]): void {
  const file = join(dir, 'package.json')
  if (!existsSync(file)) {
    const name =
      basename(dir)
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[._-]+/, '') || 'oicp-backend'
    writeFileSync(
      file,
      `${JSON.stringify({ name, version: '1.0.0', private: true, type: 'module', scripts: INIT_SCRIPTS }, null, 2)}\n`,
    )
    report.push('created   package.json')
    return
  }
  let pkg: { type?: string; scripts?: Record<string, string> }
  try {
    pkg = JSON.parse(readFileSync(file, 'utf8')) as typeof pkg
  } catch (e) {
    throw new InitError(`package.json is not JSON (${(e as Error).message}); fix it or start in an empty folder`)
  }
  const added: string[] = []
  const kept: string[] = []
  pkg.scripts ??= {}
  for (const [name, command] of Object.entries(INIT_SCRIPTS)) {
    if (pkg.scripts[name] === undefined) {
      pkg.scripts[name] = command
      added.push(name)
    } else if (pkg.scripts[name] !== command) kept.push(`${name} (ours would be: ${command})`)
  }
  if (pkg.type !== 'module') {
    added.push(`"type": "module" (was ${pkg.type ? `"${pkg.type}"` : 'unset'}; the generated code is ES modules)`)
    pkg.type = 'module'
  }
  if (added.length > 0) {
    writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`)
    report.push(`updated   package.json: added ${added.join(', ')}`)
  }
  for (const k of kept) report.push(`kept      package.json script ${k}`)
}

function gitignore(dir: string, report: string[]): void {
  const file = join(dir, '.gitignore')
  const text = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const have = new Set(text.split(/\r?\n/).map((l) => l.trim()))
  const missing = IGNORED.filter((l) => !have.has(l) && !have.has(l.replace(/\/$/, '')))
  if (missing.length === 0) return
  writeFileSync(file, `${text}${text && !text.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`)
  report.push(`${text ? 'updated' : 'created'}   .gitignore${text ? `: added ${missing.join(' ')}` : ''}`)
}

function nextSteps(dir: string, shown: string, s: Settings): string {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: object
    devDependencies?: object
  }
  const has = (name: string) =>
    Object.hasOwn(pkg.dependencies ?? {}, name) || Object.hasOwn(pkg.devDependencies ?? {}, name)
  const cd = dir === process.cwd() ? [] : [`  cd ${shown}`]
  const install = [
    ...(has('oicp') ? [] : ['  npm install oicp']),
    ...(['oicp-dev', 'typescript', '@types/node'].some((n) => !has(n))
      ? ['  npm install --save-dev oicp-dev typescript @types/node']
      : []),
  ]
  const you = s.role === 'cpo' ? `CPO ${s.operatorId}` : `EMP ${s.providerId}`
  const other = s.role === 'cpo' ? `the EMP ${s.providerId}` : `the CPO ${s.operatorId}`
  return [
    `\nYour ${you} backend is in src/ (handlers in src/handlers.ts). Next:`,
    ...cd,
    ...install,
    `  npm run hub   # one terminal: the local hub on https://127.0.0.1:${s.hubPort}, playing ${other}`,
    '  npm start     # another: generate, compile and run your backend over mutual TLS',
    '',
  ].join('\n')
}

/** Writes a new project (see the top of this file); 0 on success, 2 on wrong arguments (said on standard error). */
export function runInit(values: InitValues, positionals: string[], out: Out): number {
  let target: ReturnType<typeof settings>
  try {
    target = settings(values, positionals)
  } catch (e) {
    if (e instanceof InitError) {
      out.stderr(`oicp init: ${e.message}\n`)
      return 2
    }
    throw e
  }
  const { dir, shown, s } = target
  mkdirSync(dir, { recursive: true })
  const report: string[] = []
  try {
    for (const [path, text] of renderProject(s)) writeNew(dir, path, text, report)
    if (existsSync(join(dir, 'certs', 'ca.pem')))
      report.push('kept      certs/ (a development CA exists; delete certs/ to issue new certificates)')
    else {
      const written: string[] = []
      for (const [file, pem] of certificates(s)) writeNew(dir, join('certs', file), pem, written)
      report.push(
        `created   certs/ (development CA; server; clients cpo for ${s.operatorId}, emp for ${s.providerId}, hub; keys unencrypted)`,
      )
    }
    packageJson(dir, report)
    gitignore(dir, report)
  } catch (e) {
    if (!(e instanceof InitError)) throw e
    out.stderr(`oicp init: ${e.message}\n`)
    return 2
  }
  out.stdout(`${report.join('\n')}\n${nextSteps(dir, shown, s)}`)
  return 0
}
