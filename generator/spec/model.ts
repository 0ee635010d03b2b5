// The spec model: plain typed objects, one Release per spec folder.
// Everything the generator emits is derived from these types alone.
import type { Rule } from '../rules.js'

/** Where a definition stands in the spec, for messages as `file:line`. */
export interface Place {
  file: string
  line: number
}

export type Primitive = 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime'
export const PRIMITIVES: readonly Primitive[] = ['string', 'boolean', 'integer', 'decimal', 'dateTime']

export interface Digits {
  total?: number
  fraction?: number
}

export interface Field {
  name: string
  doc: string
  /** A primitive or the name of a type in the release. */
  type: string
  required: boolean
  /** Mandatory only when each named sibling field has the given value. */
  requiredWhen?: Record<string, string | number | boolean>
  list: boolean
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  digits?: Digits
  /** Smallest value of a number field (physical quantities and counts are never negative). */
  minimum?: number
  /** Allowed subset of an enumeration type's values. */
  only?: string[]
  /** Other wire spellings accepted when receiving. */
  aliases: string[]
  place: Place
}

/** A cross-field rule of an object type; its kinds are defined in generator/rules.ts. */
export type { Rule }

export interface TypeBase {
  name: string
  doc: string
  source?: string
  place: Place
}

export interface ObjectType extends TypeBase {
  kind: 'object'
  /** Every field, inherited ones (from `extends`) first. */
  fields: Field[]
  /** The type whose fields this one starts from, and the ones it leaves out. */
  extends?: { type: string; omit: string[]; place: Place }
  rules: Rule[]
  /** Set for messages: the other names this message is known by. */
  message?: { aliases: string[]; service?: string }
}

export interface EnumValue {
  value: string
  doc: string
}

export interface EnumType extends TypeBase {
  kind: 'enum'
  values: EnumValue[]
  /** Values that must stand alone in a list. */
  solo: string[]
  /** Other values are valid too (up to maxLength). */
  open: boolean
  maxLength?: number
}

export interface StringType extends TypeBase {
  kind: 'string'
  pattern?: string
  minLength?: number
  maxLength?: number
  examples: string[]
}

export type TypeDef = ObjectType | EnumType | StringType

export type Role = 'cpo' | 'emp' | 'hub'
export const ROLES: readonly Role[] = ['cpo', 'emp', 'hub']

export interface QueryParam {
  name: string
  type: Primitive
  doc: string
}

export type RequestShape = { message: string } | { oneOf: string[]; discriminator: string }

export interface Operation {
  name: string
  doc: string
  service: string
  serviceVersion: string
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  pathParams: string[]
  from: Role
  to: Role
  forwardedTo?: Role
  implementation: 'mandatory' | 'optional'
  request: RequestShape
  response: string
  sequential: boolean
  query: QueryParam[]
  place: Place
}

export interface Service {
  name: string
  version: string
  doc: string
  file: string
  operations: Operation[]
}

export interface Release {
  release: string
  doc: string
  dir: string
  /** Every file the release is made of, relative to the project root. */
  files: string[]
  types: Map<string, TypeDef>
  services: Service[]
}

export function isMessage(t: TypeDef): t is ObjectType & { message: NonNullable<ObjectType['message']> } {
  return t.kind === 'object' && t.message !== undefined
}
