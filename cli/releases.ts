// Release folders the command line can name, from any working folder: those under ./spec/
// when the current folder has one (a project's own or changed releases), then the specs
// the package ships. A release is named by its folder, its folder name (oicp-2.3) or its
// number (2.3).
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { packagedSpecs } from '../generator/config.js'
import { PACKAGE_ROOT } from '../generator/paths.js'

export interface KnownRelease {
  /** The release number from release.yaml, e.g. 2.3. */
  release: string
  /** The folder's name, e.g. oicp-2.3. */
  name: string
  /** The folder, absolute. */
  dir: string
}

function releaseNumber(dir: string): string | undefined {
  return /^release:\s*["']?([^"'\s]+)/m.exec(readFileSync(join(dir, 'release.yaml'), 'utf8'))?.[1]
}

function localSpecs(): string[] {
  if (!existsSync('spec')) return []
  return readdirSync('spec')
    .filter((d) => existsSync(join('spec', d, 'release.yaml')))
    .sort()
    .map((d) => resolve('spec', d))
}

/** Every release found, local ones first; a folder reached both ways is listed once. */
export function knownReleases(): KnownRelease[] {
  const seen = new Set<string>()
  const out: KnownRelease[] = []
  for (const dir of [...localSpecs(), ...packagedSpecs().map((name) => join(PACKAGE_ROOT, 'spec', name))]) {
    const real = realpathSync(dir)
    const release = releaseNumber(dir)
    if (seen.has(real) || !release) continue
    seen.add(real)
    out.push({ release, name: dir.split(/[\\/]/).pop()!, dir })
  }
  return out
}

/** The folder of a release named on the command line, or undefined. */
export function findRelease(arg: string): string | undefined {
  if (existsSync(join(arg, 'release.yaml'))) return resolve(arg)
  const known = knownReleases()
  return (known.find((r) => r.name === arg) ?? known.find((r) => r.release === arg))?.dir
}

/** For messages: the release numbers that can be named, newest first. */
export function releaseNumbers(): string {
  const newestFirst = (a: string, b: string) => b.localeCompare(a, 'en', { numeric: true })
  return [...new Set(knownReleases().map((r) => r.release))].sort(newestFirst).join(', ')
}
