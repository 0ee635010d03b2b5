// JSON Schema 2020-12 of the spec model's types, as OpenAPI 3.1 components: every type and
// message one schema, fields referring to them by $ref. The schemas say what the
// validators check in exact mode (unknown members pass); what JSON Schema cannot say is
// listed in x-oicp-rules (see openapi-rules.ts).
import type { Schema } from '../json.js'
import { ruleDoc, ruleSchema } from '../rules.js'
import type { Field, ObjectType, Release, TypeDef } from '../spec/model.js'
import { rulesNotExpressed } from './openapi-rules.js'

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })

/**
 * RFC 3339 date-time with a mandatory UTC offset, as the validators check it. `format`
 * alone does not say that the offset is required (and is only an annotation to many
 * validators), so the pattern says it; `format` adds the calendar check (no 30 February).
 */
const DATE_TIME_PATTERN =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$'

/** Keys whose value is undefined are left out, so the document has no holes. */
function defined(entries: Schema): Schema {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined))
}

/**
 * Number bounds from the field's digits and minimum. A total of digits bounds the
 * integer part exactly (Decimal (4,1): below 1000 either way); the fraction digits cannot
 * be said reliably (multipleOf on binary floats rejects 0.3 as a multiple of 0.1), so
 * they are a listed rule.
 */
function numberBounds(f: Field): Schema {
  const { total, fraction } = f.digits ?? {}
  if (total === undefined) return defined({ minimum: f.minimum })
  const limit = 10 ** (total - (fraction ?? 0))
  if (f.type === 'integer') {
    const lowest = -(limit - 1)
    return { minimum: f.minimum !== undefined && f.minimum > lowest ? f.minimum : lowest, maximum: limit - 1 }
  }
  return f.minimum !== undefined && f.minimum > -limit
    ? { minimum: f.minimum, exclusiveMaximum: limit }
    : { exclusiveMinimum: -limit, exclusiveMaximum: limit }
}

/** One value of a field (one entry of a list field). */
function valueSchema(f: Field, release: Release): Schema {
  switch (f.type) {
    case 'string':
      return defined({ type: 'string', minLength: f.minLength, maxLength: f.maxLength, pattern: f.pattern })
    case 'boolean':
      return { type: 'boolean' }
    case 'integer':
      return { type: 'integer', ...numberBounds(f) }
    case 'decimal':
      return { type: 'number', ...numberBounds(f) }
    case 'dateTime':
      return { type: 'string', format: 'date-time', pattern: DATE_TIME_PATTERN }
  }
  const target = release.types.get(f.type)
  if (!target) throw new Error(`generator: ${f.place.file}:${f.place.line}: no type ${f.type}`)
  // Constraints stay out of a $ref's siblings: tools that resolve a $ref by replacing the
  // object holding it (as OpenAPI 3.0 did) would drop them. `only` is a subset of the
  // enumeration, so it stands alone; a field's own bounds apply on top of its type's.
  if (f.only) return { type: 'string', ...(f.only.length === 1 ? { const: f.only[0] } : { enum: f.only }) }
  const own = defined({ minLength: f.minLength, maxLength: f.maxLength, pattern: f.pattern })
  return Object.keys(own).length > 0 ? { allOf: [ref(f.type)], ...own } : ref(f.type)
}

/** Values of an enumeration that must stand alone in a list: a list holding one has one entry. */
function soloRules(f: Field, release: Release): Schema[] {
  const target = release.types.get(f.type)
  if (target?.kind !== 'enum') return []
  return target.solo.map((value) => ({ if: { contains: { const: value } }, then: { maxItems: 1 } }))
}

function fieldSchema(f: Field, release: Release): Schema {
  const aliases = f.aliases.length > 0 ? ` Receivers may also accept it as ${f.aliases.join(', ')}.` : ''
  const description = `${f.doc}${aliases}`
  if (!f.list) return { ...valueSchema(f, release), description }
  const solo = soloRules(f, release)
  return defined({
    type: 'array',
    description,
    items: valueSchema(f, release),
    minItems: f.minItems || undefined,
    maxItems: f.maxItems,
    ...(solo.length === 1 ? solo[0] : {}),
    allOf: solo.length > 1 ? solo : undefined,
  })
}

function requiredWhenSchema(f: Field): Schema {
  const when = Object.entries(f.requiredWhen ?? {})
  return {
    if: { properties: Object.fromEntries(when.map(([k, v]) => [k, { const: v }])), required: when.map(([k]) => k) },
    then: { required: [f.name] },
  }
}

function objectSchema(t: ObjectType, release: Release): Schema {
  // The rules' JSON Schema and sentences come from their kinds (generator/rules.ts).
  const conditions = [...t.fields.filter((f) => f.requiredWhen).map(requiredWhenSchema), ...t.rules.map(ruleSchema)]
  const required = t.fields.filter((f) => f.required).map((f) => f.name)
  const rules = rulesNotExpressed(t, release)
  return defined({
    type: 'object',
    description: [t.doc, ...t.rules.map(ruleDoc)].join('\n\n'),
    required: required.length > 0 ? required : undefined,
    properties: Object.fromEntries(t.fields.map((f) => [f.name, fieldSchema(f, release)])),
    // Under allOf, so that no condition's keywords (a rule's `properties`) replace the object's own.
    allOf: conditions.length > 0 ? conditions : undefined,
    'x-oicp-rules': rules.length > 0 ? rules : undefined,
  })
}

/** The schema of one type or message. */
export function typeSchema(t: TypeDef, release: Release): Schema {
  switch (t.kind) {
    case 'string':
      return defined({
        type: 'string',
        description: t.doc,
        minLength: t.minLength,
        maxLength: t.maxLength,
        pattern: t.pattern,
        examples: t.examples.length > 0 ? t.examples : undefined,
      })
    case 'enum': {
      const values = t.values.map((v) => v.value)
      const description = [t.doc, t.values.map((v) => `- \`${v.value}\`: ${v.doc}`).join('\n')].join('\n\n')
      if (!t.open) return { type: 'string', description, enum: values }
      const more = `Other values are allowed too${t.maxLength !== undefined ? ` (up to ${t.maxLength} characters)` : ''}.`
      return defined({
        type: 'string',
        description: `${description}\n\n${more}`,
        anyOf: t.maxLength !== undefined ? [{ enum: values }, { maxLength: t.maxLength }] : undefined,
        examples: values,
      })
    }
    case 'object':
      return objectSchema(t, release)
  }
}

/** The names of the types a type refers to, directly (a field restricted by `only` does not). */
export function typesUsed(t: TypeDef, release: Release): string[] {
  return t.kind === 'object'
    ? t.fields
        .filter((f) => !f.only)
        .map((f) => f.type)
        .filter((n) => release.types.has(n))
    : []
}
