// Formats generated files with prettier before they are compared or written.
import * as prettier from 'prettier'

export type Parser = 'babel-ts' | 'markdown'

export interface FormatJob {
  path: string
  text: string
  parser: Parser
}

// The options of all code here, generated and hand-written (.prettierrc.json holds the same;
// test/format-options.test.ts keeps them equal). babel-ts prints the same as the typescript
// parser here, in about half the time.
export const PRETTIER: prettier.Options = { printWidth: 120, semi: false, singleQuote: true, trailingComma: 'all' }

const STARTS = /^(\/\*\*|export |function |const |let |import |interface |type )/

/**
 * A blank line before each top-level statement (ts-morph prints them back to back), keeping
 * a doc comment with its statement and runs of one-line constants and imports together.
 */
export function spaceStatements(text: string): string {
  const lines = text.split('\n')
  const out: string[] = []
  for (const line of lines) {
    const prev = out[out.length - 1] ?? ''
    const kind = STARTS.exec(line)?.[1]
    const sameRun =
      (kind === 'const ' || kind === 'import ') && prev.startsWith(kind) && !prev.endsWith('{') && !prev.endsWith('(')
    if (kind && prev.trim() !== '' && !prev.trimEnd().endsWith('*/') && !prev.startsWith('//') && !sameRun) out.push('')
    out.push(line)
  }
  return out.join('\n')
}

/** Formats one file; a failure is a generator bug, so it says which file and where. */
export async function formatOne(job: FormatJob): Promise<string> {
  try {
    return await prettier.format(job.parser === 'babel-ts' ? spaceStatements(job.text) : job.text, {
      ...PRETTIER,
      parser: job.parser,
    })
  } catch (e) {
    const loc = (e as { loc?: { start?: { line?: number } } }).loc?.start?.line
    const line = loc === undefined ? '' : `\n${job.text.split('\n')[loc - 1] ?? ''}`
    throw new Error(
      `generator produced invalid ${job.parser} for ${job.path}${loc ? ` at line ${loc}` : ''}: ${String((e as Error).message).split('\n')[0]}${line}`,
      { cause: e },
    )
  }
}

/** Formats every job, in order. */
export async function formatAll(jobs: FormatJob[]): Promise<string[]> {
  const out: string[] = []
  for (const job of jobs) out.push(await formatOne(job))
  return out
}
