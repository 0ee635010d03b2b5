// Where Hubject's OICP files are (the spec text and the official OpenAPI trees). They are
// not part of this project: $OICP_SOURCES names a folder holding 2.3/openapi-cpo and
// 2.3/openapi-emp; without it, ../shared/oicp beside the repository is tried.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

export type OicpSources = { found: true; dir: string } | { found: false; reason: string }

/** The folder holding `<release>/openapi-cpo` and `<release>/openapi-emp`, or why there is none. */
export function oicpSources(release = '2.3'): OicpSources {
  const fromEnv = process.env.OICP_SOURCES
  const candidates = fromEnv ? [resolve(fromEnv)] : [resolve(ROOT, '..', 'shared', 'oicp')]
  for (const dir of candidates)
    if (['openapi-cpo', 'openapi-emp'].every((tree) => existsSync(join(dir, release, tree))))
      return { found: true, dir }
  const where = fromEnv ? `OICP_SOURCES (${candidates[0]})` : `${candidates[0]} (OICP_SOURCES is not set)`
  return {
    found: false,
    reason: `Hubject's OICP ${release} OpenAPI files are not in ${where}; set OICP_SOURCES to a folder holding ${release}/openapi-cpo and ${release}/openapi-emp`,
  }
}
