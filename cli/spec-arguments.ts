// Releases and roles named on the command line, turned into what the commands use, with the
// usage errors that list what could have been named. Release folders are looked up when a
// command runs (they are read from disk), not when the command line starts.
import { ROLES, type Release, type Role } from '../generator/spec/model.js'
import { UsageError } from './errors.js'

/** The help of a command's one release operand. */
export const RELEASE_OPERAND: [string, string] = [
  '<release>',
  'the OICP release: a number (2.3), a name (oicp-2.3) or a release folder',
]

/** The folder of a named release; `unknown` words the error from the release numbers there are. */
export async function namedReleaseDir(arg: string, unknown: (known: string) => string): Promise<string> {
  const { findRelease, releaseNumbers } = await import('./releases.js')
  const dir = findRelease(arg)
  if (!dir) throw new UsageError(unknown(releaseNumbers()))
  return dir
}

/** A release folder named on the command line, loaded. */
export async function loadNamedRelease(arg: string, unknown: (known: string) => string): Promise<Release> {
  const dir = await namedReleaseDir(arg, unknown)
  const { loadRelease } = await import('../generator/spec/load.js')
  return loadRelease(dir)
}

/** The release of a command whose one operand is a release (RELEASE_OPERAND), loaded. */
export async function releaseOperand(positionals: string[]): Promise<Release> {
  if (positionals.length !== 1) throw new UsageError(`takes one release (got ${positionals.length})`)
  const arg = positionals[0]!
  return loadNamedRelease(arg, (known) => `"${arg}" is not a release (known: ${known}) nor a release folder`)
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/** A role named on the command line; `unknown` begins the error when it is none. */
export function roleArgument(value: string, unknown: string): Role {
  if (!isRole(value)) throw new UsageError(`${unknown} (allowed: ${ROLES.join(', ')})`)
  return value
}
