// The checks of an object type's fields, in the two forms validators take: the full check,
// which records every issue in `ctx`, and the fast test, which only answers "valid?". Both
// are written from one description of what a value of the field must satisfy.
//
// Names in the generated code: `value` is the checked object, `path` where it is, `ctx` the
// Ctx, `mode` the fast test's mode flags, `member` the field's value, `item` a list entry.
import type { CodeBlockWriter } from 'ts-morph'
import type { Field } from '../spec/model.js'
import { ident } from '../naming.js'
import { lit } from './common.js'
import { prop, type ValidatorsModule } from './validators-module.js'

export const chars = (n: number) => `${n} character${n === 1 ? '' : 's'}`

/**
 * A pattern as a literal. The spec's patterns are linted with the u flag; they are
 * emitted without it where that cannot change their meaning (no astral characters, no
 * \\u{...} or \\p{...} escapes), since V8 runs non-unicode expressions faster.
 */
export function regex(pattern: string): string {
  const unicode = /\\[up]\{|[\u{10000}-\u{10FFFF}]|\[\^|(^|[^\\])(\\\\)*\./u.test(pattern)
  return `/${pattern.replace(/\//g, '\\/')}/${unicode ? 'u' : ''}`
}

/**
 * What a value `x` of field `f` must satisfy: a nested object type, or a list of
 * (failure condition, fault) tests in order, after a leaf type's own check.
 */
type ValueTests = { object: string } | { leaf?: string; tests: Array<[string, string]> }

function valueTests(f: Field, x: string, owner: string, mod: ValidatorsModule): ValueTests {
  const target = mod.release.types.get(f.type)
  if (target?.kind === 'object') return { object: f.type }
  const tests: Array<[string, string]> = []
  switch (f.type) {
    case 'string':
      tests.push([`typeof ${x} !== 'string'`, mod.fault('NOT_STRING', 'type', 'must be a string')])
      break
    case 'boolean':
      tests.push([`typeof ${x} !== 'boolean'`, mod.fault('NOT_BOOLEAN', 'type', 'must be true or false')])
      break
    case 'integer':
      tests.push([
        `typeof ${x} !== 'number' || !Number.isInteger(${x})`,
        mod.fault('NOT_INTEGER', 'type', 'must be a whole number'),
      ])
      break
    case 'decimal':
      tests.push([
        `typeof ${x} !== 'number' || !Number.isFinite(${x})`,
        mod.fault('NOT_NUMBER', 'type', 'must be a number'),
      ])
      break
    case 'dateTime':
      tests.push([
        `!${mod.runtime('isDateTime')}(${x})`,
        mod.fault('NOT_DATE_TIME', 'format', 'must be a date-time with a UTC offset, e.g. 2024-05-01T14:30:00+02:00'),
      ])
      break
  }
  // The field's own constraints, after the type's (a leaf type has made x a string by then).
  const str = target ? `(${x} as string)` : x
  const num = `(${x} as number)`
  const named = `${ident(owner)}_${ident(f.name)}`
  if (f.minLength !== undefined)
    tests.push([
      `${str}.length < ${f.minLength}`,
      mod.fault(`MIN_LENGTH_${f.minLength}`, 'minLength', `must be at least ${chars(f.minLength)}`),
    ])
  if (f.maxLength !== undefined)
    tests.push([
      `${str}.length > ${f.maxLength}`,
      mod.fault(`MAX_LENGTH_${f.maxLength}`, 'maxLength', `must be at most ${chars(f.maxLength)}`),
    ])
  if (f.pattern !== undefined)
    tests.push([
      `!${mod.constant(`${named}_PATTERN`, regex(f.pattern))}.test(${str})`,
      mod.fault(`PATTERN_${named}`, 'pattern', `must match ${f.pattern}`),
    ])
  if (f.digits) {
    const { total, fraction } = f.digits
    const msg =
      fraction !== undefined && total !== undefined
        ? `${total - fraction} digits before and ${fraction} after the point`
        : fraction !== undefined
          ? `${fraction} digits after the point`
          : `${total} digits`
    tests.push([
      `!${mod.runtime('fitsDigits')}(${num}, ${total}, ${fraction})`,
      mod.fault(`DIGITS_${total ?? 'N'}_${fraction ?? 'N'}`, 'digits', `must have at most ${msg}`),
    ])
  }
  if (f.minimum !== undefined)
    tests.push([`${num} < ${f.minimum}`, mod.fault(`MINIMUM_${f.minimum}`, 'minimum', `must be at least ${f.minimum}`)])
  if (f.only) {
    const cond = f.only.map((v) => `${x} !== ${lit(v)}`).join(' && ')
    tests.push([
      cond,
      mod.fault(`ONLY_${named}`, 'const', `must be ${f.only.map((v) => `"${v}"`).join(' or ')} in ${owner}`),
    ])
  }
  return target ? { leaf: f.type, tests } : { tests }
}

/** The full checks of one value `x`, located at (`path`, `key`). */
function emitValueCheck(
  w: CodeBlockWriter,
  f: Field,
  x: string,
  path: string,
  key: string,
  owner: string,
  mod: ValidatorsModule,
): void {
  const t = valueTests(f, x, owner, mod)
  if ('object' in t) {
    w.writeLine(`${mod.validator('validate', t.object)}(${x}, { up: ${path}, key: ${key} }, ctx)`)
    return
  }
  const tests = [...t.tests]
  if (t.leaf) {
    w.writeLine(`failure = ${mod.validator('check', t.leaf)}(${x})`)
    tests.unshift(['failure !== undefined', 'failure'])
  }
  tests.forEach(([cond, fault], i) =>
    w.write(`${i > 0 ? ' else ' : ''}if (${cond}) ctx.fail(${path}, ${key}, ${fault}, ${x});`),
  )
  w.newLine()
}

/** When one value `x` fails the fast test. */
function fastCondition(f: Field, x: string, owner: string, mod: ValidatorsModule): string {
  const t = valueTests(f, x, owner, mod)
  if ('object' in t) return `!${mod.validator('is', t.object)}(${x}, mode)`
  const leaf = t.leaf ? [`${mod.validator('check', t.leaf)}(${x}) !== undefined`] : []
  return [...leaf, ...t.tests.map(([cond]) => cond)].map((c) => `(${c})`).join(' || ')
}

const aliasesOf = (f: Field, owner: string, mod: ValidatorsModule) =>
  mod.constant(`${ident(owner)}_${ident(f.name)}_ALIASES`, `[${f.aliases.map(lit).join(', ')}] as const`)

function soloValues(f: Field, mod: ValidatorsModule): string[] {
  const target = mod.release.types.get(f.type)
  return target?.kind === 'enum' ? target.solo : []
}

/** The full checks of `fields` of an object `value` (of type `owner`), with the locals they use. */
export function emitFieldChecks(w: CodeBlockWriter, fields: Field[], owner: string, mod: ValidatorsModule): void {
  if (fields.length === 0) return
  w.writeLine('const lenient = ctx.lenient')
  if (fields.some((f) => !f.required)) w.writeLine('const removing = ctx.removeInvalid')
  w.writeLine('let member: unknown')
  const usesLeaf = fields.some((f) => {
    const target = mod.release.types.get(f.type)
    return target !== undefined && target.kind !== 'object'
  })
  if (usesLeaf) w.writeLine(`let failure: ${mod.runtimeType('Fault')} | undefined`)
  for (const f of fields) emitFieldCheck(w, f, owner, mod)
}

function emitFieldCheck(w: CodeBlockWriter, f: Field, owner: string, mod: ValidatorsModule): void {
  const key = lit(f.name)
  w.writeLine(`member = ${prop('value', f.name)}`)
  if (f.aliases.length > 0)
    w.writeLine(
      `if (member === undefined && lenient) member = ctx.alias(value, path, ${key}, ${aliasesOf(f, owner, mod)})`,
    )
  // A null stands for an absent field when lenient: an optional one is removed from the
  // value (handlers never see it), a required one is missing.
  if (f.required)
    w.write(`if (member === undefined || (member === null && lenient)) ctx.required(path, ${key})`)
      .newLine()
      .write('else ')
  else
    w.write(`if (member === null && lenient) ctx.removeNull(value, ${key})`)
      .newLine()
      .write('else if (member !== undefined) ')
  w.inlineBlock(() => {
    // Lenient: an optional member that turns out invalid is removed, not failed (see Ctx.leave).
    if (!f.required) w.writeLine('if (removing) ctx.enter()')
    emitMemberCheck(w, f, key, owner, mod)
    if (!f.required) w.writeLine(`if (removing) ctx.leave(value, ${key}, path)`)
  })
  w.newLine()
}

/** The full checks of a present field's value: one value, or a list and each of its entries. */
function emitMemberCheck(w: CodeBlockWriter, f: Field, key: string, owner: string, mod: ValidatorsModule): void {
  if (!f.list) return emitValueCheck(w, f, 'member', 'path', key, owner, mod)
  w.write(
    `if (!Array.isArray(member)) ctx.fail(path, ${key}, ${mod.fault('NOT_LIST', 'type', 'must be a list')}, member)`,
  ).newLine()
  w.write('else ').inlineBlock(() => {
    w.writeLine(`const listPath: ${mod.runtimeType('Path')} = { up: path, key: ${key} }`)
    if (f.minItems)
      w.writeLine(
        `if (member.length < ${f.minItems}) ctx.fail(listPath, undefined, ${minItemsFault(f.minItems, mod)}, member)`,
      )
    if (f.maxItems !== undefined)
      w.writeLine(
        `if (member.length > ${f.maxItems}) ctx.fail(listPath, undefined, ${maxItemsFault(f.maxItems, mod)}, member)`,
      )
    w.write('for (let i = 0; i < member.length; i++) ').inlineBlock(() => {
      w.writeLine('const item: unknown = member[i]')
      emitValueCheck(w, { ...f, list: false }, 'item', 'listPath', 'i', owner, mod)
    })
    for (const s of soloValues(f, mod)) w.writeLine(`ctx.solo(member, listPath, ${lit(s)})`)
  })
  w.newLine()
}

const minItemsFault = (n: number, mod: ValidatorsModule) =>
  mod.fault(`MIN_ITEMS_${n}`, 'minItems', `must have at least ${n} ${n === 1 ? 'entry' : 'entries'}`)
const maxItemsFault = (n: number, mod: ValidatorsModule) =>
  mod.fault(`MAX_ITEMS_${n}`, 'maxItems', `must have at most ${n} entries`)

/** The fast tests of `fields` of an object `value` (of type `owner`): each returns false on a failure. */
export function emitFastFieldChecks(w: CodeBlockWriter, fields: Field[], owner: string, mod: ValidatorsModule): void {
  if (fields.length === 0) return
  w.writeLine('let member: unknown')
  for (const f of fields) emitFastFieldCheck(w, f, owner, mod)
}

function emitFastFieldCheck(w: CodeBlockWriter, f: Field, owner: string, mod: ValidatorsModule): void {
  w.writeLine(`member = ${prop('value', f.name)}`)
  if (f.aliases.length > 0)
    w.writeLine(
      `if (member === undefined && (mode & ${mod.runtime('LENIENT')}) !== 0 && ${mod.runtime('hasAny')}(value, ${aliasesOf(f, owner, mod)})) return false`,
    )
  if (f.required) w.writeLine('if (member === undefined) return false')
  if (!f.list) {
    w.writeLine(
      `if (${f.required ? '' : 'member !== undefined && '}(${fastCondition(f, 'member', owner, mod)})) return false`,
    )
    return
  }
  const list = () => {
    const bounds = [
      '!Array.isArray(member)',
      ...(f.minItems ? [`member.length < ${f.minItems}`] : []),
      ...(f.maxItems !== undefined ? [`member.length > ${f.maxItems}`] : []),
    ]
    w.writeLine(`if (${bounds.join(' || ')}) return false`)
    w.write('for (let i = 0; i < member.length; i++) ').inlineBlock(() => {
      w.writeLine('const item: unknown = member[i]')
      w.writeLine(`if (${fastCondition({ ...f, list: false }, 'item', owner, mod)}) return false`)
    })
    for (const s of soloValues(f, mod)) w.writeLine(`if (member.length > 1 && member.includes(${lit(s)})) return false`)
  }
  if (f.required) list()
  else w.write('if (member !== undefined) ').inlineBlock(list)
}
