// The run-time side of the spec's rule kinds (generator/rules.ts writes the calls): each
// kind's full check, which records what it finds in the context, and the fast form where the
// generated fast test needs one. A new rule kind adds its functions here.
import { isObject, type Ctx, type Path } from './context.js'
import { fault } from './issues.js'

export function exactlyOne(value: Record<string, unknown>, path: Path, ctx: Ctx, names: readonly string[]): void {
  const present = names.filter((n) => !ctx.missing(value, n))
  if (present.length !== 1)
    ctx.fail(
      path,
      undefined,
      fault(
        'exactlyOne',
        `exactly one of ${names.join(', ')} must be present (found ${present.length === 0 ? 'none' : present.join(', ')})`,
      ),
      undefined,
    )
}

export function atMostOne(value: Record<string, unknown>, path: Path, ctx: Ctx, names: readonly string[]): void {
  const present = names.filter((n) => !ctx.missing(value, n))
  if (present.length > 1)
    ctx.fail(
      path,
      undefined,
      fault('atMostOne', `at most one of ${names.join(', ')} may be present (found ${present.join(', ')})`),
      undefined,
    )
}

export function excludes(
  value: Record<string, unknown>,
  path: Path,
  ctx: Ctx,
  name: string,
  others: readonly string[],
): void {
  if (ctx.missing(value, name)) return
  for (const other of others)
    if (!ctx.missing(value, other))
      ctx.fail(path, other, fault('excludes', `cannot be combined with ${name}`), undefined)
}

const REQUIRED_HERE = fault('required', 'is required in this message')
const FORBIDDEN_HERE = fault('forbidden', 'must not be sent in this message')

/** A rule on a nested object: some of its fields must, others must not, be there. */
export function within(
  value: Record<string, unknown>,
  path: Path,
  ctx: Ctx,
  steps: readonly string[],
  require: readonly string[],
  forbid: readonly string[],
): void {
  let current: unknown = value
  let at: Path = path
  for (const step of steps) {
    // A member removed earlier in the walk (lenient mode) counts as not sent.
    if (!isObject(current) || ctx.missing(current, step)) return
    current = current[step]
    at = { up: at, key: step }
  }
  if (!isObject(current)) return
  for (const name of require) if (ctx.missing(current, name)) ctx.fail(at, name, REQUIRED_HERE, undefined)
  for (const name of forbid) if (!ctx.missing(current, name)) ctx.fail(at, name, FORBIDDEN_HERE, undefined)
}

/** The fast form of `within`: whether the rule holds. */
export function withinHolds(
  value: Record<string, unknown>,
  steps: readonly string[],
  require: readonly string[],
  forbid: readonly string[],
): boolean {
  let current: unknown = value
  for (const step of steps) {
    if (!isObject(current)) return true
    current = current[step]
  }
  if (!isObject(current)) return true
  for (const name of require) if (current[name] === undefined) return false
  for (const name of forbid) if (current[name] !== undefined) return false
  return true
}
