// Messages by name, and the one entry point that validates a value against one.
import { Ctx, LENIENT, STRICT, type Path } from './context.js'
import { OicpValidationError, type Fault, type ValidationMode, type ValidationResult } from './issues.js'

/** A generated check: walks `value`, recording issues in the context. */
export type Check = (value: unknown, path: Path, ctx: Ctx) => void

/** A generated fast test: true when the value is valid with nothing to report. */
export type Is = (value: unknown, modeFlags: number) => boolean

/** The two generated validators of a type: the fast test, and the full check run when it fails. */
export interface Validator {
  readonly is: Is
  readonly check: Check
}

/** The validator pair of a leaf type (restricted string or enumeration). */
export function leafValidator(fault: (value: unknown) => Fault | undefined): Validator {
  return {
    is: (value) => fault(value) === undefined,
    check: (value, path, ctx) => {
      const f = fault(value)
      if (f !== undefined) ctx.fail(path, undefined, f, value)
    },
  }
}

/** A message of a release: its name, other spellings, and its validators. */
export interface MessageEntry extends Validator {
  readonly name: string
  /** Other spellings of the name found in the OICP sources. */
  readonly aliases: readonly string[]
}

/** How `validate` checks a value. */
export interface ValidateOptions {
  /**
   * How strictly; `lenient` for what you receive.
   * @default 'exact'
   */
  mode?: ValidationMode
  /**
   * Remove members the spec does not define from `value` (at every depth), so that what is
   * kept holds only the spec's fields. Ignored in strict mode, where they are errors.
   * @default false
   */
  dropUnknown?: boolean
}

const FLAGS = { exact: 0, strict: STRICT, lenient: LENIENT } as const

/**
 * Validates a value: the fast test first, and only when it fails the full check, which
 * finds every issue. A valid value is edited in place: in lenient mode accepted alias
 * spellings get their canonical names, optional fields sent as null are removed, and so
 * are invalid optional members (each with a `removed` warning); with `dropUnknown`,
 * members the spec does not define are removed. An invalid value is left as it was.
 */
export function runCheck<T>(validator: Validator, value: unknown, options: ValidateOptions = {}): ValidationResult<T> {
  const mode = options.mode ?? 'exact'
  // Dropping asks the fast test for "no unknown keys" too (the strict flag), so a value it
  // passes needs no edit.
  const dropUnknown = options.dropUnknown === true && mode !== 'strict'
  if (validator.is(value, dropUnknown ? FLAGS[mode] | STRICT : FLAGS[mode]))
    return { ok: true, value: value as T, warnings: [] }
  const ctx = new Ctx(mode, dropUnknown)
  validator.check(value, null, ctx)
  if (ctx.errors.length === 0) {
    ctx.applyEdits()
    return { ok: true, value: value as T, warnings: ctx.warnings }
  }
  if (!ctx.removeInvalid) return { ok: false, errors: ctx.errors, warnings: ctx.warnings }
  // Still invalid after the removals: report every issue of the value as it was sent (a
  // rule that failed only because a removal emptied it would hide the real cause).
  const plain = new Ctx(mode, dropUnknown, false)
  validator.check(value, null, plain)
  return plain.errors.length > 0
    ? { ok: false, errors: plain.errors, warnings: plain.warnings }
    : { ok: false, errors: ctx.errors, warnings: ctx.warnings }
}

/** Canonical form of a message name: names match case-insensitively. */
function keyOf(name: string): string {
  return name.toLowerCase()
}

/**
 * Every message of a release by name (`messages` of `oicp/2.3`), and validation against one.
 * @example
 * ```ts
 * import { messages } from 'oicp/2.3'
 *
 * const result = messages.validate('eRoamingPushEvseStatus', body, { mode: 'lenient' })
 * if (result.ok) store(result.value) // typed as eRoamingPushEvseStatus, edited as lenient mode says
 * else console.log(formatIssues(result.errors))
 * ```
 */
export class MessageRegistry<M extends object = Record<string, unknown>> {
  private readonly byKey = new Map<string, MessageEntry>()

  constructor(
    readonly release: string,
    entries: readonly MessageEntry[],
  ) {
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
    return runCheck(entry, value, options)
  }

  /** Returns the typed value, or throws OicpValidationError listing every issue. */
  assertValid<K extends keyof M & string>(name: K, value: unknown, options?: ValidateOptions): M[K] {
    const result = this.validate(name, value, options)
    if (!result.ok) throw new OicpValidationError(this.find(name)?.name ?? name, result.errors)
    return result.value
  }
}
