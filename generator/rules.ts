// The spec's rule kinds, one entry each: how a rule is read from YAML, what the linter checks,
// the code the generated validators run (the fast test and the full check), and the sentence
// that documents it. A new kind is an entry here and its run-time check in
// runtime/validation/rules.ts.
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

interface RuleKind<R extends Rule> {
  /** Keys of the rule's map besides its kind and `doc`. */
  keys?: readonly string[]
  read(keys: ReadonlyMap<string, YNode>, what: string): Omit<R, 'kind' | 'doc' | 'place'>
  /** The owner's fields the rule names (the linter checks that they exist). */
  names(rule: R): string[]
  /** Other problems, each a message to follow the owner's name. */
  lint?(rule: R, owner: ObjectType, release: Release): string[]
  /** When the fast test fails: a condition on the checked object. */
  fails(rule: R, code: RuleCode): string
  /** The full check: a statement that records what the rule finds. */
  check(rule: R, code: RuleCode): string
  /** The rule in a sentence, for doc comments. */
  doc(rule: R): string
}

const list = (names: readonly string[]) => `[${names.map((n) => JSON.stringify(n)).join(', ')}]`
const readNames = (keys: ReadonlyMap<string, YNode>, key: string, what: string) =>
  keys.get(key)?.strings(`${what}: ${key}`) ?? []
const present = (code: RuleCode, name: string) => `(${code.member(name)} !== undefined ? 1 : 0)`

function atLeastTwo(rule: ExactlyOneRule | AtMostOneRule): string[] {
  return rule.fields.length < 2 ? [`rule ${rule.kind} needs at least two fields`] : []
}

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
  },
  atMostOne: {
    read: (keys, what) => ({ fields: readNames(keys, 'atMostOne', what) }),
    names: (r) => r.fields,
    lint: atLeastTwo,
    fails: (r, code) => `${r.fields.map((n) => present(code, n)).join(' + ')} > 1`,
    check: (r, code) => code.check('atMostOne', list(r.fields)),
    doc: (r) => `At most one of ${r.fields.join(', ')} may be present.`,
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
