// Tests that cannot run here (their inputs are missing) say so on one line that test/run.ts
// lists in its summary, instead of passing silently.
export const NOT_RUN = 'NOT RUN:'

/** Prints the line for a test file (or test) that did not run, and why. */
export function notRun(what: string, reason: string): void {
  console.log(`${NOT_RUN} ${what}: ${reason}`)
}

/** The not-run lines in a test run's output (the marker may follow a test runner's progress dots). */
export function notRunLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.includes(NOT_RUN))
    .map((line) => line.slice(line.indexOf(NOT_RUN) + NOT_RUN.length).trim())
}
