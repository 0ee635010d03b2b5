// Messages by name, and the one entry point that validates a value against one.
import { Ctx, type Path } from './context.js'
import { OicpValidationError, type Fault, type ValidationMode, type ValidationResult } from './issues.js'

/** A generated check: walks `value`, recording issues in the context. */
export type Check = (value: unknown, path: Path, ctx: Ctx) => void

/** Turns a leaf check (value to Fault) into a Check that records the fault. */
export function leafCheck(check: (value: unknown) => Fault | undefined): Check {
  return (value, path, ctx) => {
    const f = check(value)
    if (f !== undefined) ctx.fail(path, undefined, f, value)
  }
}

export interface MessageEntry<S = unknown> {
  readonly name: string
  /** Other spellings of the name found in the OICP sources. */
  readonly aliases: readonly string[]
  /** The TypeBox (JSON) schema of the message. */
  readonly schema: S
  readonly check: Check
}

export interface ValidateOptions {
  /** Default `exact`. */
  mode?: ValidationMode
}

/** Runs a check; in lenient mode accepted alias spellings are renamed in `value` itself. */
export function runCheck<T>(check: Check, value: unknown, options: ValidateOptions = {}): ValidationResult<T> {
  const ctx = new Ctx(options.mode ?? 'exact')
  check(value, null, ctx)
  if (ctx.errors.length > 0) return { ok: false, errors: ctx.errors, warnings: ctx.warnings }
  ctx.applyRenames()
  return { ok: true, value: value as T, warnings: ctx.warnings }
}

/** Canonical form of a message name: names match case-insensitively. */
function keyOf(name: string): string {
  return name.toLowerCase()
}

export class MessageRegistry<M extends object = Record<string, unknown>> {
  private readonly byKey = new Map<string, MessageEntry>()

  constructor(readonly release: string, entries: readonly MessageEntry[]) {
    for (const e of entries) for (const n of [e.name, ...e.aliases]) this.byKey.set(keyOf(n), e)
  }

  /** The message of that name or alias (any letter case), if there is one. */
  find(name: string): MessageEntry | undefined {
    return this.byKey.get(keyOf(name))
  }

  /** The canonical names of all messages. */
  names(): string[] {
    return [...new Set([...this.byKey.values()].map((e) => e.name))].sort()
  }

  validate<K extends keyof M & string>(name: K, value: unknown, options?: ValidateOptions): ValidationResult<M[K]>
  validate(name: string, value: unknown, options?: ValidateOptions): ValidationResult<unknown>
  validate(name: string, value: unknown, options: ValidateOptions = {}): ValidationResult<unknown> {
    const entry = this.find(name)
    if (!entry) throw new RangeError(`OICP ${this.release} has no message "${name}"`)
    return runCheck(entry.check, value, options)
  }

  /** Returns the typed value, or throws OicpValidationError listing every issue. */
  assertValid<K extends keyof M & string>(name: K, value: unknown, options?: ValidateOptions): M[K] {
    const result = this.validate(name, value, options)
    if (!result.ok) throw new OicpValidationError(this.find(name)?.name ?? name, result.errors)
    return result.value as M[K]
  }
}
