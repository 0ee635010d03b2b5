// Reads a release folder (release.yaml and the files it includes) into the spec model.
// Shape problems are collected as diagnostics; lint.ts checks meaning afterwards.
import { describeFsError } from '../fs-errors.js'
import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { Diagnostics, SpecError } from './diagnostics.js'
import { lintRelease } from './lint.js'
import type { ObjectType, Release, Service, TypeDef } from './model.js'
import { readOperation } from './read-operations.js'
import { readObject, readType } from './read-types.js'
import { readYaml, type YNode } from './yaml-node.js'

const FILE_KEYS = ['service', 'version', 'doc', 'source', 'operations', 'messages', 'types'] as const

/** Loads and lints a release; throws SpecError listing every problem. */
export function loadRelease(dir: string, root = process.cwd()): Release {
  const diags = new Diagnostics()
  const release = readRelease(dir, root, diags)
  if (release) {
    resolveExtends(release, diags)
    lintRelease(release, diags)
  }
  if (!diags.empty || !release) throw new SpecError(diags.sorted())
  return release
}

/** Gives every object type that extends another the base's fields (minus `omit`) before its own. */
function resolveExtends(release: Release, diags: Diagnostics): void {
  const done = new Set<string>()
  const resolve = (t: ObjectType, chain: string[]): void => {
    if (!t.extends || done.has(t.name)) return
    done.add(t.name)
    const { type, omit, place } = t.extends
    const base = release.types.get(type)
    if (!base || base.kind !== 'object')
      return diags.add(place, `type ${t.name}: extends "${type}", which is not an object type of the release`)
    if (chain.includes(type))
      return diags.add(place, `type ${t.name}: extends itself through ${[...chain, type].join(' → ')}`)
    resolve(base, [...chain, t.name])
    for (const n of omit)
      if (!base.fields.some((f) => f.name === n))
        diags.add(place, `type ${t.name}: omits "${n}", which ${type} does not have`)
    const own = new Set(t.fields.map((f) => f.name))
    t.fields = [...base.fields.filter((f) => !omit.includes(f.name) && !own.has(f.name)), ...t.fields]
  }
  for (const t of release.types.values()) if (t.kind === 'object') resolve(t, [t.name])
}

function display(root: string, path: string): string {
  return relative(root, path).split('\\').join('/')
}

function readText(file: string, shown: string, diags: Diagnostics): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (e) {
    diags.add({ file: shown, line: 1 }, `cannot read file: ${describeFsError(e)}`)
    return undefined
  }
}

function readRelease(dir: string, root: string, diags: Diagnostics): Release | undefined {
  const manifest = join(resolve(root, dir), 'release.yaml')
  const shown = display(root, manifest)
  const text = readText(manifest, shown, diags)
  const top = text === undefined ? null : readYaml(shown, text, diags)
  if (!top) return undefined
  const keys = top.fields('release.yaml', ['release', 'doc', 'include'])
  const release: Release = {
    release: keys.get('release')?.quoted('release') ?? '?',
    doc: keys.get('doc')?.string('doc') ?? '',
    dir: display(root, resolve(root, dir)),
    files: [shown],
    types: new Map(),
    services: [],
  }
  if (!keys.has('doc')) top.error('release.yaml: missing "doc"')
  const include = keys.get('include')
  if (!include) top.error('release.yaml: missing "include" (the list of spec files)')
  for (const entry of include?.items('include') ?? []) {
    const rel = entry.string('include entry')
    if (rel === undefined) continue
    const path = resolve(dirname(manifest), rel)
    const file = display(root, path)
    if (release.files.includes(file)) {
      entry.error(`"${rel}" is included twice`)
      continue
    }
    release.files.push(file)
    let body: string
    try {
      body = readFileSync(path, 'utf8')
    } catch (e) {
      entry.error(`included file "${rel}" cannot be read: ${describeFsError(e)}`)
      continue
    }
    const node = readYaml(file, body, diags)
    if (node) readSpecFile(node, file, release, diags)
  }
  return release
}

function readSpecFile(node: YNode, file: string, release: Release, diags: Diagnostics): void {
  const keys = node.fields(file, FILE_KEYS)
  let service: Service | undefined
  if (keys.has('service') || keys.has('version') || keys.has('operations')) {
    const name = keys.get('service')?.string('service')
    const version = keys.get('version')?.quoted('version')
    if (!keys.has('service')) node.error('a file with operations needs "service"')
    if (!keys.has('version')) node.error('a file with operations needs "version"')
    const doc = keys.get('doc')?.string('doc')
    if (!keys.has('doc')) node.error(`service ${name ?? '?'}: missing "doc"`)
    service = { name: name ?? '?', version: version ?? '?', doc: doc ?? '', file, operations: [] }
    release.services.push(service)
  }
  const define = (t: TypeDef | undefined) => {
    if (!t) return
    const prev =
      release.types.get(t.name) ??
      [...release.types.values()].find((p) => p.name.toLowerCase() === t.name.toLowerCase())
    if (prev) {
      diags.add(t.place, `duplicate name "${t.name}" (first defined at ${prev.place.file}:${prev.place.line})`)
      return
    }
    release.types.set(t.name, t)
  }
  for (const [name, n] of keys.get('types')?.entries('types') ?? []) define(readType(name, n))
  for (const [name, n] of keys.get('messages')?.entries('messages') ?? [])
    define(readObject(name, n, true, service?.name))
  for (const [name, n] of keys.get('operations')?.entries('operations') ?? []) {
    const op = service && readOperation(name, n, service)
    if (op) service?.operations.push(op)
  }
}
