// The page's files: from a folder given, from the one the package ships beside this code
// (dist/hub-web, made by `npm run build`), or, running from source, bundled on first use
// from hub/web/client, so the page is never older than its sources.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface Asset {
  type: string
  body: Uint8Array
}

export type Assets = ReadonlyMap<string, Asset>

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
}

function typed(files: Iterable<[string, Uint8Array]>): Assets {
  return new Map(
    [...files].map(([name, body]) => [name, { type: TYPES[extname(name)] ?? 'application/octet-stream', body }]),
  )
}

function fromFolder(dir: string): Assets {
  return typed(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))] as [string, Uint8Array]))
}

/** What the bundler module (packages/hub-web.ts, in the repository only) offers. */
interface Bundler {
  bundleWebView(): Promise<Map<string, Uint8Array>>
}

export async function loadAssets(dir?: string): Promise<Assets> {
  if (dir !== undefined) return fromFolder(dir)
  const shipped = fileURLToPath(new URL('../../hub-web/', import.meta.url))
  if (existsSync(join(shipped, 'index.html'))) return fromFolder(shipped)
  const source = new URL('../../packages/hub-web.ts', import.meta.url)
  if (import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(source))) {
    const bundler = (await import(source.href)) as Bundler
    return typed(await bundler.bundleWebView())
  }
  throw new Error(`the web view's page is not built (no ${shipped}); run npm run build`)
}
