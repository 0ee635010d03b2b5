// The state generated validators share while they walk a value: the mode, the issues
// found, and helpers for the checks that are the same for every type.
import { fault, type Fault, type ValidationIssue, type ValidationMode } from './issues.js'
import { Gone, Marks, REMOVED, removalWarning } from './removal.js'

/** A location in the checked value, built only as deep as the walk goes. */
export type Path = { readonly up: Path; readonly key: string | number } | null

function escapeKey(key: string | number): string {
  return typeof key === 'number' ? String(key) : key.replace(/~/g, '~0').replace(/\//g, '~1')
}

/** The RFC 6901 JSON pointer of a path (the empty string for the root). */
export function pointer(path: Path, key?: string | number): string {
  let out = key === undefined ? '' : `/${escapeKey(key)}`
  for (let p = path; p !== null; p = p.up) out = `/${escapeKey(p.key)}${out}`
  return out
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return `a list of ${value.length}`
  if (typeof value === 'object') return 'an object'
  const text = JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

const REQUIRED = fault('required', 'is required')
const UNKNOWN = fault('additionalProperties', 'is not a field of this message (strict mode)')
const ALIAS = fault('alias', 'is another spelling of')

interface Rename {
  target: Record<string, unknown>
  from: string
  to: string
}

/** A member to delete once the walk is done (the walk must not change what it walks). */
interface Removal {
  target: Record<string, unknown>
  key: string
}

export class Ctx {
  readonly strict: boolean
  readonly lenient: boolean
  /** Members the spec does not define are removed from the value (not in strict mode, where they are errors). */
  readonly dropUnknown: boolean
  /** Lenient mode: invalid optional members are removed (with a warning) instead of failing the value. */
  readonly removeInvalid: boolean
  readonly errors: ValidationIssue[] = []
  readonly warnings: ValidationIssue[] = []
  readonly renames: Rename[] = []
  readonly removals: Removal[] = []
  private readonly marks = new Marks()
  private readonly gone = new Gone()

  constructor(mode: ValidationMode, dropUnknown = false, removeInvalid = true) {
    this.strict = mode === 'strict'
    this.lenient = mode === 'lenient'
    this.dropUnknown = dropUnknown && !this.strict
    this.removeInvalid = removeInvalid && this.lenient
  }

  /** Records a fault at path/key; unknown enumeration values are only warnings when lenient. */
  fail(path: Path, key: string | number | undefined, f: Fault, value: unknown): void {
    const issue = {
      path: pointer(path, key),
      message: value === undefined ? f.message : `${f.message} (got ${show(value)})`,
      keyword: f.keyword,
    }
    if (this.lenient && f.keyword === 'enum') this.warnings.push(issue)
    else this.errors.push(issue)
  }

  required(path: Path, key: string): void {
    this.fail(path, key, REQUIRED, undefined)
  }

  /** In lenient mode null stands for an absent optional field. */
  absent(value: unknown): boolean {
    return value === undefined || (value === null && this.lenient)
  }

  /** Whether a member counts as not sent: absent, or removed earlier in this walk. */
  missing(obj: Record<string, unknown>, key: string): boolean {
    return this.absent(obj[key]) || this.gone.has(obj, key)
  }

  /** Lenient mode: the walk enters an optional member (called only when removing). */
  enter(): void {
    this.marks.push(this.errors.length, this.warnings.length, this.renames.length, this.removals.length)
  }

  /**
   * Lenient mode: the walk leaves optional member `key` of `obj`. When it found errors
   * inside, the member is scheduled for removal and its errors become the causes of one
   * warning; what was recorded inside it (edits, warnings, removals of its own members)
   * is dropped with it.
   */
  leave(obj: Record<string, unknown>, key: string, path: Path): void {
    const [errors, warnings, renames, removals] = this.marks.pop()
    if (this.errors.length === errors || !this.removeInvalid) return
    // In walk order: what removals inside it found first, then its own errors.
    const causes: ValidationIssue[] = []
    for (let i = warnings; i < this.warnings.length; i++)
      if (this.warnings[i]!.keyword === REMOVED) causes.push(...(this.warnings[i]!.causes ?? []))
    causes.push(...this.errors.splice(errors))
    this.warnings.length = warnings
    this.renames.length = renames
    this.removals.length = removals
    this.warnings.push(removalWarning(pointer(path, key), causes))
    this.removals.push({ target: obj, key })
    this.gone.add(obj, key)
  }

  /** Strict mode: every key must be a known field. Dropping: unknown keys are scheduled for removal. */
  unknownKeys(obj: Record<string, unknown>, path: Path, known: ReadonlySet<string>): void {
    for (const key in obj) {
      if (known.has(key)) continue
      if (this.strict) this.fail(path, key, UNKNOWN, undefined)
      else this.removals.push({ target: obj, key })
    }
  }

  /** Lenient mode: an optional field sent as null is removed, as if it had not been sent. */
  removeNull(obj: Record<string, unknown>, key: string): void {
    this.removals.push({ target: obj, key })
  }

  /** Lenient mode: finds a field under another spelling, warns, and schedules the rename. */
  alias(obj: Record<string, unknown>, path: Path, name: string, aliases: readonly string[]): unknown {
    for (const a of aliases) {
      const value = obj[a]
      if (value === undefined) continue
      this.warnings.push({
        path: pointer(path, a),
        message: `${ALIAS.message} "${name}"; read as "${name}"`,
        keyword: ALIAS.keyword,
      })
      this.renames.push({ target: obj, from: a, to: name })
      return value
    }
    return undefined
  }

  /**
   * Gives accepted alias spellings their canonical names in the checked value, then removes
   * nulls and unknown members (after the renames: an alias renamed to a null is removed too).
   */
  applyEdits(): void {
    for (const r of this.renames) {
      r.target[r.to] = r.target[r.from]
      delete r.target[r.from]
    }
    for (const r of this.removals) delete r.target[r.key]
  }

  /** A value that must stand alone in its list (e.g. "No Payment"). */
  solo(list: readonly unknown[], path: Path, value: string): void {
    if (list.length > 1 && list.includes(value))
      this.errors.push({
        path: pointer(path),
        message: `"${value}" cannot be combined with other values`,
        keyword: 'solo',
      })
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

// RFC 3339 date-time; the UTC offset is mandatory (the spec asks for the local offset).
const DATE_TIME =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/

export function isDateTime(v: unknown): boolean {
  if (typeof v !== 'string') return false
  const m = DATE_TIME.exec(v)
  if (m === null) return false
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)

/**
 * Whether a number fits the spec's digit limits: Decimal (4,1) allows 3 integer and
 * 1 fraction digit (as SQL's DECIMAL(4,1)); a total alone bounds all digits together.
 * Integers, the common case, are checked with arithmetic only.
 */
export function fitsDigits(v: number, total: number | undefined, fraction: number | undefined): boolean {
  const abs = v < 0 ? -v : v
  if (Number.isInteger(abs)) return total === undefined || abs < POW10[total - (fraction ?? 0)]!
  const text = abs.toString()
  if (text.includes('e')) return false
  const dot = text.indexOf('.')
  const intDigits = text.startsWith('0.') ? 0 : dot
  const fracDigits = text.length - dot - 1
  if (fraction !== undefined && fracDigits > fraction) return false
  if (total === undefined) return true
  return fraction === undefined ? intDigits + fracDigits <= total : intDigits <= total - fraction
}

// Helpers of the fast validators, which answer only "valid with nothing to report?".

/** Mode flags of the fast validators. */
export const STRICT = 1
export const LENIENT = 2

export function hasAny(obj: Record<string, unknown>, keys: readonly string[]): boolean {
  for (const k of keys) if (obj[k] !== undefined) return true
  return false
}

export function onlyKnownKeys(obj: Record<string, unknown>, known: ReadonlySet<string>): boolean {
  for (const key in obj) if (!known.has(key)) return false
  return true
}
