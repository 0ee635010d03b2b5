// Reads a release folder (release.yaml and the files it includes) into the spec model.
// Shape problems are collected as diagnostics; lint.ts checks meaning afterwards.
import { describeFsError } from '../fs-errors.js'
import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { Diagnostics, SpecError } from './diagnostics.js'
import { lintRelease } from './lint.js'
import {
  PRIMITIVES,
  ROLES,
  type EnumType,
  type Field,
  type ObjectType,
  type Operation,
  type Primitive,
  type QueryParam,
  type Release,
  type RequestShape,
  type Role,
  type Rule,
  type Service,
  type StringType,
  type TypeDef,
} from './model.js'
import { readYaml, type YNode } from './yaml-node.js'

const FILE_KEYS = ['service', 'version', 'doc', 'source', 'operations', 'messages', 'types'] as const
const OBJECT_KEYS = ['doc', 'source', 'extends', 'omit', 'fields', 'rules', 'aliases'] as const
const ENUM_KEYS = ['doc', 'source', 'enum', 'solo', 'open', 'maxLength'] as const
const STRING_KEYS = ['doc', 'source', 'string', 'examples'] as const
const FIELD_KEYS = ['type', 'doc', 'required', 'requiredWhen', 'list', 'minItems', 'maxItems', 'minLength', 'maxLength', 'pattern', 'digits', 'minimum', 'only', 'aliases'] as const
const OPERATION_KEYS = ['doc', 'method', 'path', 'from', 'to', 'forwardedTo', 'implementation', 'request', 'response', 'sequential', 'query'] as const
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const

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
    if (!base || base.kind !== 'object') return diags.add(place, `type ${t.name}: extends "${type}", which is not an object type of the release`)
    if (chain.includes(type)) return diags.add(place, `type ${t.name}: extends itself through ${[...chain, type].join(' → ')}`)
    resolve(base, [...chain, t.name])
    for (const n of omit) if (!base.fields.some((f) => f.name === n)) diags.add(place, `type ${t.name}: omits "${n}", which ${type} does not have`)
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
    const prev = release.types.get(t.name) ?? [...release.types.values()].find((p) => p.name.toLowerCase() === t.name.toLowerCase())
    if (prev) {
      diags.add(t.place, `duplicate name "${t.name}" (first defined at ${prev.place.file}:${prev.place.line})`)
      return
    }
    release.types.set(t.name, t)
  }
  for (const [name, n] of keys.get('types')?.entries('types') ?? []) define(readType(name, n))
  for (const [name, n] of keys.get('messages')?.entries('messages') ?? []) define(readObject(name, n, true, service?.name))
  for (const [name, n] of keys.get('operations')?.entries('operations') ?? []) {
    const op = service && readOperation(name, n, service)
    if (op) service?.operations.push(op)
  }
}

function readType(name: string, node: YNode): TypeDef | undefined {
  if (!node.isMap) {
    node.error(`type ${name} must be a map`)
    return undefined
  }
  const keys = new Set(node.entries(`type ${name}`).map(([k]) => k))
  if (keys.has('fields')) return readObject(name, node, false)
  if (keys.has('enum')) return readEnum(name, node)
  if (keys.has('string')) return readString(name, node)
  node.error(`type ${name}: needs one of "fields" (object), "enum" (enumeration) or "string" (restricted string)`)
  return undefined
}

function docOf(what: string, keys: Map<string, YNode>, node: YNode): string {
  const doc = keys.get('doc')?.string(`${what}: doc`)
  if (!keys.has('doc')) node.error(`${what}: missing "doc" (a description is required)`)
  return doc ?? ''
}

function readObject(name: string, node: YNode, isMessage: boolean, service?: string): ObjectType {
  const what = `${isMessage ? 'message' : 'type'} ${name}`
  const keys = node.fields(what, isMessage ? OBJECT_KEYS : OBJECT_KEYS.filter((k) => k !== 'aliases'))
  const t: ObjectType = {
    kind: 'object',
    name,
    doc: docOf(what, keys, node),
    source: keys.get('source')?.string(`${what}: source`),
    place: node.place,
    fields: [],
    rules: [],
  }
  if (isMessage) t.message = { aliases: keys.get('aliases')?.strings(`${what}: aliases`) ?? [], service }
  const base = keys.get('extends')
  if (base) t.extends = { type: base.string(`${what}: extends`) ?? '?', omit: keys.get('omit')?.strings(`${what}: omit`) ?? [], place: base.place }
  else if (keys.has('omit')) node.error(`${what}: "omit" needs "extends"`)
  const fields = keys.get('fields')
  if (!fields) node.error(`${what}: missing "fields"`)
  for (const [fname, fnode] of fields?.entries(`${what}: fields`) ?? []) {
    const f = readField(`${name}.${fname}`, fname, fnode)
    if (f) t.fields.push(f)
  }
  for (const rnode of keys.get('rules')?.items(`${what}: rules`) ?? []) {
    const r = readRule(what, rnode)
    if (r) t.rules.push(r)
  }
  return t
}

function readField(what: string, name: string, node: YNode): Field | undefined {
  if (!node.isMap) {
    node.error(`field ${what} must be a map`)
    return undefined
  }
  const k = node.fields(`field ${what}`, FIELD_KEYS)
  const type = k.get('type')?.string(`field ${what}: type`)
  if (!k.has('type')) node.error(`field ${what}: missing "type"`)
  const field: Field = {
    name,
    doc: docOf(`field ${what}`, k, node),
    type: type ?? '?',
    required: k.get('required')?.boolean(`field ${what}: required`) ?? false,
    list: k.get('list')?.boolean(`field ${what}: list`) ?? false,
    aliases: k.get('aliases')?.strings(`field ${what}: aliases`) ?? [],
    place: node.place,
  }
  const when = k.get('requiredWhen')
  if (when) {
    field.requiredWhen = {}
    for (const [sib, v] of when.entries(`field ${what}: requiredWhen`)) {
      const value = v.value(`field ${what}: requiredWhen.${sib}`)
      if (value !== undefined) field.requiredWhen[sib] = value
    }
  }
  for (const key of ['minItems', 'maxItems', 'minLength', 'maxLength'] as const) {
    const n = k.get(key)?.count(`field ${what}: ${key}`)
    if (n !== undefined) field[key] = n
  }
  const pattern = k.get('pattern')?.string(`field ${what}: pattern`)
  if (pattern !== undefined) field.pattern = pattern
  const digits = k.get('digits')
  if (digits) {
    const d = digits.fields(`field ${what}: digits`, ['total', 'fraction'])
    field.digits = {}
    const total = d.get('total')?.count(`field ${what}: digits.total`)
    const fraction = d.get('fraction')?.count(`field ${what}: digits.fraction`)
    if (total !== undefined) field.digits.total = total
    if (fraction !== undefined) field.digits.fraction = fraction
  }
  const minimum = k.get('minimum')?.count(`field ${what}: minimum`)
  if (minimum !== undefined) field.minimum = minimum
  const only = k.get('only')
  if (only) field.only = only.strings(`field ${what}: only`)
  return field
}

function readRule(what: string, node: YNode): Rule | undefined {
  if (!node.isMap) {
    node.error(`${what}: a rule must be a map`)
    return undefined
  }
  const k = node.fields(`${what}: rule`, ['exactlyOne', 'atMostOne', 'excludes', 'within', 'require', 'forbid', 'doc'])
  const doc = k.get('doc')?.string(`${what}: rule doc`)
  const base = { place: node.place, ...(doc ? { doc } : {}) }
  const kind = [...k.keys()].find((key) => key !== 'doc' && key !== 'require' && key !== 'forbid')
  switch (kind) {
    case 'exactlyOne':
    case 'atMostOne':
      return { kind, fields: k.get(kind)?.strings(`${what}: ${kind}`) ?? [], ...base }
    case 'excludes': {
      const x = k.get('excludes')?.fields(`${what}: excludes`, ['field', 'fields'])
      return { kind, field: x?.get('field')?.string(`${what}: excludes.field`) ?? '?', fields: x?.get('fields')?.strings(`${what}: excludes.fields`) ?? [], ...base }
    }
    case 'within':
      return {
        kind,
        path: k.get('within')?.strings(`${what}: within`) ?? [],
        require: k.get('require')?.strings(`${what}: require`) ?? [],
        forbid: k.get('forbid')?.strings(`${what}: forbid`) ?? [],
        ...base,
      }
    default:
      node.error(`${what}: a rule needs one of exactlyOne, atMostOne, excludes, within`)
      return undefined
  }
}

function readEnum(name: string, node: YNode): EnumType {
  const what = `type ${name}`
  const k = node.fields(what, ENUM_KEYS)
  const t: EnumType = {
    kind: 'enum',
    name,
    doc: docOf(what, k, node),
    source: k.get('source')?.string(`${what}: source`),
    place: node.place,
    values: [],
    solo: k.get('solo')?.strings(`${what}: solo`) ?? [],
    open: k.get('open')?.boolean(`${what}: open`) ?? false,
  }
  const maxLength = k.get('maxLength')?.count(`${what}: maxLength`)
  if (maxLength !== undefined) t.maxLength = maxLength
  for (const [value, v] of k.get('enum')?.entries(`${what}: enum`) ?? []) {
    const doc = v.string(`${what}: meaning of "${value}"`)
    t.values.push({ value, doc: doc ?? '' })
  }
  return t
}

function readString(name: string, node: YNode): StringType {
  const what = `type ${name}`
  const k = node.fields(what, STRING_KEYS)
  const s = k.get('string')?.fields(`${what}: string`, ['pattern', 'minLength', 'maxLength'])
  const t: StringType = {
    kind: 'string',
    name,
    doc: docOf(what, k, node),
    source: k.get('source')?.string(`${what}: source`),
    place: node.place,
    examples: k.get('examples')?.strings(`${what}: examples`) ?? [],
  }
  const pattern = s?.get('pattern')?.string(`${what}: pattern`)
  if (pattern !== undefined) t.pattern = pattern
  const minLength = s?.get('minLength')?.count(`${what}: minLength`)
  if (minLength !== undefined) t.minLength = minLength
  const maxLength = s?.get('maxLength')?.count(`${what}: maxLength`)
  if (maxLength !== undefined) t.maxLength = maxLength
  return t
}

function oneOf<T extends string>(node: YNode | undefined, what: string, allowed: readonly T[]): T | undefined {
  const v = node?.string(what)
  if (v === undefined) return undefined
  if ((allowed as readonly string[]).includes(v)) return v as T
  node?.error(`${what} must be one of ${allowed.join(', ')} (got "${v}")`)
  return undefined
}

function readOperation(name: string, node: YNode, service: Service): Operation | undefined {
  const what = `operation ${name}`
  const k = node.fields(what, OPERATION_KEYS)
  for (const req of ['method', 'path', 'from', 'to', 'request', 'response'] as const) {
    if (!k.has(req)) node.error(`${what}: missing "${req}"`)
  }
  const path = k.get('path')?.string(`${what}: path`) ?? '/'
  const op: Operation = {
    name,
    doc: docOf(what, k, node),
    service: service.name,
    serviceVersion: service.version,
    method: oneOf(k.get('method'), `${what}: method`, METHODS) ?? 'POST',
    path,
    pathParams: [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? ''),
    from: oneOf<Role>(k.get('from'), `${what}: from`, ROLES) ?? 'hub',
    to: oneOf<Role>(k.get('to'), `${what}: to`, ROLES) ?? 'hub',
    implementation: oneOf(k.get('implementation'), `${what}: implementation`, ['mandatory', 'optional'] as const) ?? 'mandatory',
    request: readRequest(k.get('request'), what),
    response: k.get('response')?.string(`${what}: response`) ?? '?',
    sequential: k.get('sequential')?.boolean(`${what}: sequential`) ?? false,
    query: [],
    place: node.place,
  }
  const forwardedTo = oneOf<Role>(k.get('forwardedTo'), `${what}: forwardedTo`, ROLES)
  if (forwardedTo) op.forwardedTo = forwardedTo
  for (const [qname, q] of k.get('query')?.entries(`${what}: query`) ?? []) {
    const qk = q.fields(`${what}: query ${qname}`, ['type', 'doc'])
    const param: QueryParam = {
      name: qname,
      type: oneOf<Primitive>(qk.get('type'), `${what}: query ${qname}: type`, PRIMITIVES) ?? 'string',
      doc: docOf(`${what}: query ${qname}`, qk, q),
    }
    op.query.push(param)
  }
  return op
}

function readRequest(node: YNode | undefined, what: string): RequestShape {
  if (!node) return { message: '?' }
  if (!node.isMap) return { message: node.string(`${what}: request`) ?? '?' }
  const k = node.fields(`${what}: request`, ['oneOf', 'discriminator'])
  return {
    oneOf: k.get('oneOf')?.strings(`${what}: request.oneOf`) ?? [],
    discriminator: k.get('discriminator')?.string(`${what}: request.discriminator`) ?? '?',
  }
}
