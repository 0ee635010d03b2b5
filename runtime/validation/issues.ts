// What validation reports: issues located by JSON pointer, the result of a check, the error
// that carries them, and the one way a list of them is written as a line of text.

/** How strictly a message is checked. */
export type ValidationMode =
  /** What the spec text says; unknown fields pass, since the text does not forbid them. */
  | 'exact'
  /** As exact, and unknown fields are errors too. */
  | 'strict'
  /**
   * For what we receive: unknown enumeration values and alias spellings are accepted with a
   * warning, optional fields sent as null as if absent (and removed from the value), and an
   * optional member that is invalid is removed with a warning (keyword `removed`).
   */
  | 'lenient'

/** One finding, located by an RFC 6901 JSON pointer into the checked value. */
export interface ValidationIssue {
  path: string
  message: string
  keyword: string
  /** On a `removed` warning: the issues that made the member invalid, with their own pointers. */
  causes?: ValidationIssue[]
}

/** The outcome of a check: the value (edited in lenient mode) and its warnings, or every error found. */
export type ValidationResult<T> =
  | { ok: true; value: T; warnings: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[]; warnings: ValidationIssue[] }

/** A reason a value fails; generated validators keep these as constants. */
export interface Fault {
  keyword: string
  message: string
}

export function fault(keyword: string, message: string): Fault {
  return { keyword, message }
}

/** How formatIssues writes a list. */
export interface FormatIssuesOptions {
  /**
   * Issues written out; the rest are counted, as in `(and 3 more)`.
   * @default all of them
   */
  max?: number
}

/**
 * Issues as one line of text, each as its pointer (`/` for the root) and message, joined by
 * `; `; for log lines, error messages and the AdditionalInfo of an acknowledgement.
 * @example
 * ```ts
 * const result = messages.validate('eRoamingPushEvseStatus', body)
 * if (!result.ok) log.warn(`push refused: ${formatIssues(result.errors, { max: 5 })}`)
 * // push refused: /ActionType must be one of the ActionType values: "fullLoad", "update", "insert", "delete"
 * // (got "replace"); /OperatorEvseStatus is required
 * ```
 */
export function formatIssues(issues: readonly ValidationIssue[], options: FormatIssuesOptions = {}): string {
  const max = options.max ?? issues.length
  const shown = issues
    .slice(0, max)
    .map((i) => `${i.path || '/'} ${i.message}`)
    .join('; ')
  return issues.length > max ? `${shown} (and ${issues.length - max} more)` : shown
}

/** Thrown by `assertValid` and by a client refusing to send an invalid request: carries the issues with their JSON pointers. */
export class OicpValidationError extends Error {
  constructor(
    /** The message (or path parameter) that is invalid. */
    readonly messageName: string,
    readonly errors: ValidationIssue[],
  ) {
    super(`${messageName} is invalid: ${formatIssues(errors, { max: 5 })}`)
    this.name = 'OicpValidationError'
  }
}
