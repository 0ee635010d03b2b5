// Where the project's own files (templates/, runtime/) are, whether run from source or dist/.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'oicp') return dir
    if (dirname(dir) === dir) throw new Error('oicp: cannot find the oicp package folder')
  }
}

/** The folder of the oicp package itself. */
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))
