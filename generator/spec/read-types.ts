// Reads the type definitions of a spec file: objects (and messages), enumerations,
// restricted strings, and the fields of objects.
import { readRule } from '../rules.js'
import type { EnumType, Field, ObjectType, StringType, TypeBase, TypeDef } from './model.js'
import type { YNode } from './yaml-node.js'

const OBJECT_KEYS = ['doc', 'source', 'extends', 'omit', 'fields', 'rules', 'aliases'] as const
const ENUM_KEYS = ['doc', 'source', 'enum', 'solo', 'open', 'maxLength'] as const
const STRING_KEYS = ['doc', 'source', 'string', 'examples'] as const
const FIELD_KEYS = [
  'type',
  'doc',
  'required',
  'requiredWhen',
  'list',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'digits',
  'minimum',
  'only',
  'aliases',
] as const

export function readType(name: string, node: YNode): TypeDef | undefined {
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

export function docOf(what: string, keys: Map<string, YNode>, node: YNode): string {
  const doc = keys.get('doc')?.string(`${what}: doc`)
  if (!keys.has('doc')) node.error(`${what}: missing "doc" (a description is required)`)
  return doc ?? ''
}

/** What every type definition has: its name, doc, source reference and place. */
function typeHead(name: string, what: string, keys: Map<string, YNode>, node: YNode): TypeBase {
  return {
    name,
    doc: docOf(what, keys, node),
    source: keys.get('source')?.string(`${what}: source`),
    place: node.place,
  }
}

export function readObject(name: string, node: YNode, isMessage: boolean, service?: string): ObjectType {
  const what = `${isMessage ? 'message' : 'type'} ${name}`
  const keys = node.fields(what, isMessage ? OBJECT_KEYS : OBJECT_KEYS.filter((k) => k !== 'aliases'))
  const t: ObjectType = {
    kind: 'object',
    ...typeHead(name, what, keys, node),
    fields: [],
    rules: [],
  }
  if (isMessage) t.message = { aliases: keys.get('aliases')?.strings(`${what}: aliases`) ?? [], service }
  const base = keys.get('extends')
  if (base)
    t.extends = {
      type: base.string(`${what}: extends`) ?? '?',
      omit: keys.get('omit')?.strings(`${what}: omit`) ?? [],
      place: base.place,
    }
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

function readEnum(name: string, node: YNode): EnumType {
  const what = `type ${name}`
  const k = node.fields(what, ENUM_KEYS)
  const t: EnumType = {
    kind: 'enum',
    ...typeHead(name, what, k, node),
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
    ...typeHead(name, what, k, node),
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
