// npm run bench: every section in bench/sections/, in name order, in this one process.
// Each section measures its subjects side by side and prints ratios.
//   npm run bench -- NAME      only sections whose file name contains NAME
//   npm run bench -- --quick   leave out the long ones (a section exporting `long = true`)
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = join(dirname(fileURLToPath(import.meta.url)), 'sections')
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const unknown = args.filter((a) => a.startsWith('-') && a !== '--quick')
if (unknown.length > 0) throw new Error(`bench: unknown option ${unknown.join(', ')} (known: --quick)`)
const only = args.find((a) => !a.startsWith('-'))
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort()) {
  if (only && !file.includes(only)) continue
  const section = (await import(join(dir, file))) as { default: () => unknown; long?: boolean }
  if (quick && section.long) continue
  console.log(`\n## ${file.replace(/^\d+-/, '').replace(/\.ts$/, '')}`)
  await section.default()
}
