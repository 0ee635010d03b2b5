// What the docs import exists: every import of a TypeScript block in README.md,
// CONTRIBUTING.md and docs/*.md names an entry point the published packages export and names
// that entry point exports (type-checked against the sources). Blocks are excerpts, so only
// their imports are compiled; whole examples are run by the tests that quote them. And every
// generator config the docs show loads as it stands.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadConfig } from '../generator/config.js'

const PAGES = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
]
const PACKAGES: Record<string, string> = {
  oicp: 'packages/oicp/package.json',
  'oicp-dev': 'packages/oicp-dev/package.json',
}

interface Block {
  page: string
  line: number
  imports: ts.ImportDeclaration[]
  source: ts.SourceFile
}

function blocks(): Block[] {
  const out: Block[] = []
  for (const page of PAGES) {
    const text = readFileSync(page, 'utf8')
    for (const m of text.matchAll(/^```ts[^\n]*\n([\s\S]*?)^```$/gm)) {
      const line = text.slice(0, m.index).split('\n').length + 1
      const source = ts.createSourceFile(`${page}.ts`, m[1]!, ts.ScriptTarget.ES2022, true)
      out.push({ page, line, source, imports: source.statements.filter(ts.isImportDeclaration) })
    }
  }
  return out
}

/** The package and subpath an import names, when it is one of ours. */
function ours(specifier: string): { pkg: string; subpath: string } | undefined {
  const [scope, ...rest] = specifier.split('/')
  return scope! in PACKAGES ? { pkg: scope!, subpath: ['.', ...rest].join('/') } : undefined
}

test('docs have TypeScript blocks that import our packages', () => {
  const all = blocks()
  assert.ok(all.length >= 8, `${all.length} blocks`)
  assert.ok(all.some((b) => b.imports.some((i) => ours((i.moduleSpecifier as ts.StringLiteral).text))))
})

test('each import of the docs names an entry point the published packages export', () => {
  const problems: string[] = []
  for (const b of blocks())
    for (const i of b.imports) {
      const name = (i.moduleSpecifier as ts.StringLiteral).text
      const o = ours(name)
      if (!o) continue
      const exports = (JSON.parse(readFileSync(PACKAGES[o.pkg]!, 'utf8')) as { exports: Record<string, unknown> })
        .exports
      if (!(o.subpath in exports)) problems.push(`${b.page}:${b.line}: ${name} is not exported by ${o.pkg}`)
    }
  assert.equal(problems, [])
})

test('each name the docs import is exported there (type-checked)', () => {
  const files = new Map<string, string>()
  const origin = new Map<string, Block>()
  for (const [n, b] of blocks().entries()) {
    const lines = b.imports
      .filter((i) => ours((i.moduleSpecifier as ts.StringLiteral).text))
      .map((i) => i.getText(b.source))
    if (lines.length === 0) continue
    const file = resolve(`test/.docs-block-${n}.ts`)
    files.set(file, `${lines.join('\n')}\nexport {}\n`)
    origin.set(file, b)
  }
  const options: ts.CompilerOptions = {
    ...ts.parseJsonConfigFileContent(
      ts.readConfigFile('tsconfig.json', (f) => ts.sys.readFile(f)).config,
      ts.sys,
      process.cwd(),
    ).options,
    noUnusedLocals: false,
    paths: { 'oicp-dev/hub': ['./hub/index.ts'], 'oicp-dev/certs': ['./cli/certs.ts'] },
  }
  const host = ts.createCompilerHost(options)
  const read = host.readFile.bind(host)
  const exists = host.fileExists.bind(host)
  const getSource = host.getSourceFile.bind(host)
  host.readFile = (f) => files.get(resolve(f)) ?? read(f)
  host.fileExists = (f) => files.has(resolve(f)) || exists(f)
  host.getSourceFile = (f, v, onError) => {
    const text = files.get(resolve(f))
    return text === undefined ? getSource(f, v, onError) : ts.createSourceFile(f, text, v)
  }
  const program = ts.createProgram([...files.keys()], options, host)
  const problems = [...files.keys()].flatMap((file) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => {
      const b = origin.get(file)!
      return `${b.page} (block at line ${b.line}): ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`
    }),
  )
  assert.equal(problems, [])
})

test('each generator config the docs show loads (a config is a YAML block with releases:)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-docs-config-'))
  const problems: string[] = []
  let configs = 0
  try {
    for (const page of PAGES) {
      const text = readFileSync(page, 'utf8')
      for (const m of text.matchAll(/^```yaml[^\n]*\n([\s\S]*?)^```$/gm)) {
        if (!/^releases:/m.test(m[1]!)) continue
        configs++
        const file = join(dir, 'oicp.config.yaml')
        writeFileSync(file, m[1]!)
        try {
          loadConfig(file)
        } catch (e) {
          problems.push(`${page}:${text.slice(0, m.index).split('\n').length + 1}: ${(e as Error).message}`)
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  assert.ok(configs >= 2, `${configs} configs`)
  assert.equal(problems, [])
})

test("a config naming oicp/runtime as the generated code's runtime is refused, naming the line", () => {
  const dir = mkdtempSync(join(tmpdir(), 'oicp-docs-config-'))
  try {
    const file = join(dir, 'oicp.config.yaml')
    writeFileSync(file, 'output: src/generated\nruntime: oicp/runtime\nreleases:\n  - spec: oicp-2.3\n')
    assert.throws(() => loadConfig(file), /oicp\.config\.yaml:2.*oicp\/runtime\/internal/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
