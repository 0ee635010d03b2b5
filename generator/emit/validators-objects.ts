// The validators of object types: the fast test `isX(value, mode)` and the full check
// `validateX(value, path, ctx)`; their field checks are written by validators-fields.ts.
//
// A type that others extend (`extends`) checks the fields its extenders keep in functions
// of their own, which the base and each extender call, so the checks are written once.
import type { CodeBlockWriter } from 'ts-morph'
import type { SpecModule } from '../modules.js'
import { ruleCheck, ruleFails } from '../rules.js'
import type { Field, ObjectType } from '../spec/model.js'
import { ident, upperFirst } from '../naming.js'
import { lit } from './common.js'
import { emitFastFieldChecks, emitFieldChecks } from './validators-fields.js'
import { prop, type ValidatorsModule } from './validators-module.js'

/** The fields of a base type checked by shared functions, and the types extending it in its file. */
export interface SharedFields {
  base: ObjectType
  fields: Field[]
  extenders: ObjectType[]
}

/**
 * The shared fields of each base type of a module: those every extender in the same spec file
 * keeps as they are (not omitted, not replaced by a field of its own). Extenders in other files
 * are left out, so that a module's code depends on its own file alone. A field limited by
 * `only` is left out too: its message names the type it is checked in.
 */
export function sharedFieldsOf(module: SpecModule): Map<string, SharedFields> {
  const shared = new Map<string, SharedFields>()
  const objects = module.types.filter((t): t is ObjectType => t.kind === 'object')
  for (const base of objects) {
    const extenders = objects.filter((t) => t.extends?.type === base.name)
    const fields = base.fields.filter((f) => f.only === undefined && extenders.every((e) => e.fields.includes(f)))
    if (extenders.length > 0 && fields.length > 0) shared.set(base.name, { base, fields, extenders })
  }
  return shared
}

export const sharedFastName = (base: string) => `hasValid${upperFirst(base)}SharedFields`
export const sharedCheckName = (base: string) => `validate${upperFirst(base)}SharedFields`

/** How a type's fields are checked: first by the shared functions of a base (its own or the one it extends), then one by one. */
export interface FieldPlan {
  shared?: SharedFields
  fields: Field[]
}

/**
 * A base reports the issues of its shared fields before those of the fields it checks itself.
 * A type that is a base and extends one uses its own shared functions, which then repeat the
 * checks of its base's (the spec has no such chain).
 */
export function planOf(t: ObjectType, shared: Map<string, SharedFields>): FieldPlan {
  const own = shared.get(t.name)
  const inherited = t.extends && shared.get(t.extends.type)
  const via = own ?? (inherited && inherited.fields.every((f) => t.fields.includes(f)) ? inherited : undefined)
  return via ? { shared: via, fields: t.fields.filter((f) => !via.fields.includes(f)) } : { fields: t.fields }
}

const knownFields = (t: ObjectType, mod: ValidatorsModule) =>
  mod.constant(`${ident(t.name)}_FIELDS`, `new Set<string>([${t.fields.map((f) => lit(f.name)).join(', ')}])`)

function requiredWhenCondition(f: Field): string {
  return Object.entries(f.requiredWhen ?? {})
    .map(([sibling, expected]) => `${prop('value', sibling)} === ${JSON.stringify(expected)}`)
    .join(' && ')
}

/** The body of the fast test: true when `value` is valid with nothing to report; no allocation. */
export function emitFastObject(w: CodeBlockWriter, t: ObjectType, plan: FieldPlan, mod: ValidatorsModule): void {
  w.writeLine(`if (!${mod.runtime('isObject')}(value)) return false`)
  if (plan.shared) w.writeLine(`if (!${sharedFastName(plan.shared.base.name)}(value, mode)) return false`)
  emitFastFieldChecks(w, plan.fields, t.name, mod)
  for (const f of t.fields)
    if (f.requiredWhen)
      w.writeLine(`if (${requiredWhenCondition(f)} && ${prop('value', f.name)} === undefined) return false`)
  const code = mod.ruleCode()
  for (const r of t.rules) w.writeLine(`if (${ruleFails(r, code)}) return false`)
  w.writeLine(
    `return (mode & ${mod.runtime('STRICT')}) === 0 || ${mod.runtime('onlyKnownKeys')}(value, ${knownFields(t, mod)})`,
  )
}

/** The body of the full check: records every issue of `value` in `ctx`. */
export function emitCheckObject(w: CodeBlockWriter, t: ObjectType, plan: FieldPlan, mod: ValidatorsModule): void {
  w.writeLine(
    `if (!${mod.runtime('isObject')}(value)) return ctx.fail(path, undefined, ${mod.fault('NOT_OBJECT', 'type', 'must be an object')}, value)`,
  )
  if (plan.shared) w.writeLine(`${sharedCheckName(plan.shared.base.name)}(value, path, ctx)`)
  emitFieldChecks(w, plan.fields, t.name, mod)
  for (const f of t.fields) {
    if (!f.requiredWhen) continue
    const when = Object.entries(f.requiredWhen).map(([sibling, expected]) => `${sibling} is ${String(expected)}`)
    const fault = mod.fault(
      `REQUIRED_WHEN_${ident(t.name)}_${ident(f.name)}`,
      'required',
      `is required when ${when.join(' and ')}`,
    )
    w.writeLine(
      `if (${requiredWhenCondition(f)} && ctx.missing(value, ${lit(f.name)})) ctx.fail(path, ${lit(f.name)}, ${fault}, undefined)`,
    )
  }
  const code = mod.ruleCode()
  for (const r of t.rules) w.writeLine(ruleCheck(r, code))
  w.writeLine(`if (ctx.strict || ctx.dropUnknown) ctx.unknownKeys(value, path, ${knownFields(t, mod)})`)
}

/** The body of a base's shared fast test. */
export function emitSharedFast(w: CodeBlockWriter, s: SharedFields, mod: ValidatorsModule): void {
  emitFastFieldChecks(w, s.fields, s.base.name, mod)
  w.writeLine('return true')
}

/** The body of a base's shared full check. */
export function emitSharedCheck(w: CodeBlockWriter, s: SharedFields, mod: ValidatorsModule): void {
  emitFieldChecks(w, s.fields, s.base.name, mod)
}
