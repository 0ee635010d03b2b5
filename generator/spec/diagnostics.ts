import type { Place } from './model.js'

/** One problem found in a spec file. */
export interface Diagnostic extends Place {
  message: string
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.message}`
}

/** Thrown when a spec cannot be used; carries every problem found, not just the first. */
export class SpecError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'))
    this.name = 'SpecError'
  }
}

/** Collects diagnostics while a spec is read, so one run reports them all. */
export class Diagnostics {
  readonly list: Diagnostic[] = []
  add(place: Place, message: string): void {
    this.list.push({ file: place.file, line: place.line, message })
  }
  get empty(): boolean {
    return this.list.length === 0
  }
  sorted(): Diagnostic[] {
    return [...this.list].sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.message.localeCompare(b.message),
    )
  }
}
