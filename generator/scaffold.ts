// `oicp scaffold`: one handler file per operation a role serves, written into the user's
// folder once. A manifest (.oicp-scaffold.json) keeps the hash of what was written, so a
// rerun can tell files the user changed (kept, reported) from untouched ones (brought up
// to date) and adds the files of new operations.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { servedBy } from './emit/routes.js'
import { handlersTypeName, memberName, ROLE_NAMES, routesName } from './naming.js'
import { loadTemplate } from './templates.js'
import type { Operation, Release, Role } from './spec/model.js'

export interface ScaffoldOptions {
  release: Release
  role: Role
  /** The user's folder for handler files. */
  out: string
  /** Import specifier of the release module in the written files; default `oicp/<release>`. */
  releaseModule?: string
  /** Import specifier of the runtime; default `oicp/runtime`. */
  runtimeModule?: string
  /** A folder whose templates (handler.ts.hbs, handlers-index.ts.hbs) replace the built-in ones. */
  templates?: string
}

export type FileOutcome = 'created' | 'updated' | 'unchanged' | 'kept'

export interface ScaffoldReport {
  files: { file: string; outcome: FileOutcome; note?: string }[]
}

export const MANIFEST = '.oicp-scaffold.json'

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Words to lines of at most `width` characters, for doc comments. */
function wrap(text: string, width = 100): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

function todo(op: Operation): string {
  return op.response === 'eRoamingAcknowledgement'
    ? `carry out the request, then answer e.g. { Result: true, StatusCode: { Code: '000' } }`
    : `answer an ${op.response}`
}

/** The files scaffolding gives for a role, by name. */
export function scaffoldFiles(options: ScaffoldOptions): Map<string, string> {
  const { release, role } = options
  const releaseModule = options.releaseModule ?? `oicp/${release.release}`
  const runtimeModule = options.runtimeModule ?? 'oicp/runtime'
  const ops = servedBy(release, role)
  if (ops.length === 0) throw new Error(`role ${role} serves no operation in OICP ${release.release}`)
  const template = (name: string) => loadTemplate(name, options.templates)
  const handler = template('handler.ts.hbs')
  const files = new Map<string, string>()
  for (const op of ops) {
    const key = memberName(op.name)
    files.set(
      `${key}.ts`,
      handler({
        operation: op.name,
        method: op.method,
        path: op.path,
        key,
        handlersType: handlersTypeName(role),
        releaseModule,
        runtimeModule,
        doc: wrap(op.doc),
        request:
          'message' in op.request
            ? op.request.message
            : `one of ${op.request.oneOf.join(', ')} (by ${op.request.discriminator})`,
        response: op.response,
        params: op.pathParams.join(', '),
        todo: todo(op),
      }),
    )
  }
  files.set(
    'index.ts',
    template('handlers-index.ts.hbs')({
      roleTitle: ROLE_NAMES[role].server,
      release: release.release,
      routes: routesName(role),
      handlersType: handlersTypeName(role),
      releaseModule,
      handlers: ops.map((op) => ({ key: memberName(op.name) })),
    }),
  )
  return files
}

function readManifest(dir: string): Record<string, string> {
  const path = join(dir, MANIFEST)
  if (!existsSync(path)) return {}
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { files?: Record<string, string> }
    return parsed.files ?? {}
  } catch {
    return {}
  }
}

/** Writes what is missing or untouched; never overwrites a file whose content is not what scaffold wrote. */
export function scaffold(options: ScaffoldOptions): ScaffoldReport {
  const files = scaffoldFiles(options)
  mkdirSync(options.out, { recursive: true })
  const manifest = readManifest(options.out)
  const report: ScaffoldReport = { files: [] }
  for (const [name, text] of files) {
    const path = join(options.out, name)
    if (!existsSync(path)) {
      writeFileSync(path, text)
      manifest[name] = sha256(text)
      report.files.push({ file: name, outcome: 'created' })
      continue
    }
    const current = readFileSync(path, 'utf8')
    if (current === text) {
      manifest[name] = sha256(text)
      report.files.push({ file: name, outcome: 'unchanged' })
    } else if (manifest[name] === sha256(current)) {
      writeFileSync(path, text)
      manifest[name] = sha256(text)
      report.files.push({ file: name, outcome: 'updated' })
    } else {
      const missing =
        name === 'index.ts'
          ? servedBy(options.release, options.role)
              .map((op) => memberName(op.name))
              .filter((k) => !current.includes(k))
          : []
      report.files.push({
        file: name,
        outcome: 'kept',
        ...(missing.length > 0 ? { note: `add ${missing.join(', ')} to it yourself` } : {}),
      })
    }
  }
  writeFileSync(
    join(options.out, MANIFEST),
    `${JSON.stringify({ note: 'Written by oicp scaffold: hashes of the files as scaffolded, to tell files you changed.', files: manifest }, null, 2)}\n`,
  )
  return report
}
