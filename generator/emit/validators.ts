// Emits validators.ts: straight-line check code for every type, written ahead of time so
// nothing is compiled at run time. Leaf types (restricted strings, enumerations) get a
// `checkX(value)` that returns a Fault or undefined; object types and messages get a fast
// test `isX(value, mode)` and a full check `validateX(value, path, ctx)` that records every
// issue with its JSON pointer.
import {
  CodeBlockWriter,
  StructureKind,
  VariableDeclarationKind,
  type FunctionDeclarationStructure,
  type SourceFile,
  type StatementStructures,
} from 'ts-morph'
import type { SpecModule } from '../modules.js'
import type { EnumType, Release, StringType, TypeDef } from '../spec/model.js'
import { lit } from './common.js'
import { chars, regex } from './validators-fields.js'
import { ValidatorsModule } from './validators-module.js'
import {
  emitCheckObject,
  emitFastObject,
  planOf,
  emitSharedCheck,
  emitSharedFast,
  sharedCheckName,
  sharedFastName,
  sharedFieldsOf,
  type SharedFields,
} from './validators-objects.js'

function emitLeaf(w: CodeBlockWriter, t: EnumType | StringType, mod: ValidatorsModule): void {
  w.writeLine(`if (typeof value !== 'string') return ${mod.fault('NOT_STRING', 'type', 'must be a string')}`)
  if (t.kind === 'enum') {
    const values = mod.constant(
      `${t.name}_VALUES`,
      `new Set<string>([${t.values.map((v) => lit(v.value)).join(', ')}])`,
    )
    if (t.open) {
      if (t.maxLength !== undefined)
        w.writeLine(
          `if (value.length > ${t.maxLength} && !${values}.has(value)) return ${maxLengthFault(t.maxLength, mod)}`,
        )
    } else {
      const shown =
        t.values.length <= 12 ? `: ${t.values.map((v) => `"${v.value}"`).join(', ')}` : ` (${t.values.length} values)`
      w.writeLine(
        `if (!${values}.has(value)) return ${mod.fault(`ENUM_${t.name}`, 'enum', `must be one of the ${t.name} values${shown}`)}`,
      )
    }
  } else {
    if (t.minLength !== undefined)
      w.writeLine(
        `if (value.length < ${t.minLength}) return ${mod.fault(`MIN_LENGTH_${t.minLength}`, 'minLength', `must be at least ${chars(t.minLength)}`)}`,
      )
    if (t.maxLength !== undefined)
      w.writeLine(`if (value.length > ${t.maxLength}) return ${maxLengthFault(t.maxLength, mod)}`)
    if (t.pattern !== undefined) {
      const re = mod.constant(`${t.name}_PATTERN`, regex(t.pattern))
      w.writeLine(
        `if (!${re}.test(value)) return ${mod.fault(`PATTERN_${t.name}`, 'pattern', `must be a valid ${t.name} (${t.pattern})`)}`,
      )
    }
  }
  w.writeLine('return undefined')
}

const maxLengthFault = (n: number, mod: ValidatorsModule) =>
  mod.fault(`MAX_LENGTH_${n}`, 'maxLength', `must be at most ${chars(n)}`)

/** Runs a body emitter now (so the constants and imports it uses are known before they are printed). */
function body(emit: (w: CodeBlockWriter) => void): string {
  const w = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true })
  emit(w)
  return w.toString()
}

/** One generated function; parameters as [name, type] pairs. */
function declare(
  name: string,
  doc: string,
  parameters: Array<[string, string]>,
  returnType: string,
  emit: (w: CodeBlockWriter) => void,
  isExported = true,
): FunctionDeclarationStructure {
  const statements = body(emit)
  return {
    kind: StructureKind.Function,
    isExported,
    name,
    docs: [doc],
    parameters: parameters.map(([n, type]) => ({ name: n, type })),
    returnType,
    statements,
  }
}

/** The shared field checks of a base type, which it and its extenders call (see validators-objects.ts). */
function sharedFunctions(s: SharedFields, mod: ValidatorsModule): FunctionDeclarationStructure[] {
  const extenders = s.extenders.map((e) => e.name)
  const fields = `the ${s.base.name} fields that ${extenders.join(' and ')} ${extenders.length === 1 ? 'keeps' : 'keep'} as they are`
  const record = 'Record<string, unknown>'
  return [
    declare(
      sharedFastName(s.base.name),
      `The fast test of ${fields}.`,
      [
        ['value', record],
        ['mode', 'number'],
      ],
      'boolean',
      (w) => emitSharedFast(w, s, mod),
      false,
    ),
    declare(
      sharedCheckName(s.base.name),
      `Checks ${fields}, recording every issue in \`ctx\`.`,
      [
        ['value', record],
        ['path', mod.runtimeType('Path')],
        ['ctx', mod.runtimeType('Ctx')],
      ],
      'void',
      (w) => emitSharedCheck(w, s, mod),
      false,
    ),
  ]
}

function typeFunctions(
  t: TypeDef,
  shared: Map<string, SharedFields>,
  mod: ValidatorsModule,
): FunctionDeclarationStructure[] {
  if (t.kind !== 'object')
    return [
      declare(
        mod.validator('check', t.name),
        `Why \`value\` is not a valid ${t.name}, or undefined when it is.`,
        [['value', 'unknown']],
        `${mod.runtimeType('Fault')} | undefined`,
        (w) => emitLeaf(w, t, mod),
      ),
    ]
  const plan = planOf(t, shared)
  return [
    declare(
      mod.validator('is', t.name),
      `Whether \`value\` is a valid ${t.name} with nothing to report (the fast path: no allocation).`,
      [
        ['value', 'unknown'],
        ['mode', 'number'],
      ],
      'boolean',
      (w) => emitFastObject(w, t, plan, mod),
    ),
    declare(
      mod.validator('validate', t.name),
      `Checks that \`value\` is a valid ${t.name}, recording every issue in \`ctx\`.`,
      [
        ['value', 'unknown'],
        ['path', mod.runtimeType('Path')],
        ['ctx', mod.runtimeType('Ctx')],
      ],
      'void',
      (w) => emitCheckObject(w, t, plan, mod),
    ),
  ]
}

/** The validators of one spec file's types, importing those of other files it uses. */
export function emitValidators(
  file: SourceFile,
  release: Release,
  module: SpecModule,
  runtime: string,
  importOf: (specFile: string) => string,
): void {
  const mod = new ValidatorsModule(release, module)
  const shared = sharedFieldsOf(module)
  const functions = [
    ...[...shared.values()].flatMap((s) => sharedFunctions(s, mod)),
    ...module.types.flatMap((t) => typeFunctions(t, shared, mod)),
  ]
  const map = body((w) =>
    w.inlineBlock(() => {
      for (const t of [...module.types].sort((a, b) => a.name.localeCompare(b.name)))
        w.writeLine(
          `${t.name}: ${t.kind === 'object' ? `{ is: ${mod.validator('is', t.name)}, check: ${mod.validator('validate', t.name)} }` : `${mod.runtime('leafValidator')}(${mod.validator('check', t.name)})`},`,
        )
    }),
  )
  const statements: StatementStructures[] = [
    ...mod.imports(runtime, importOf),
    ...mod.constantStatements(),
    ...functions,
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        `The validator pair (fast test, full check) of every data type and message of ${module.specFile}, by name.`,
      ],
      declarations: [{ name: 'validators', initializer: map }],
    },
  ]
  file.addStatements(statements)
}
