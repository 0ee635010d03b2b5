// Emits validators.ts: straight-line check code for every type, written ahead of time so
// nothing is compiled at run time. Leaf types (restricted strings, enumerations) get a
// `checkX(value)` that returns a Fault or undefined; object types and messages get a
// `validateX(value, path, ctx)` that records every issue with its JSON pointer.
import {
  CodeBlockWriter,
  StructureKind,
  VariableDeclarationKind,
  type FunctionDeclarationStructure,
  type SourceFile,
  type StatementStructures,
  type VariableStatementStructure,
} from 'ts-morph'
import type { Field, ObjectType, Release, TypeDef } from '../spec/model.js'
import type { SpecModule } from '../modules.js'
import { ident, lit, upperFirst } from './common.js'

/** Module-level constants (faults, patterns, value sets), named once and deduplicated. */
class Constants {
  private readonly byName = new Map<string, string>()
  use(name: string, init: string): string {
    const prev = this.byName.get(name)
    if (prev !== undefined && prev !== init) throw new Error(`generator: constant ${name} defined twice differently`)
    this.byName.set(name, init)
    return name
  }
  fault(name: string, keyword: string, message: string): string {
    return this.use(name, `fault(${lit(keyword)}, ${lit(message)})`)
  }
  entries(): Array<[string, string]> {
    return [...this.byName.entries()]
  }
}

const chars = (n: number) => `${n} character${n === 1 ? '' : 's'}`
/** Property access that reads like hand-written code where the name allows it. */
const prop = (obj: string, name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${obj}.${name}` : `${obj}[${lit(name)}]`)

const checkName = (t: string) => `check${upperFirst(t)}`
const validateName = (t: string) => `validate${upperFirst(t)}`
const isName = (t: string) => `is${upperFirst(t)}`

/**
 * A pattern as a literal. The spec's patterns are linted with the u flag; they are
 * emitted without it where that cannot change their meaning (no astral characters, no
 * \\u{...} or \\p{...} escapes), since V8 runs non-unicode expressions faster.
 */
function regex(pattern: string): string {
  const unicode = /\\[up]\{|[\u{10000}-\u{10FFFF}]|\[\^|(^|[^\\])(\\\\)*\./u.test(pattern)
  return `/${pattern.replace(/\//g, '\\/')}/${unicode ? 'u' : ''}`
}

function emitLeaf(w: CodeBlockWriter, t: TypeDef, k: Constants): void {
  const notString = k.fault('NOT_STRING', 'type', 'must be a string')
  w.writeLine(`if (typeof x !== 'string') return ${notString}`)
  if (t.kind === 'enum') {
    const values = k.use(`${t.name}_VALUES`, `new Set<string>([${t.values.map((v) => lit(v.value)).join(', ')}])`)
    if (t.open) {
      if (t.maxLength !== undefined) w.writeLine(`if (x.length > ${t.maxLength} && !${values}.has(x)) return ${k.fault(`MAX_LENGTH_${t.maxLength}`, 'maxLength', `must be at most ${chars(t.maxLength)}`)}`)
    } else {
      const shown = t.values.length <= 12 ? `: ${t.values.map((v) => `"${v.value}"`).join(', ')}` : ` (${t.values.length} values)`
      w.writeLine(`if (!${values}.has(x)) return ${k.fault(`ENUM_${t.name}`, 'enum', `must be one of the ${t.name} values${shown}`)}`)
    }
  } else if (t.kind === 'string') {
    if (t.minLength !== undefined) w.writeLine(`if (x.length < ${t.minLength}) return ${k.fault(`MIN_LENGTH_${t.minLength}`, 'minLength', `must be at least ${chars(t.minLength)}`)}`)
    if (t.maxLength !== undefined) w.writeLine(`if (x.length > ${t.maxLength}) return ${k.fault(`MAX_LENGTH_${t.maxLength}`, 'maxLength', `must be at most ${chars(t.maxLength)}`)}`)
    if (t.pattern !== undefined) {
      const re = k.use(`${t.name}_PATTERN`, regex(t.pattern))
      w.writeLine(`if (!${re}.test(x)) return ${k.fault(`PATTERN_${t.name}`, 'pattern', `must be a valid ${t.name} (${t.pattern})`)}`)
    }
  }
  w.writeLine('return undefined')
}

/**
 * What a value `x` of field `f` must satisfy: a nested object type, or a list of
 * (failure condition, fault) tests in order, the first of a leaf type being its own check.
 * Both the error-collecting and the fast boolean validators are written from this.
 */
type ValueTests = { object: string } | { leaf?: string; tests: Array<[string, string]> }

function valueTests(f: Field, x: string, owner: string, release: Release, k: Constants): ValueTests {
  const target = release.types.get(f.type)
  if (target?.kind === 'object') return { object: f.type }
  const tests: Array<[string, string]> = []
  switch (f.type) {
    case 'string':
      tests.push([`typeof ${x} !== 'string'`, k.fault('NOT_STRING', 'type', 'must be a string')])
      break
    case 'boolean':
      tests.push([`typeof ${x} !== 'boolean'`, k.fault('NOT_BOOLEAN', 'type', 'must be true or false')])
      break
    case 'integer':
      tests.push([`typeof ${x} !== 'number' || !Number.isInteger(${x})`, k.fault('NOT_INTEGER', 'type', 'must be a whole number')])
      break
    case 'decimal':
      tests.push([`typeof ${x} !== 'number' || !Number.isFinite(${x})`, k.fault('NOT_NUMBER', 'type', 'must be a number')])
      break
    case 'dateTime':
      tests.push([`!isDateTime(${x})`, k.fault('NOT_DATE_TIME', 'format', 'must be a date-time with a UTC offset, e.g. 2024-05-01T14:30:00+02:00')])
      break
  }
  // The field's own constraints, after the type's (a leaf type has made x a string by then).
  const str = target ? `(${x} as string)` : x
  const num = `(${x} as number)`
  if (f.minLength !== undefined) tests.push([`${str}.length < ${f.minLength}`, k.fault(`MIN_LENGTH_${f.minLength}`, 'minLength', `must be at least ${chars(f.minLength)}`)])
  if (f.maxLength !== undefined) tests.push([`${str}.length > ${f.maxLength}`, k.fault(`MAX_LENGTH_${f.maxLength}`, 'maxLength', `must be at most ${chars(f.maxLength)}`)])
  if (f.pattern !== undefined) {
    const re = k.use(`${ident(owner)}_${ident(f.name)}_PATTERN`, regex(f.pattern))
    tests.push([`!${re}.test(${str})`, k.fault(`PATTERN_${ident(owner)}_${ident(f.name)}`, 'pattern', `must match ${f.pattern}`)])
  }
  if (f.digits) {
    const { total, fraction } = f.digits
    const msg = fraction !== undefined && total !== undefined ? `${total - fraction} digits before and ${fraction} after the point` : fraction !== undefined ? `${fraction} digits after the point` : `${total} digits`
    tests.push([`!fitsDigits(${num}, ${total}, ${fraction})`, k.fault(`DIGITS_${total ?? 'N'}_${fraction ?? 'N'}`, 'digits', `must have at most ${msg}`)])
  }
  if (f.minimum !== undefined) tests.push([`${num} < ${f.minimum}`, k.fault(`MINIMUM_${f.minimum}`, 'minimum', `must be at least ${f.minimum}`)])
  if (f.only) {
    const cond = f.only.map((v) => `${x} !== ${lit(v)}`).join(' && ')
    tests.push([cond, k.fault(`ONLY_${ident(owner)}_${ident(f.name)}`, 'const', `must be ${f.only.map((v) => `"${v}"`).join(' or ')} in ${owner}`)])
  }
  return target ? { leaf: checkName(f.type), tests } : { tests }
}

/** Error-collecting checks of one value `x`, located at (`path`, `key`). */
function emitValueCheck(w: CodeBlockWriter, f: Field, x: string, path: string, key: string, owner: string, release: Release, k: Constants): void {
  const t = valueTests(f, x, owner, release, k)
  if ('object' in t) {
    w.writeLine(`${validateName(t.object)}(${x}, { up: ${path}, key: ${key} }, c)`)
    return
  }
  const fail = (fault: string) => `c.fail(${path}, ${key}, ${fault}, ${x})`
  const tests = [...t.tests]
  if (t.leaf) {
    w.writeLine(`f = ${t.leaf}(${x})`)
    tests.unshift(['f !== undefined', 'f'])
  }
  tests.forEach(([cond, fault], i) => w.write(`${i > 0 ? ' else ' : ''}if (${cond}) ${fail(fault)};`))
  w.newLine()
}

/** The failure condition of one value `x` for the fast validators. */
function fastCondition(f: Field, x: string, owner: string, release: Release, k: Constants): string {
  const t = valueTests(f, x, owner, release, k)
  if ('object' in t) return `!${isName(t.object)}(${x}, m)`
  return [...(t.leaf ? [`${t.leaf}(${x}) !== undefined`] : []), ...t.tests.map(([cond]) => cond)].map((c) => `(${c})`).join(' || ')
}

function emitField(w: CodeBlockWriter, f: Field, owner: string, release: Release, k: Constants): void {
  const key = lit(f.name)
  w.writeLine(`x = ${prop('v', f.name)}`)
  if (f.aliases.length > 0) w.writeLine(`if (x === undefined && lenient) x = c.alias(v, p, ${key}, ${aliasesOf(f, owner, k)})`)
  // A null stands for an absent field when lenient: an optional one is removed from the
  // value (handlers never see it), a required one is missing.
  if (f.required) w.write(`if (x === undefined || (x === null && lenient)) c.required(p, ${key})`).newLine().write('else ')
  else w.write(`if (x === null && lenient) c.removeNull(v, ${key})`).newLine().write('else if (x !== undefined) ')
  w.inlineBlock(() => {
    // Lenient: an optional member that turns out invalid is removed, not failed (see Ctx.leave).
    if (!f.required) w.writeLine('if (removing) c.enter()')
    emitFieldValue(w, f, key, owner, release, k)
    if (!f.required) w.writeLine(`if (removing) c.leave(v, ${key}, p)`)
  })
  w.newLine()
}

/** The checks of a present field's value: one value, or a list and each of its entries. */
function emitFieldValue(w: CodeBlockWriter, f: Field, key: string, owner: string, release: Release, k: Constants): void {
  if (!f.list) return emitValueCheck(w, f, 'x', 'p', key, owner, release, k)
  w.write(`if (!Array.isArray(x)) c.fail(p, ${key}, ${k.fault('NOT_LIST', 'type', 'must be a list')}, x)`).newLine()
  w.write('else ').inlineBlock(() => {
    w.writeLine(`const lp: Path = { up: p, key: ${key} }`)
    if (f.minItems) w.writeLine(`if (x.length < ${f.minItems}) c.fail(lp, undefined, ${minItems(f, k)}, x)`)
    if (f.maxItems !== undefined) w.writeLine(`if (x.length > ${f.maxItems}) c.fail(lp, undefined, ${maxItems(f, k)}, x)`)
    w.write('for (let i = 0; i < x.length; i++) ').inlineBlock(() => {
      w.writeLine('const y: unknown = x[i]')
      emitValueCheck(w, { ...f, list: false }, 'y', 'lp', 'i', owner, release, k)
    })
    for (const s of soloValues(f, release)) w.writeLine(`c.solo(x, lp, ${lit(s)})`)
  })
  w.newLine()
}

function emitFastField(w: CodeBlockWriter, f: Field, owner: string, release: Release, k: Constants): void {
  w.writeLine(`x = ${prop('v', f.name)}`)
  if (f.aliases.length > 0) w.writeLine(`if (x === undefined && (m & LENIENT) !== 0 && hasAny(v, ${aliasesOf(f, owner, k)})) return false`)
  if (f.required) w.writeLine('if (x === undefined) return false')
  const guard = f.required ? '' : 'x !== undefined && '
  if (!f.list) {
    w.writeLine(`if (${guard}(${fastCondition(f, 'x', owner, release, k)})) return false`)
    return
  }
  const list = () => {
    const bounds = [`!Array.isArray(x)`, ...(f.minItems ? [`x.length < ${f.minItems}`] : []), ...(f.maxItems !== undefined ? [`x.length > ${f.maxItems}`] : [])]
    w.writeLine(`if (${bounds.join(' || ')}) return false`)
    w.write('for (let i = 0; i < x.length; i++) ').inlineBlock(() => {
      w.writeLine('const y: unknown = x[i]')
      w.writeLine(`if (${fastCondition({ ...f, list: false }, 'y', owner, release, k)}) return false`)
    })
    for (const s of soloValues(f, release)) w.writeLine(`if (x.length > 1 && x.includes(${lit(s)})) return false`)
  }
  if (f.required) list()
  else w.write('if (x !== undefined) ').inlineBlock(list)
}

const aliasesOf = (f: Field, owner: string, k: Constants) => k.use(`${ident(owner)}_${ident(f.name)}_ALIASES`, `[${f.aliases.map(lit).join(', ')}] as const`)
const minItems = (f: Field, k: Constants) => k.fault(`MIN_ITEMS_${f.minItems}`, 'minItems', `must have at least ${f.minItems} ${f.minItems === 1 ? 'entry' : 'entries'}`)
const maxItems = (f: Field, k: Constants) => k.fault(`MAX_ITEMS_${f.maxItems}`, 'maxItems', `must have at most ${f.maxItems} entries`)
function soloValues(f: Field, release: Release): string[] {
  const target = release.types.get(f.type)
  return target?.kind === 'enum' ? target.solo : []
}
function requiredWhenCondition(f: Field): string {
  return Object.entries(f.requiredWhen ?? {})
    .map(([sib, val]) => `${prop('v', sib)} === ${JSON.stringify(val)}`)
    .join(' && ')
}

function emitObject(w: CodeBlockWriter, t: ObjectType, release: Release, k: Constants): void {
  w.writeLine(`if (!isObject(v)) return c.fail(p, undefined, ${k.fault('NOT_OBJECT', 'type', 'must be an object')}, v)`)
  w.writeLine('const lenient = c.lenient')
  if (t.fields.some((f) => !f.required)) w.writeLine('const removing = c.removeInvalid')
  w.writeLine('let x: unknown')
  const usesLeaf = t.fields.some((f) => {
    const target = release.types.get(f.type)
    return target !== undefined && target.kind !== 'object'
  })
  if (usesLeaf) w.writeLine('let f: Fault | undefined')
  for (const f of t.fields) emitField(w, f, t.name, release, k)
  for (const f of t.fields) {
    if (!f.requiredWhen) continue
    const fault = k.fault(`REQUIRED_WHEN_${ident(t.name)}_${ident(f.name)}`, 'required', `is required when ${Object.entries(f.requiredWhen).map(([s, v]) => `${s} is ${String(v)}`).join(' and ')}`)
    w.writeLine(`if (${requiredWhenCondition(f)} && c.missing(v, ${lit(f.name)})) c.fail(p, ${lit(f.name)}, ${fault}, undefined)`)
  }
  for (const r of t.rules) {
    if (r.kind === 'exactlyOne' || r.kind === 'atMostOne') w.writeLine(`c.${r.kind}(v, p, [${r.fields.map(lit).join(', ')}])`)
    else if (r.kind === 'excludes') w.writeLine(`c.excludes(v, p, ${lit(r.field)}, [${r.fields.map(lit).join(', ')}])`)
    else w.writeLine(`c.within(v, p, [${r.path.map(lit).join(', ')}], [${r.require.map(lit).join(', ')}], [${r.forbid.map(lit).join(', ')}])`)
  }
  w.writeLine(`if (c.strict || c.dropUnknown) c.unknownKeys(v, p, ${knownFields(t, k)})`)
}

const knownFields = (t: ObjectType, k: Constants) => k.use(`${ident(t.name)}_FIELDS`, `new Set<string>([${t.fields.map((f) => lit(f.name)).join(', ')}])`)

/** The fast validator: true when `v` is valid with nothing to report; no allocation. */
function emitFastObject(w: CodeBlockWriter, t: ObjectType, release: Release, k: Constants): void {
  w.writeLine('if (!isObject(v)) return false')
  w.writeLine('let x: unknown')
  for (const f of t.fields) emitFastField(w, f, t.name, release, k)
  for (const f of t.fields) if (f.requiredWhen) w.writeLine(`if (${requiredWhenCondition(f)} && ${prop('v', f.name)} === undefined) return false`)
  const present = (n: string) => `(${prop('v', n)} !== undefined ? 1 : 0)`
  for (const r of t.rules) {
    if (r.kind === 'exactlyOne') w.writeLine(`if (${r.fields.map(present).join(' + ')} !== 1) return false`)
    else if (r.kind === 'atMostOne') w.writeLine(`if (${r.fields.map(present).join(' + ')} > 1) return false`)
    else if (r.kind === 'excludes') w.writeLine(`if (${prop('v', r.field)} !== undefined && (${r.fields.map((n) => `${prop('v', n)} !== undefined`).join(' || ')})) return false`)
    else w.writeLine(`if (!withinHolds(v, [${r.path.map(lit).join(', ')}], [${r.require.map(lit).join(', ')}], [${r.forbid.map(lit).join(', ')}])) return false`)
  }
  w.writeLine(`return (m & STRICT) === 0 || onlyKnownKeys(v, ${knownFields(t, k)})`)
}

/** Runs a body emitter now (so the constants it uses are known before they are printed). */
function body(emit: (w: CodeBlockWriter) => void): string {
  const w = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true })
  emit(w)
  return w.toString()
}

const HELPERS = ['fault', 'fitsDigits', 'hasAny', 'isDateTime', 'isObject', 'LENIENT', 'leafValidator', 'onlyKnownKeys', 'STRICT', 'withinHolds']

/** The validators of one spec file's types, importing those of other files it uses. */
export function emitValidators(file: SourceFile, release: Release, module: SpecModule, runtime: string, importOf: (specFile: string) => string): void {
  const k = new Constants()
  const types = module.types
  const functions: FunctionDeclarationStructure[] = types.flatMap((t): FunctionDeclarationStructure[] =>
    t.kind === 'object'
      ? [
          {
            kind: StructureKind.Function,
            isExported: true,
            name: isName(t.name),
            docs: [`Whether \`v\` is a valid ${t.name} with nothing to report (the fast path: no allocation).`],
            parameters: [
              { name: 'v', type: 'unknown' },
              { name: 'm', type: 'number' },
            ],
            returnType: 'boolean',
            statements: body((w) => emitFastObject(w, t, release, k)),
          },
          {
            kind: StructureKind.Function,
            isExported: true,
            name: validateName(t.name),
            docs: [`Checks a ${t.name}, recording every issue in \`c\`.`],
            parameters: [
              { name: 'v', type: 'unknown' },
              { name: 'p', type: 'Path' },
              { name: 'c', type: 'Ctx' },
            ],
            returnType: 'void',
            statements: body((w) => emitObject(w, t, release, k)),
          },
        ]
      : [
          {
            kind: StructureKind.Function,
            isExported: true,
            name: checkName(t.name),
            docs: [`Why a value is not a valid ${t.name}, or undefined when it is.`],
            parameters: [{ name: 'x', type: 'unknown' }],
            returnType: 'Fault | undefined',
            statements: body((w) => emitLeaf(w, t, k)),
          },
        ],
  )
  const map = body((w) =>
    w.inlineBlock(() => {
      for (const t of [...types].sort((a, b) => a.name.localeCompare(b.name)))
        w.writeLine(`${t.name}: ${t.kind === 'object' ? `{ is: ${isName(t.name)}, check: ${validateName(t.name)} }` : `leafValidator(${checkName(t.name)})`},`)
    }),
  )
  // Import only the helpers the code uses, and the functions of other files it calls.
  const text = [...functions.map((f) => `${JSON.stringify(f.parameters)} ${String(f.returnType)} ${String(f.statements)}`), ...k.entries().map(([, init]) => init), map].join('\n')
  const uses = (name: string) => new RegExp(`\\b${name}\\b`).test(text)
  const foreignImports = [...module.foreign].flatMap(([specFile, names]): StatementStructures[] => {
    const used = names.flatMap((n) => (release.types.get(n)?.kind === 'object' ? [isName(n), validateName(n)] : [checkName(n)])).filter(uses)
    return used.length ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: importOf(specFile), namedImports: used }] : []
  })
  const imports = (names: string[], isTypeOnly = false): StatementStructures[] => (names.length ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: runtime, isTypeOnly, namedImports: names }] : [])
  const statements: StatementStructures[] = [
    ...imports(HELPERS.filter(uses)),
    ...imports(['Ctx', 'Fault', 'Path'].filter(uses), true),
    ...foreignImports,
    ...k.entries().map(([name, init]): VariableStatementStructure => ({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name, initializer: init }],
    })),
    ...functions,
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`The validator pair (fast test, full check) of every data type and message of ${module.specFile}, by name.`],
      declarations: [{ name: 'validators', initializer: map }],
    },
  ]
  file.addStatements(statements)
}
