// Lenient receiving keeps what it can use: an optional member that fails its checks is
// removed from the decoded value and reported as a warning. Members are removed from the
// innermost outwards, so when a removal leaves the enclosing object invalid (a rule of
// it now fails) the smallest optional member around that object goes instead.
import { formatIssues, type ValidationIssue } from './issues.js'

/** The keyword of the warning that reports a removed member. */
export const REMOVED = 'removed'

/**
 * The warning for something removed at `path` because of `causes` (its own issues and
 * those of members removed inside it); `what` says what it was.
 */
export function removalWarning(
  path: string,
  causes: ValidationIssue[],
  what = 'an invalid optional member',
): ValidationIssue {
  return { path, message: `removed, ${what}: ${formatIssues(causes, { max: 3 })}`, keyword: REMOVED, causes }
}

/**
 * Where the walk stood when it entered an optional member: how many errors, warnings and
 * edits were recorded before it. Kept as a flat stack of numbers (no allocation per member).
 */
export class Marks {
  private readonly stack: number[] = []

  push(errors: number, warnings: number, renames: number, removals: number): void {
    this.stack.push(errors, warnings, renames, removals)
  }

  /** The counts of the innermost member entered, forgetting it. */
  pop(): [errors: number, warnings: number, renames: number, removals: number] {
    const s = this.stack
    const n = s.length
    const marks: [number, number, number, number] = [s[n - 4]!, s[n - 3]!, s[n - 2]!, s[n - 1]!]
    s.length = n - 4
    return marks
  }
}

/** Members removed during a walk, so that rules checked later see them as absent. */
export class Gone {
  private readonly byObject = new Map<object, Set<string>>()

  add(target: object, key: string): void {
    let keys = this.byObject.get(target)
    if (!keys) this.byObject.set(target, (keys = new Set()))
    keys.add(key)
  }

  has(target: object, key: string): boolean {
    // Exact and strict walks remove nothing: no lookup for their rule checks.
    return this.byObject.size > 0 && this.byObject.get(target)?.has(key) === true
  }
}
