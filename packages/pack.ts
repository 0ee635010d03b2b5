// Builds the two published packages from one repository: `oicp`, what a service runs (the
// generated releases and the runtime), and `oicp-dev`, what only generating and developing
// need (the oicp command, the generator, specs, templates, the local hub, certificates).
// Each is staged under dist/packages/<name> from its manifest here and packed with npm.
// Run `npm run pack` (it builds first); tarballs go to dist/packages/ or `--out DIR`.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** What each package holds: repository paths copied to the same place in the package. */
export const CONTENTS = {
  oicp: ['dist/runtime', 'dist/generated', 'README.md', 'LICENSE'],
  'oicp-dev': [
    'bin',
    'dist/cli',
    'dist/generator',
    'dist/hub',
    'dist/hub-web',
    'spec',
    'templates',
    'vectors',
    'docs/vectors.md',
    'LICENSE',
    'packages/oicp-dev/README.md',
  ],
} as const

export type PackageName = keyof typeof CONTENTS

function npmCommand(): string {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm'
}

/** Stages one package and packs it; returns the tarball's path. */
export function packPackage(name: PackageName, outDir: string): string {
  const stage = join(ROOT, 'dist', 'packages', name)
  rmSync(stage, { recursive: true, force: true })
  mkdirSync(stage, { recursive: true })
  for (const path of CONTENTS[name]) {
    // A package's own README goes to its top.
    const target = path.startsWith('packages/') ? join(stage, path.split('/').pop()!) : join(stage, path)
    cpSync(join(ROOT, path), target, { recursive: true })
  }
  writeFileSync(join(stage, 'package.json'), readFileSync(join(ROOT, 'packages', name, 'package.json')))
  mkdirSync(outDir, { recursive: true })
  const out = execFileSync(npmCommand(), ['pack', '--silent', '--pack-destination', resolve(outDir)], {
    cwd: stage,
    encoding: 'utf8',
  })
  return join(resolve(outDir), out.trim().split('\n').pop()!)
}

/** Both packages; the repository must be built (`npm run build`). */
export function packAll(outDir = join(ROOT, 'dist', 'packages')): Record<PackageName, string> {
  return { oicp: packPackage('oicp', outDir), 'oicp-dev': packPackage('oicp-dev', outDir) }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out')
  const tarballs = packAll(at > 0 ? process.argv[at + 1] : undefined)
  for (const [name, file] of Object.entries(tarballs)) console.log(`${name}: ${file}`)
}
