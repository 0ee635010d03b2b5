// What can go wrong with the hub's data folder, in one line each: what happened and to
// which file. SQLite's result codes and the file system's errno codes are sorted into a
// few problems a person can act on; anything else is left as it is (a bug, with its stack).
import { describeFsError } from '../../generator/fs-errors.js'

export type StorageProblem = 'damaged' | 'inUse' | 'readOnly' | 'full' | 'cannotOpen' | 'io' | 'version' | 'oldJournal'

/** Short words for a partner's answer (021), which must not name the hub's files. */
const SUMMARY: Record<StorageProblem, string> = {
  damaged: 'its database is damaged',
  inUse: 'its database is in use by another process',
  readOnly: 'its database is read-only',
  full: 'its database is full',
  cannotOpen: 'its database cannot be opened',
  io: 'its disk reported an error',
  version: 'its database is of another version',
  oldJournal: 'its old journal is damaged',
}

/** The hub's data folder or database cannot be used; the message is one line and names the file. */
export class HubStorageError extends Error {
  override readonly name = 'HubStorageError'

  constructor(
    message: string,
    readonly problem: StorageProblem,
    /** The file or folder concerned. */
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    // One line wherever it is printed: the stack of a disk problem helps nobody.
    this.stack = `${this.name}: ${message}`
  }

  /** For the answer to a partner: what failed, without paths. */
  get summary(): string {
    return SUMMARY[this.problem]
  }
}

function sqliteProblem(code: string): StorageProblem | undefined {
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged'
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'inUse'
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH'))
    return 'readOnly'
  if (code === 'SQLITE_FULL') return 'full'
  if (code.startsWith('SQLITE_CANTOPEN')) return 'cannotOpen'
  if (code.startsWith('SQLITE_IOERR')) return 'io'
  return undefined
}

const SQLITE_WORDS: Record<StorageProblem, (file: string) => string> = {
  damaged: (f) => `${f} is damaged or is not a hub database; restore it from a backup, or move it aside to start empty`,
  inUse: (f) => `${f} is in use by another process: is another hub running on this data folder?`,
  readOnly: (f) => `${f} cannot be written: the file or its folder is read-only`,
  full: (f) => `${f} is full: the disk, or the size limit set for the hub, is reached`,
  cannotOpen: (f) => `${f} cannot be opened: check that its folder exists and can be read and written`,
  io: (f) => `${f}: the disk reported an input/output error`,
  version: (f) => `${f} is of an unknown version`,
  oldJournal: (f) => `${f} is damaged`,
}

/** A file system error in words, with its code: "permission denied (EACCES)". */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  return code ? `${describeFsError(e)} (${code})` : describeFsError(e)
}

const FS_PROBLEM: Record<string, StorageProblem> = {
  EACCES: 'readOnly',
  EPERM: 'readOnly',
  EROFS: 'readOnly',
  ENOSPC: 'full',
  EDQUOT: 'full',
  EIO: 'io',
}

/**
 * The storage problem an error from SQLite or the file system stands for, as a
 * HubStorageError about `file`; undefined for any other error.
 */
export function storageErrorOf(e: unknown, file: string): HubStorageError | undefined {
  if (e instanceof HubStorageError) return e
  const code = (e as { code?: unknown } | undefined)?.code
  if (typeof code !== 'string') return undefined
  if (code.startsWith('SQLITE_')) {
    const problem = sqliteProblem(code)
    return problem && new HubStorageError(`${SQLITE_WORDS[problem](file)} (${code})`, problem, file, { cause: e })
  }
  const path = (e as NodeJS.ErrnoException).path
  if (path === undefined || !/^E[A-Z]+$/.test(code)) return undefined
  return new HubStorageError(`cannot use ${path}: ${fsReason(e)}`, FS_PROBLEM[code] ?? 'cannotOpen', path, { cause: e })
}
