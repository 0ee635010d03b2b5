// What the code of one validators module needs besides itself, recorded while it is written:
// run-time names, validators of other modules, module constants. Its imports are made from
// this record, so they are exactly what the code uses.
import {
  StructureKind,
  VariableDeclarationKind,
  type ImportDeclarationStructure,
  type VariableStatementStructure,
} from 'ts-morph'
import type { SpecModule } from '../modules.js'
import type { RuleCode, RuleFunction } from '../rules.js'
import type { Release } from '../spec/model.js'
import { upperFirst } from '../naming.js'
import { lit } from './common.js'

/** The run-time values generated validators use. */
export type RuntimeValue =
  | 'fault'
  | 'fitsDigits'
  | 'hasAny'
  | 'isDateTime'
  | 'isObject'
  | 'LENIENT'
  | 'leafValidator'
  | 'onlyKnownKeys'
  | 'STRICT'
  | RuleFunction
export type RuntimeType = 'Ctx' | 'Fault' | 'Path'

/** The validator functions of a type: `is` and `validate` of an object type, `check` of a leaf type. */
type ValidatorKind = 'is' | 'validate' | 'check'

export const validatorName = (kind: ValidatorKind, type: string) => `${kind}${upperFirst(type)}`

/** Property access that reads like hand-written code where the name allows it. */
export const prop = (object: string, name: string) =>
  /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${object}.${name}` : `${object}[${lit(name)}]`

export class ValidatorsModule {
  private readonly constants = new Map<string, string>()
  private readonly values = new Set<RuntimeValue>()
  private readonly types = new Set<RuntimeType>()
  /** Validator functions called that other modules define. */
  private readonly calledForeign = new Set<string>()
  private readonly own: Set<string>

  constructor(
    readonly release: Release,
    readonly module: SpecModule,
  ) {
    this.own = new Set(module.types.map((t) => t.name))
  }

  runtime(name: RuntimeValue): string {
    this.values.add(name)
    return name
  }

  runtimeType(name: RuntimeType): string {
    this.types.add(name)
    return name
  }

  /** A validator function of a type, imported when another module defines it. */
  validator(kind: ValidatorKind, type: string): string {
    const name = validatorName(kind, type)
    if (!this.own.has(type)) this.calledForeign.add(name)
    return name
  }

  /** A module-level constant, named once: the same name must always stand for the same value. */
  constant(name: string, init: string): string {
    const prev = this.constants.get(name)
    if (prev !== undefined && prev !== init) throw new Error(`generator: constant ${name} defined twice differently`)
    this.constants.set(name, init)
    return name
  }

  fault(name: string, keyword: string, message: string): string {
    return this.constant(name, `${this.runtime('fault')}(${lit(keyword)}, ${lit(message)})`)
  }

  /** How rules write their code over the object `value` at `path`, checked in `ctx`. */
  ruleCode(): RuleCode {
    return {
      member: (name) => prop('value', name),
      check: (fn, ...args) => `${this.runtime(fn)}(${['value', 'path', 'ctx', ...args].join(', ')})`,
      test: (fn, ...args) => `${this.runtime(fn)}(${['value', ...args].join(', ')})`,
    }
  }

  /** The imports of what was recorded: the runtime's values and types, then other modules' validators. */
  imports(runtime: string, importOf: (specFile: string) => string): ImportDeclarationStructure[] {
    const declaration = (
      moduleSpecifier: string,
      namedImports: string[],
      isTypeOnly = false,
    ): ImportDeclarationStructure[] =>
      namedImports.length > 0
        ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier, isTypeOnly, namedImports }]
        : []
    const sorted = (names: Iterable<string>) => [...names].sort((a, b) => a.localeCompare(b))
    const foreign = [...this.module.foreign].flatMap(([specFile, types]) => {
      const names = types.flatMap((t) => (['is', 'validate', 'check'] as const).map((kind) => validatorName(kind, t)))
      return declaration(
        importOf(specFile),
        names.filter((n) => this.calledForeign.has(n)),
      )
    })
    return [...declaration(runtime, sorted(this.values)), ...declaration(runtime, sorted(this.types), true), ...foreign]
  }

  constantStatements(): VariableStatementStructure[] {
    return [...this.constants].map(([name, initializer]) => ({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name, initializer }],
    }))
  }
}
