// The user entry, oicp/runtime (runtime/index.ts), as an editor shows it: every export has a
// doc comment, every optional member of an options interface says its default, and every
// function or class that takes options shows an example. Read with the compiler's checker,
// so re-exports are followed to their declarations and inherited members count too.
import { resolve } from 'node:path'
import ts from 'typescript'
import { test } from 'uvu'
import * as assert from 'uvu/assert'

/** Optional members where a default makes no sense, each with the reason. */
const NO_DEFAULT: Record<string, string> = {
  'ClientOptions.hooks': 'callbacks: without them nothing is reported',
  'ClientOptions.headers': 'extra headers: none is simply their absence',
  'CallOptions.headers': 'extra headers: none is simply their absence',
  'PagesOptions.headers': 'extra headers (from CallOptions): none is simply their absence',
  'CallOptions.signal': 'an abort signal only the caller can make',
  'PagesOptions.signal': 'an abort signal (from CallOptions) only the caller can make',
  'TlsOptions.passphrase': 'only for an encrypted key, whose passphrase nothing can guess',
  'ServerOptions.onValidationError': 'a callback: without it reports go nowhere',
  'ServerOptions.onError': 'a callback: without it errors go nowhere',
  'RedisPushQueueOptions.url': 'one of url and redis must be given',
  'RedisPushQueueOptions.redis': 'one of url and redis must be given',
}

const ENTRY = resolve('runtime/index.ts')

function entryExports(): { checker: ts.TypeChecker; exports: { name: string; symbol: ts.Symbol }[] } {
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile('tsconfig.json', (f) => ts.sys.readFile(f)).config,
    ts.sys,
    process.cwd(),
  )
  const program = ts.createProgram([ENTRY], config.options)
  const checker = program.getTypeChecker()
  const module = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!
  const exports = checker.getExportsOfModule(module).map((e) => ({
    name: e.name,
    symbol: e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e,
  }))
  return { checker, exports }
}

const { checker, exports } = entryExports()

function tags(symbol: ts.Symbol): string[] {
  return symbol.getJsDocTags(checker).map((t) => t.name)
}

function documented(symbol: ts.Symbol): boolean {
  return symbol.getDocumentationComment(checker).some((part) => part.text.trim() !== '')
}

/** The interfaces the entry exports for options, e.g. ClientOptions. */
function optionInterfaces(): { name: string; type: ts.Type }[] {
  return exports
    .filter((e) => e.name.endsWith('Options') && e.symbol.flags & ts.SymbolFlags.Interface)
    .map((e) => ({ name: e.name, type: checker.getDeclaredTypeOfSymbol(e.symbol) }))
}

/** The parameter types of a function, or of a class's constructors. */
function parameterTypes(symbol: ts.Symbol): ts.Type[] {
  const declaration = symbol.valueDeclaration
  if (!declaration) return []
  const type = checker.getTypeOfSymbolAtLocation(symbol, declaration)
  const signatures = symbol.flags & ts.SymbolFlags.Class ? type.getConstructSignatures() : type.getCallSignatures()
  return signatures.flatMap((s) => s.getParameters().map((p) => checker.getTypeOfSymbolAtLocation(p, declaration)))
}

test('the entry exports the user API and none of the plumbing generated code runs on', () => {
  const names = new Set(exports.map((e) => e.name))
  for (const name of [
    'createServerCore',
    'mount',
    'MessageRegistry',
    'OicpError',
    'formatIssues',
    'LastCallWatermark',
    'TlsOptions',
  ])
    assert.ok(names.has(name), `${name} is missing`)
  for (const name of [
    'Ctx',
    'fitsDigits',
    'LENIENT',
    'STRICT',
    'isObject',
    'hasAny',
    'onlyKnownKeys',
    'pointer',
    'isDateTime',
    'fault',
    'REMOVED',
    'removalWarning',
    'leafValidator',
    'runCheck',
    'ClientCore',
    'Binding',
    'routeTable',
    'RouteEntry',
  ])
    assert.not.ok(names.has(name), `${name} is plumbing (oicp/runtime/internal)`)
})

test('every export of oicp/runtime has a doc comment', () => {
  const bare = exports.filter((e) => !documented(e.symbol)).map((e) => e.name)
  assert.equal(bare, [])
})

test('every optional member of an options interface says its default, or is listed with a reason', () => {
  const missing: string[] = []
  for (const { name, type } of optionInterfaces())
    for (const member of checker.getPropertiesOfType(type)) {
      const key = `${name}.${member.name}`
      if (member.flags & ts.SymbolFlags.Optional && !tags(member).includes('default') && !(key in NO_DEFAULT))
        missing.push(key)
    }
  assert.equal(missing, [])
})

test('the list of members without a default holds only optional members that have none', () => {
  const members = new Map<string, ts.Symbol>(
    optionInterfaces().flatMap(({ name, type }) =>
      checker.getPropertiesOfType(type).map((m) => [`${name}.${m.name}`, m] as const),
    ),
  )
  for (const key of Object.keys(NO_DEFAULT)) {
    const member = members.get(key)
    assert.ok(member, `${key} is not a member of an exported options interface`)
    assert.ok(member.flags & ts.SymbolFlags.Optional, `${key} is required`)
    assert.not.ok(tags(member).includes('default'), `${key} has a @default after all`)
  }
})

test('every function or class that takes options shows an @example', () => {
  const takesOptions = (t: ts.Type) =>
    [t, ...(t.isUnion() ? t.types : [])].some((u) => u.getSymbol()?.name.endsWith('Options'))
  const callables = exports.filter((e) => e.symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class))
  const withOptions = callables.filter((e) => parameterTypes(e.symbol).some(takesOptions))
  assert.ok(withOptions.length >= 4, withOptions.map((e) => e.name).join(', '))
  assert.equal(
    withOptions.filter((e) => !tags(e.symbol).includes('example')).map((e) => e.name),
    [],
  )
})

test.run()
