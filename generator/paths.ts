// Where the generator's own files (spec/, templates/) are: the repository when run from source,
// the installed oicp-dev package otherwise.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository (its workspace manifest is named oicp) or the published tools package. */
const PACKAGE_NAMES = ['oicp', 'oicp-dev']

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (
      existsSync(manifest) &&
      PACKAGE_NAMES.includes((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ?? '')
    )
      return dir
    if (dirname(dir) === dir) throw new Error('oicp: cannot find the oicp-dev package folder')
  }
}

/** The folder holding spec/ and templates/. */
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))
