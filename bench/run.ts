// npm run bench: every section in bench/sections/, in name order, in this one process.
// Each section measures its subjects side by side and prints ratios.
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = join(dirname(fileURLToPath(import.meta.url)), 'sections')
const only = process.argv[2]
for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
  if (only && !file.includes(only)) continue
  console.log(`\n## ${file.replace(/^\d+-/, '').replace(/\.ts$/, '')}`)
  const section = (await import(join(dir, file))) as { default: () => unknown }
  await section.default()
}
