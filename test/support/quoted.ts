// Code a test runs as a page of the docs shows it: the lines between `// --- as in <page>, from
// here` and `// --- to here` in the test's own source must stand in that page's code, so the
// page and the test cannot drift apart.
import { readFileSync } from 'node:fs'

const BLOCK = /^([ \t]*)\/\/ --- as in (\S+), from here\n([\s\S]*?)^[ \t]*\/\/ --- to here$/gm

/** The quoted pieces of a test file that are not in the page they name, with the page. */
export function unquoted(testFile: string): string[] {
  const missing: string[] = []
  for (const [, indent, page, body] of readFileSync(testFile, 'utf8').matchAll(BLOCK)) {
    const text = body!
      .split('\n')
      .map((line) => (line.startsWith(indent!) ? line.slice(indent!.length) : line))
      .join('\n')
      .trimEnd()
    if (!readFileSync(page!, 'utf8').includes(text)) missing.push(`${page} no longer shows:\n${text}`)
  }
  return missing
}
