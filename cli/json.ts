// JSON parsing that says where a document is broken (line and column), never throws.
// JSON.parse does the work; only on failure does jsonc-parser locate the first error,
// since V8's messages do not always carry a position.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser'

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

const WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon expected',
  CommaExpected: 'comma expected',
  CloseBraceExpected: 'closing brace expected',
  CloseBracketExpected: 'closing bracket expected',
  EndOfFileExpected: 'end of input expected',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comments are not JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape',
  InvalidCharacter: 'invalid character in string',
}

export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (e) {
    const errors: ParseError[] = []
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
    const first = errors[0]
    if (!first) return { ok: false, ...lineColumn(text, text.length), message: (e as Error).message }
    const code = printParseErrorCode(first.error)
    return { ok: false, ...lineColumn(text, first.offset), message: WORDS[code] ?? code }
  }
}
