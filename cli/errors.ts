// Failures a user can act on. The dispatcher prints them as one line,
// `oicp <command>: <message>`, plus at most a hint line; never a stack trace.

export type ExitCode = 1 | 2

export class CliError extends Error {
  constructor(
    message: string,
    /** 1: the thing checked failed; 2: wrong arguments or input that cannot be read. */
    readonly exitCode: ExitCode = 2,
    /** A second line, e.g. `(list them with oicp validate --list)`. */
    readonly hint?: string,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/**
 * Wrong arguments: exit 2. Without a hint of its own, the dispatcher points to the
 * command's help, unless the message already suggests a fix ("did you mean").
 */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint)
    this.name = 'UsageError'
  }
}
