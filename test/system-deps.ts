// What the tests need from the system besides npm packages, installed when missing so that
// `npm test` passes on a fresh machine by itself: Debian's redis-server (the cross-process
// push queue tests start their own on a free port) and chromium (the hub's web view is
// tested in it, driven by playwright-core).
import { spawnSync } from 'node:child_process'

const PACKAGES: Array<{ command: string; debian: string }> = [
  { command: 'redis-server', debian: 'redis-server' },
  { command: 'chromium', debian: 'chromium' },
]

function has(command: string): boolean {
  const r = spawnSync(command, ['--version'], { stdio: 'ignore' })
  return !r.error && r.status === 0
}

/** Installs the missing packages with apt-get; returns a line per package it could not install. */
export function ensureSystemPackages(): string[] {
  const missing = PACKAGES.filter((p) => !has(p.command))
  if (missing.length === 0) return []
  const names = missing.map((p) => p.debian)
  const root = process.getuid?.() === 0
  const apt = (...args: string[]) =>
    spawnSync(root ? 'apt-get' : 'sudo', root ? args : ['-n', 'apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  console.log(`installing ${names.join(', ')} (Debian packages the tests need)`)
  const installed =
    apt('install', '-y', '-qq', ...names).status === 0 ||
    (apt('update', '-qq').status === 0 && apt('install', '-y', '-qq', ...names).status === 0)
  if (installed)
    return missing
      .filter((p) => !has(p.command))
      .map((p) => `${p.command} is still missing after installing ${p.debian}`)
  return [
    `could not install ${names.join(', ')} with apt-get (install ${names.join(' ')} yourself): the tests that need them will fail`,
  ]
}
