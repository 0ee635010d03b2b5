// JSON parsing that says where a document is broken (line and column), never throws.

export type JsonResult = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string }

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      start = i + 1
    }
  }
  return { line, column: offset - start + 1 }
}

export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (e) {
    const message = (e as Error).message
    const at = /position (\d+)/.exec(message)
    const offset = at ? Number(at[1]) : text.length
    return { ok: false, ...lineColumn(text, offset), message: message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/, '') }
  }
}
