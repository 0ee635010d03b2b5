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

/** Thrown by `assertValid`: carries the issues with their JSON pointers. */
export class OicpValidationError extends Error {
  constructor(
    readonly messageName: string,
    readonly errors: ValidationIssue[],
  ) {
    super(`${messageName} is invalid: ${errors.slice(0, 5).map((e) => `${e.path || '/'} ${e.message}`).join('; ')}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ''}`)
    this.name = 'OicpValidationError'
  }
}
