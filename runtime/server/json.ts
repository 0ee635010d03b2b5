// Request JSON as the core accepts it: nested no deeper than a limit, and without keys
// that could reach an object prototype. Depth is limited because every later walk of the
// value (validation, storing, JSON.stringify of an answer) recurses: a body nested a few
// thousand levels deep would overflow the stack wherever it went next.

/** OICP messages nest fewer than 10 levels; 64 leaves room for any extension. */
export const DEFAULT_DEPTH_LIMIT = 64

const DANGEROUS = new Set(['__proto__', 'constructor', 'prototype'])

export type ParsedJson = { ok: true; value: unknown } | { ok: false; tooDeep: boolean; message: string }

/** Index of the quote that closes the string opened at `open`, or -1. */
function stringEnd(text: string, open: number): number {
  let at = open
  for (;;) {
    at = text.indexOf('"', at + 1)
    if (at < 0) return -1
    let backslashes = 0
    while (text.charCodeAt(at - 1 - backslashes) === 92) backslashes++
    if (backslashes % 2 === 0) return at
  }
}

/** Whether text holds more than `limit` of `{` and `[` together (found by indexOf, which is fast). */
function moreOpeningsThan(text: string, limit: number): boolean {
  let count = 0
  for (const c of ['{', '['])
    for (let at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) if (++count > limit) return true
  return false
}

/** Whether JSON text opens more than `limit` objects and lists inside each other (strings skipped). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  // Most messages have fewer brackets in all than the limit: then they cannot nest deeper.
  if (!moreOpeningsThan(text, limit)) return false
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      i = stringEnd(text, i)
      if (i < 0) return false // unterminated: JSON.parse says so
    } else if (c === 123 || c === 91) {
      if (++depth > limit) return true
    } else if (c === 125 || c === 93) depth--
  }
  return false
}

/** Whether a parsed value nests more than `limit` objects and lists (for values a framework parsed). */
export function valueDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (limit === 0) return true
  for (const key in value) if (valueDeeperThan((value as Record<string, unknown>)[key], limit - 1)) return true
  return false
}

/** Removes __proto__, constructor and prototype keys at every depth (the caller has bounded the depth). */
export function stripDangerousKeys(value: unknown): void {
  if (typeof value !== 'object' || value === null) return
  if (Array.isArray(value)) {
    for (const item of value) stripDangerousKeys(item)
    return
  }
  for (const key of Object.keys(value)) {
    if (DANGEROUS.has(key)) delete (value as Record<string, unknown>)[key]
    else stripDangerousKeys((value as Record<string, unknown>)[key])
  }
}

/** Whether text could hold a dangerous key, also written with \u escapes. */
function mayHoldDangerousKey(text: string): boolean {
  return (
    text.includes('__proto__') || text.includes('constructor') || text.includes('prototype') || text.includes('\\u')
  )
}

/**
 * JSON.parse within a nesting limit, then dangerous keys removed. JSON.parse itself makes
 * `__proto__` an own property, harmless until someone merges the value into another
 * object; removing it here keeps it from ever reaching handlers.
 */
export function parseJsonSafely(text: string, depthLimit = DEFAULT_DEPTH_LIMIT): ParsedJson {
  if (nestsDeeperThan(text, depthLimit))
    return { ok: false, tooDeep: true, message: `nested deeper than ${depthLimit} levels` }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return { ok: false, tooDeep: false, message: (e as Error).message }
  }
  if (mayHoldDangerousKey(text)) stripDangerousKeys(value)
  return { ok: true, value }
}

/**
 * A value a framework's body parser made, held to the same rules: within the nesting limit
 * (checked before anything recurses through it) and without dangerous keys.
 */
export function checkParsedValue(value: unknown, depthLimit = DEFAULT_DEPTH_LIMIT): ParsedJson {
  if (valueDeeperThan(value, depthLimit))
    return { ok: false, tooDeep: true, message: `nested deeper than ${depthLimit} levels` }
  stripDangerousKeys(value)
  return { ok: true, value }
}
