// The spec's rule kinds, one entry each: how a rule is read from YAML, what the linter checks,
// the code the generated validators run (the fast test and the full check), the sentence that
// documents it, its JSON Schema, how samples keep it and how test vectors break it. A new kind
// is an entry here and its run-time check in runtime/validation/rules.ts.
import type { Case, Edit, Json, JsonObject, Schema } from './json.js'
import type { Diagnostics } from './spec/diagnostics.js'
import type { ObjectType, Place, Release, TypeDef } from './spec/model.js'
import type { YNode } from './spec/yaml-node.js'

interface RuleBase {
  doc?: string
  place: Place
}
export interface ExactlyOneRule extends RuleBase {
  kind: 'exactlyOne'
  fields: string[]
}
export interface AtMostOneRule extends RuleBase {
  kind: 'atMostOne'
  fields: string[]
}
export interface ExcludesRule extends RuleBase {
  kind: 'excludes'
  field: string
  fields: string[]
}
export interface WithinRule extends RuleBase {
  kind: 'within'
  path: string[]
  require: string[]
  forbid: string[]
}
export type Rule = ExactlyOneRule | AtMostOneRule | ExcludesRule | WithinRule

/** The run-time functions rule checks call (runtime/validation/rules.ts). */
export type RuleFunction = 'exactlyOne' | 'atMostOne' | 'excludes' | 'within' | 'withinHolds'

/** What the code of a rule is written with; the validators emitter supplies it. */
export interface RuleCode {
  /** The checked object's member `name`, as an expression. */
  member(name: string): string
  /** The full check: a call of `fn` with the checked object, its path, the context, then `args`. */
  check(fn: RuleFunction, ...args: string[]): string
  /** The fast test: a call of `fn` with the checked object, then `args`. */
  test(fn: RuleFunction, ...args: string[]): string
}

/** What a rule asks of an object nested in its owner: fields that must and must not be there. */
export interface Demand {
  /** The fields leading from the owner to the object. */
  path: string[]
  /** Fields that must be there. */
  require: string[]
  /** Fields that must not be there. */
  forbid: string[]
}

/** What rules of enclosing objects require and forbid in the object being sampled. */
export interface Demanded {
  /** Fields the sample must hold. */
  require: ReadonlySet<string>
  /** Fields the sample must leave out. */
  forbid: ReadonlySet<string>
}

/** An object type nested in a sample: its pointer, and its value when the sample has one there. */
export interface Nested {
  /** The type the path leads to. */
  type: ObjectType
  /** The JSON pointer of the object in the sample. */
  pointer: string
  /** The object, when the sample has one there (a choice may have taken another option). */
  here?: JsonObject
}

/** An object of a message's sample in which the vectors break rules; vectors.ts supplies it. */
export interface RuleSite {
  /** The object's type, whose rules are broken. */
  type: ObjectType
  /** The object's JSON pointer in the sample. */
  pointer: string
  /** The object as sampled. */
  here: JsonObject
  /** Fields a rule of the message forbids in the object: they cannot be the fault of another rule. */
  forbidden: readonly string[]
  /** A valid value of one of the type's fields. */
  value(name: string): Json
  /** The object a path of fields leads to, when the path leads to an object type. */
  at(path: string[]): Nested | undefined
  /** Whether a rule of the type forbids field `name` in the object at `path`. */
  forbids(path: string[], name: string): boolean
  /**
   * The edits that add field `name` to the object at `path`, taking out what its rules do not
   * allow beside it; undefined when that would take out a required field or one of `keep`.
   */
  adding(path: string[], name: string, keep?: readonly string[]): Edit[] | undefined
}

interface RuleKind<R extends Rule> {
  /** Keys of the rule's map besides its kind and `doc`. */
  keys?: readonly string[]
  /** The rule's members, from its map's keys (`what` names the owner in messages). */
  read(keys: ReadonlyMap<string, YNode>, what: string): Omit<R, 'kind' | 'doc' | 'place'>
  /** The owner's fields the rule names (the linter checks that they exist). */
  names(rule: R): string[]
  /** Other problems, each a message to follow the owner's name. */
  lint?(rule: R, owner: ObjectType, release: Release): string[]
  /** When the fast test fails: a condition on the checked object. */
  fails(rule: R, code: RuleCode): string
  /** The full check: a statement that records what the rule finds. */
  check(rule: R, code: RuleCode): string
  /** The rule in a sentence, for doc comments and the OpenAPI descriptions. */
  doc(rule: R): string
  /** The rule in JSON Schema, for the OpenAPI documents. */
  schema(rule: R): Schema
  /** What the rule asks of an object nested in its owner; samples.ts and vectors.ts apply it there. */
  demand?(rule: R): Demand
  /** The owner's fields a complete sample leaves out to keep the rule, given what is demanded of it. */
  skips?(rule: R, demanded: Demanded): string[]
  /** The fields that must go when field `name` is added to an object that keeps the rule. */
  conflicts?(rule: R, name: string): string[]
  /** Each way to break the rule once in the sample at `site`, with the error it must give. */
  breaks(rule: R, site: RuleSite): Case[]
}

const list = (names: readonly string[]) => `[${names.map((n) => JSON.stringify(n)).join(', ')}]`
const readNames = (keys: ReadonlyMap<string, YNode>, key: string, what: string) =>
  keys.get(key)?.strings(`${what}: ${key}`) ?? []
const present = (code: RuleCode, name: string) => `(${code.member(name)} !== undefined ? 1 : 0)`

const has = (name: string): Schema => ({ required: [name] })
const noneOf = (names: string[]): Schema =>
  names.length === 1 ? { not: has(names[0]!) } : { not: { anyOf: names.map(has) } }

type Group = ExactlyOneRule | AtMostOneRule

function atLeastTwo(rule: Group): string[] {
  return rule.fields.length < 2 ? [`rule ${rule.kind} needs at least two fields`] : []
}

/** A group's fields but the one a sample keeps: the first allowed, preferring a required one. */
function allButOne(rule: Group, demanded: Demanded): string[] {
  const allowed = rule.fields.filter((n) => !demanded.forbid.has(n))
  const keep = allowed.find((n) => demanded.require.has(n)) ?? allowed[0]
  return rule.fields.filter((n) => n !== keep)
}

const othersOf = (rule: Group, name: string) =>
  rule.fields.includes(name) ? rule.fields.filter((o) => o !== name) : []

/** The object type a path of fields leads to from `owner`, or why there is none. */
function resolvePath(owner: ObjectType, path: string[], release: Release): ObjectType | string {
  let current: ObjectType = owner
  for (const step of path) {
    const field = current.fields.find((f) => f.name === step)
    const next: TypeDef | undefined = field && release.types.get(field.type)
    if (!field || next?.kind !== 'object') return `"${step}" is not an object field of ${current.name}`
    current = next
  }
  return current
}

/** A `within` rule's required field `name` missing from the object it is about (`also` sets that up). */
function missingIn(r: WithinRule, inner: Nested, name: string, also: Edit[] = []): Case {
  const what = `${name} missing in ${r.path.join('.')}`
  return {
    what,
    pointer: `${inner.pointer}/${name}`,
    value: undefined,
    also,
    keyword: 'required',
    owner: inner.type.name,
    field: name,
  }
}

/**
 * A `within` rule's required fields where the sample chose another option of a choice than
 * the object the rule is about: that option is swapped in (when the owner allows it there).
 */
function requireByChoice(r: WithinRule, site: RuleSite, inner: Nested): Case[] {
  const parentPath = r.path.slice(0, -1)
  const last = r.path[r.path.length - 1]!
  const edits = site.forbids(parentPath, last) ? undefined : site.adding(parentPath, last)
  const swapped = edits?.[0]?.value
  if (!edits || swapped === null || typeof swapped !== 'object' || Array.isArray(swapped)) return []
  return r.require.filter((name) => name in swapped).map((name) => missingIn(r, inner, name, edits))
}

const KINDS: { [K in Rule['kind']]: RuleKind<Extract<Rule, { kind: K }>> } = {
  exactlyOne: {
    read: (keys, what) => ({ fields: readNames(keys, 'exactlyOne', what) }),
    names: (r) => r.fields,
    lint: (r, owner) => [
      ...atLeastTwo(r),
      ...r.fields
        .filter((n) => owner.fields.find((f) => f.name === n)?.required)
        .map((n) => `field "${n}" of an exactlyOne choice cannot be required`),
    ],
    fails: (r, code) => `${r.fields.map((n) => present(code, n)).join(' + ')} !== 1`,
    check: (r, code) => code.check('exactlyOne', list(r.fields)),
    doc: (r) => `Exactly one of ${r.fields.join(', ')} must be present.`,
    // The branches exclude each other, so exactly one can match.
    schema: (r) => ({ oneOf: r.fields.map((n) => ({ ...has(n), ...noneOf(r.fields.filter((o) => o !== n)) })) }),
    skips: allButOne,
    conflicts: othersOf,
    breaks: (r, site) => {
      const present = r.fields.find((n) => n in site.here)
      // An option the message forbids here would give its own error as well.
      const extra = r.fields.find((n) => n !== present && !site.forbidden.includes(n))
      if (present === undefined || extra === undefined) return []
      return [
        {
          what: `choice ${present} plus ${extra}`,
          pointer: `${site.pointer}/${extra}`,
          value: site.value(extra),
          keyword: 'exactlyOne',
          path: site.pointer,
        },
        {
          what: `choice without ${present}`,
          pointer: `${site.pointer}/${present}`,
          value: undefined,
          keyword: 'exactlyOne',
          path: site.pointer,
        },
      ]
    },
  },
  atMostOne: {
    read: (keys, what) => ({ fields: readNames(keys, 'atMostOne', what) }),
    names: (r) => r.fields,
    lint: atLeastTwo,
    fails: (r, code) => `${r.fields.map((n) => present(code, n)).join(' + ')} > 1`,
    check: (r, code) => code.check('atMostOne', list(r.fields)),
    doc: (r) => `At most one of ${r.fields.join(', ')} may be present.`,
    schema: (r) => {
      const pairs = r.fields.flatMap((a, i) => r.fields.slice(i + 1).map((b) => ({ required: [a, b] })))
      return { not: pairs.length === 1 ? pairs[0] : { anyOf: pairs } }
    },
    skips: allButOne,
    conflicts: othersOf,
    breaks: (r, site) => {
      const present = r.fields.filter((n) => n in site.here)
      const extra = r.fields.find((n) => !(n in site.here) && !site.forbidden.includes(n))
      if (present.length !== 1 || extra === undefined) return []
      return [
        {
          what: `${present[0]} together with ${extra}`,
          pointer: `${site.pointer}/${extra}`,
          value: site.value(extra),
          keyword: 'atMostOne',
          path: site.pointer,
          owner: site.type.name,
          field: extra,
        },
      ]
    },
  },
  excludes: {
    read: (keys, what) => {
      const map = keys.get('excludes')?.fields(`${what}: excludes`, ['field', 'fields'])
      return {
        field: map?.get('field')?.string(`${what}: excludes.field`) ?? '?',
        fields: map?.get('fields')?.strings(`${what}: excludes.fields`) ?? [],
      }
    },
    names: (r) => [r.field, ...r.fields],
    fails: (r, code) =>
      `${code.member(r.field)} !== undefined && (${r.fields.map((n) => `${code.member(n)} !== undefined`).join(' || ')})`,
    check: (r, code) => code.check('excludes', JSON.stringify(r.field), list(r.fields)),
    doc: (r) => `${r.field} cannot be combined with ${r.fields.join(', ')}.`,
    schema: (r) => ({ if: has(r.field), then: noneOf(r.fields) }),
    // The one field goes rather than the several it excludes, so that the sample covers more.
    skips: (r) => [r.field],
    conflicts: (r, name) => (name === r.field ? r.fields : r.fields.includes(name) ? [r.field] : []),
    breaks: (r, site) => {
      const present = r.fields.filter((n) => n in site.here)
      if (present.length === 0 || r.field in site.here) return []
      // One excluded field stays, so that the error is one.
      return [
        {
          what: `${r.field} together with ${present[0]}`,
          pointer: `${site.pointer}/${r.field}`,
          value: site.value(r.field),
          also: present.slice(1).map((n) => ({ pointer: `${site.pointer}/${n}`, value: undefined })),
          keyword: 'excludes',
          path: `${site.pointer}/${present[0]}`,
          owner: site.type.name,
          field: r.field,
        },
      ]
    },
  },
  within: {
    keys: ['require', 'forbid'],
    read: (keys, what) => ({
      path: readNames(keys, 'within', what),
      require: readNames(keys, 'require', what),
      forbid: readNames(keys, 'forbid', what),
    }),
    // Its fields are those of the nested object, checked by lint.
    names: () => [],
    lint: (r, owner, release) => {
      const target = resolvePath(owner, r.path, release)
      if (typeof target === 'string') return [`rule within: ${target}`]
      return [...r.require, ...r.forbid]
        .filter((n) => !target.fields.some((f) => f.name === n))
        .map((n) => `rule within names unknown field "${n}" of ${target.name}`)
    },
    fails: (r, code) => `!${code.test('withinHolds', list(r.path), list(r.require), list(r.forbid))}`,
    check: (r, code) => code.check('within', list(r.path), list(r.require), list(r.forbid)),
    doc: (r) =>
      `In ${r.path.join('.')}: ${[...r.require.map((x) => `${x} is required`), ...r.forbid.map((x) => `${x} must be absent`)].join(', ')}.`,
    schema: (r) => {
      const inner: Schema = {
        ...(r.require.length > 0 ? { required: r.require } : {}),
        ...(r.forbid.length > 0 ? noneOf(r.forbid) : {}),
      }
      return r.path.reduceRight<Schema>((schema, step) => ({ properties: { [step]: schema } }), inner)
    },
    demand: (r) => ({ path: r.path, require: r.require, forbid: r.forbid }),
    breaks: (r, site) => {
      const inner = site.at(r.path)
      if (!inner?.here) return inner ? requireByChoice(r, site, inner) : []
      const here = inner.here
      // A forbidden field takes the place of what its object's rules do not allow beside it.
      const sent = r.forbid
        .filter((name) => !(name in here))
        .flatMap((name) => {
          const [first, ...also] = site.adding(r.path, name, r.require) ?? []
          const what = `${name} sent in ${r.path.join('.')}`
          return first ? [{ what, ...first, also, keyword: 'forbidden', owner: inner.type.name, field: name }] : []
        })
      return [...r.require.filter((name) => name in here).map((name) => missingIn(r, inner, name)), ...sent]
    },
  },
}

const KIND_NAMES = Object.keys(KINDS) as Array<Rule['kind']>
const isKind = (key: string): key is Rule['kind'] => (KIND_NAMES as string[]).includes(key)
/** Every key a rule's map may have. */
const RULE_KEYS = [...KIND_NAMES, ...KIND_NAMES.flatMap((k) => KINDS[k].keys ?? []), 'doc']

/** The entry of a rule's kind, typed for that rule (the table's type says they match). */
function kindOf<R extends Rule>(rule: R): RuleKind<R> {
  return KINDS[rule.kind] as unknown as RuleKind<R>
}

/** Reads one entry of an object's `rules`; problems are reported on the node. */
export function readRule(what: string, node: YNode): Rule | undefined {
  if (!node.isMap) {
    node.error(`${what}: a rule must be a map`)
    return undefined
  }
  const keys = node.fields(`${what}: rule`, RULE_KEYS)
  const doc = keys.get('doc')?.string(`${what}: rule doc`)
  const kind = [...keys.keys()].find(isKind)
  if (!kind) {
    node.error(`${what}: a rule needs one of ${KIND_NAMES.join(', ')}`)
    return undefined
  }
  return { kind, ...KINDS[kind].read(keys, what), place: node.place, ...(doc ? { doc } : {}) } as Rule
}

/** Checks the meaning of a rule of `owner` (`what` names the owner in messages). */
export function lintRule(rule: Rule, owner: ObjectType, release: Release, what: string, diags: Diagnostics): void {
  const kind = kindOf(rule)
  for (const n of kind.names(rule))
    if (!owner.fields.some((f) => f.name === n))
      diags.add(rule.place, `${what}: rule ${rule.kind} names unknown field "${n}"`)
  for (const message of kind.lint?.(rule, owner, release) ?? []) diags.add(rule.place, `${what}: ${message}`)
}

/** The condition under which the fast test of a rule fails. */
export function ruleFails(rule: Rule, code: RuleCode): string {
  return kindOf(rule).fails(rule, code)
}

/** The full check of a rule, a statement. */
export function ruleCheck(rule: Rule, code: RuleCode): string {
  return kindOf(rule).check(rule, code)
}

/** The rule in a sentence. */
export function ruleDoc(rule: Rule): string {
  return kindOf(rule).doc(rule)
}

/** The rule in JSON Schema. */
export function ruleSchema(rule: Rule): Schema {
  return kindOf(rule).schema(rule)
}

/** What the rule asks of an object nested in its owner, if anything. */
export function ruleDemand(rule: Rule): Demand | undefined {
  return kindOf(rule).demand?.(rule)
}

/** The fields of its owner that a complete sample leaves out to keep the rule. */
export function ruleSkips(rule: Rule, demanded: Demanded): string[] {
  return kindOf(rule).skips?.(rule, demanded) ?? []
}

/** The fields that must go when field `name` is added to an object that keeps the rule. */
export function ruleConflicts(rule: Rule, name: string): string[] {
  return kindOf(rule).conflicts?.(rule, name) ?? []
}

/** The single faults that break the rule in a sample. */
export function ruleBreaks(rule: Rule, site: RuleSite): Case[] {
  return kindOf(rule).breaks(rule, site)
}
