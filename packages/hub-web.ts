// Bundles the hub's web view (hub/web/client) into static files: the page, one script, one
// stylesheet and the Natural Earth country outlines (from world-atlas), with no request
// beyond the hub's own view at run time. `npm run build` writes them to dist/hub-web, which
// oicp-dev ships; a hub run from source bundles them in memory (hub/web/assets.ts).
// Run: node --import tsx packages/hub-web.ts [--out DIR]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const CLIENT = join(ROOT, 'hub', 'web', 'client')
/** Coarse outlines for the whole world, finer ones fetched once the map is zoomed in. */
const OUTLINES = ['countries-110m.json', 'countries-50m.json']

export async function bundleWebView(): Promise<Map<string, Uint8Array>> {
  const result = await build({
    entryPoints: { app: join(CLIENT, 'main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    outdir: 'out',
    legalComments: 'none',
    logLevel: 'silent',
  })
  const files = new Map<string, Uint8Array>()
  for (const f of result.outputFiles) files.set(f.path.split(/[\\/]/).pop()!, f.contents)
  files.set('index.html', readFileSync(join(CLIENT, 'index.html')))
  const atlas = dirname(createRequire(import.meta.url).resolve('world-atlas/package.json'))
  for (const name of OUTLINES) files.set(name, readFileSync(join(atlas, name)))
  return files
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out')
  const out = resolve(at > 0 ? process.argv[at + 1]! : join(ROOT, 'dist', 'hub-web'))
  const files = await bundleWebView()
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const sizes: string[] = []
  for (const [name, body] of files) {
    writeFileSync(join(out, name), body)
    sizes.push(
      `${name} ${(body.byteLength / 1024).toFixed(1)} KiB (gzip ${(gzipSync(body).byteLength / 1024).toFixed(1)} KiB)`,
    )
  }
  console.log(`hub web view → ${out}: ${sizes.join(', ')}`)
}
