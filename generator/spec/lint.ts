// Checks the meaning of a loaded release: references, names, regular expressions, rules.
import type { Diagnostics } from './diagnostics.js'
import { lintRule } from '../rules.js'
import { PRIMITIVES, isMessage, type Field, type ObjectType, type Release } from './model.js'

export function lintRelease(release: Release, diags: Diagnostics): void {
  for (const t of release.types.values()) {
    if (t.kind === 'object') lintObject(t, release, diags)
    else if (t.kind === 'enum') {
      if (t.values.length === 0) diags.add(t.place, `type ${t.name}: enumeration has no values`)
      for (const v of t.values) if (!v.doc) diags.add(t.place, `type ${t.name}: value "${v.value}" needs a meaning`)
      for (const s of t.solo)
        if (!t.values.some((v) => v.value === s))
          diags.add(t.place, `type ${t.name}: solo value "${s}" is not one of its values`)
      if (t.maxLength !== undefined && !t.open)
        diags.add(t.place, `type ${t.name}: maxLength applies only to an open enumeration`)
    } else {
      const re = t.pattern === undefined ? undefined : compilePattern(t.pattern, `type ${t.name}`, t.place, diags)
      if (t.pattern === undefined && t.maxLength === undefined)
        diags.add(t.place, `type ${t.name}: a restricted string needs a pattern or a maxLength`)
      if (t.pattern !== undefined && t.examples.length === 0)
        diags.add(t.place, `type ${t.name}: give at least one example that matches the pattern`)
      for (const ex of t.examples) {
        if (re && !re.test(ex)) diags.add(t.place, `type ${t.name}: example "${ex}" does not match its pattern`)
        if (t.maxLength !== undefined && ex.length > t.maxLength)
          diags.add(t.place, `type ${t.name}: example "${ex}" is longer than ${t.maxLength}`)
      }
    }
  }
  lintMessageNames(release, diags)
  lintOperations(release, diags)
}

/** Compiles a spec pattern the way validators will: with the `u` flag, anchored. */
export function compilePattern(
  pattern: string,
  what: string,
  place: { file: string; line: number },
  diags: Diagnostics,
): RegExp | undefined {
  let re: RegExp
  try {
    re = new RegExp(pattern, 'u')
  } catch (e) {
    diags.add(
      place,
      `${what}: invalid regular expression /${pattern}/u: ${(e as Error).message.replace(/^Invalid regular expression: .*: /, '')}`,
    )
    return undefined
  }
  if (!pattern.startsWith('^') || !pattern.endsWith('$'))
    diags.add(place, `${what}: pattern /${pattern}/ must be anchored with ^ and $`)
  return re
}

function lintObject(t: ObjectType, release: Release, diags: Diagnostics): void {
  const what = `${t.message ? 'message' : 'type'} ${t.name}`
  const names = new Set<string>()
  for (const f of t.fields) {
    for (const n of [f.name, ...f.aliases]) {
      if (names.has(n)) diags.add(f.place, `${what}: field or alias "${n}" appears twice`)
      names.add(n)
    }
    lintField(f, `${what}: field ${f.name}`, release, t, diags)
  }
  for (const r of t.rules) lintRule(r, t, release, what, diags)
}

function lintField(f: Field, what: string, release: Release, owner: ObjectType, diags: Diagnostics): void {
  const primitive = (PRIMITIVES as readonly string[]).includes(f.type) ? f.type : undefined
  const target = primitive ? undefined : release.types.get(f.type)
  if (!primitive && !target) {
    diags.add(f.place, `${what}: unknown type "${f.type}"`)
    return
  }
  const isString = primitive === 'string'
  if (
    (f.minLength !== undefined || f.maxLength !== undefined) &&
    !isString &&
    target?.kind !== 'string' &&
    !(target?.kind === 'enum' && target.open)
  )
    diags.add(f.place, `${what}: minLength/maxLength apply to strings, not to ${f.type}`)
  if (f.pattern !== undefined) {
    if (!isString) diags.add(f.place, `${what}: pattern applies to a plain string field, not to ${f.type}`)
    compilePattern(f.pattern, what, f.place, diags)
  }
  if (f.digits && primitive !== 'integer' && primitive !== 'decimal')
    diags.add(f.place, `${what}: digits apply to integer or decimal, not to ${f.type}`)
  if (f.digits && primitive === 'integer' && f.digits.fraction)
    diags.add(f.place, `${what}: an integer has no fraction digits`)
  if (f.minimum !== undefined && primitive !== 'integer' && primitive !== 'decimal')
    diags.add(f.place, `${what}: minimum applies to integer or decimal, not to ${f.type}`)
  if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength)
    diags.add(f.place, `${what}: minLength is above maxLength`)
  if ((f.minItems !== undefined || f.maxItems !== undefined) && !f.list)
    diags.add(f.place, `${what}: minItems/maxItems need list: true`)
  if (f.only) {
    if (target?.kind !== 'enum') diags.add(f.place, `${what}: "only" applies to enumeration types`)
    else
      for (const v of f.only)
        if (!target.values.some((x) => x.value === v))
          diags.add(f.place, `${what}: "only" value "${v}" is not a value of ${target.name}`)
  }
  if (f.requiredWhen) {
    if (f.required) diags.add(f.place, `${what}: required and requiredWhen cannot be combined`)
    for (const sib of Object.keys(f.requiredWhen))
      if (!owner.fields.some((x) => x.name === sib))
        diags.add(f.place, `${what}: requiredWhen names unknown field "${sib}"`)
  }
}

function lintMessageNames(release: Release, diags: Diagnostics): void {
  const seen = new Map<string, string>()
  for (const t of release.types.values()) {
    const names = isMessage(t) ? [t.name, ...t.message.aliases] : [t.name]
    for (const n of names) {
      const key = n.toLowerCase()
      const prev = seen.get(key)
      if (prev !== undefined && prev !== t.name)
        diags.add(t.place, `name "${n}" of ${t.name} clashes with ${prev} (names match case-insensitively)`)
      seen.set(key, t.name)
    }
  }
}

function lintOperations(release: Release, diags: Diagnostics): void {
  const names = new Map<string, string>()
  const routes = new Map<string, string>()
  for (const s of release.services) {
    if (s.operations.length === 0) diags.add({ file: s.file, line: 1 }, `service ${s.name}: no operations`)
    for (const op of s.operations) {
      const what = `operation ${op.name}`
      const prevName = names.get(op.name)
      if (prevName) diags.add(op.place, `${what}: defined twice (also in ${prevName})`)
      names.set(op.name, s.file)
      const route = `${op.method} ${op.path.replace(/\{[^}]*\}/g, '{}')}`
      const prevRoute = routes.get(route)
      if (prevRoute) diags.add(op.place, `${what}: ${op.method} ${op.path} is also the path of ${prevRoute}`)
      routes.set(route, op.name)
      if (!op.path.startsWith('/')) diags.add(op.place, `${what}: path must start with /`)
      for (const p of op.pathParams)
        if (!release.types.has(p)) diags.add(op.place, `${what}: path parameter {${p}} is not a type name`)
      if (op.from === op.to) diags.add(op.place, `${what}: from and to are both ${op.from}`)
      const requests = 'message' in op.request ? [op.request.message] : op.request.oneOf
      for (const m of [...requests, op.response]) {
        const t = release.types.get(m)
        if (!t || !isMessage(t)) diags.add(op.place, `${what}: unknown message "${m}"`)
      }
      if ('oneOf' in op.request) {
        const disc = op.request.discriminator
        for (const m of op.request.oneOf) {
          const t = release.types.get(m)
          const f = t?.kind === 'object' ? t.fields.find((x) => x.name === disc) : undefined
          if (t && (!f || !f.required || !f.only || f.only.length !== 1))
            diags.add(
              op.place,
              `${what}: message ${m} needs a required field "${disc}" with exactly one "only" value to be told apart`,
            )
        }
      }
    }
  }
}
