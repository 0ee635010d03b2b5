// A certificate or key file the command line names (or defaults to): one that cannot be read
// is a usage error, worded by the command, that says how to get one.
import { readFileSync } from 'node:fs'
import { UsageError } from './errors.js'

/** The file's bytes; `unreadable` words the error from the reason's code (ENOENT, EACCES, ...). */
export function readPem(path: string, unreadable: (code: string) => string): Buffer {
  try {
    return readFileSync(path)
  } catch (e) {
    throw new UsageError(unreadable((e as NodeJS.ErrnoException).code ?? 'error'))
  }
}
