// What a service installs: the oicp package packed as published, installed into a fresh
// project with `npm install oicp --omit=dev`, beside oicp-dev for comparison (what only
// generating and developing need). Sizes are of node_modules on disk.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packAll } from '../../packages/pack.js'
import { table } from '../measure.js'

const MB = 1024 * 1024

/** File bytes, and bytes on disk (whole blocks, as `du` counts them). */
function bytes(dir: string): { files: number; disk: number } {
  const total = { files: 0, disk: 0 }
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name)
    const s = statSync(path)
    total.disk += s.blocks * 512
    if (e.isDirectory()) {
      const inner = bytes(path)
      total.files += inner.files
      total.disk += inner.disk
    } else if (e.isFile()) total.files += s.size
  }
  return total
}

/** Packages in node_modules (scoped ones counted one by one), and their size. */
function installed(dir: string): { mb: number; diskMb: number; packages: number } {
  const modules = join(dir, 'node_modules')
  let packages = 0
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.')) continue
    packages += name.startsWith('@') ? readdirSync(join(modules, name)).length : 1
  }
  const size = bytes(modules)
  return { mb: size.files / MB, diskMb: size.disk / MB, packages }
}

function install(tarballs: string[], production: boolean): ReturnType<typeof installed> {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-bench-install-'))
  try {
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'bench', version: '1.0.0', private: true, type: 'module' }),
    )
    execFileSync(
      'npm',
      [
        'install',
        ...(production ? ['--omit=dev'] : []),
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--loglevel=error',
        ...tarballs,
      ],
      { cwd: dir, stdio: 'pipe' },
    )
    return installed(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export default function run(): void {
  const out = mkdtempSync(join(tmpdir(), 'oicp-bench-pack-'))
  try {
    const packed = packAll(out)
    const runtime = install([packed.oicp], true)
    const dev = install([packed.oicp, packed['oicp-dev']], false)
    table(
      ['install', 'files', 'on disk (du)', 'packages', 'on disk vs. 15 MB budget'],
      [
        [
          'npm install oicp --omit=dev (what a service runs)',
          `${runtime.mb.toFixed(1)} MB`,
          `${runtime.diskMb.toFixed(1)} MB`,
          String(runtime.packages),
          `${(runtime.diskMb / 15).toFixed(2)}×`,
        ],
        [
          'npm install oicp oicp-dev (development)',
          `${dev.mb.toFixed(1)} MB`,
          `${dev.diskMb.toFixed(1)} MB`,
          String(dev.packages),
          '',
        ],
      ],
    )
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}
