// Emits a release's schemas.ts and validators.ts: they gather the modules of the spec
// files the release includes, so code of the release imports from one place.
import { StructureKind, VariableDeclarationKind, type SourceFile, type StatementStructures } from 'ts-morph'
import type { SpecModule } from '../modules.js'
import { ident } from '../naming.js'

export function emitSchemasBarrel(file: SourceFile, modules: SpecModule[], importOf: (m: SpecModule) => string): void {
  file.addStatements(
    modules.map((m): StatementStructures => ({ kind: StructureKind.ExportDeclaration, moduleSpecifier: importOf(m) })),
  )
}

export function emitValidatorsBarrel(
  file: SourceFile,
  modules: SpecModule[],
  importOf: (m: SpecModule) => string,
): void {
  // Named by the spec key, so the names do not depend on where the spec folder lies.
  const local = (m: SpecModule) => ident(m.key.replace(/\.ya?ml$/, ''))
  const statements: StatementStructures[] = modules.map((m) => ({
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: importOf(m),
    namedImports: [{ name: 'validators', alias: local(m) }],
  }))
  statements.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['The validator pair (fast test, full check) of every data type and message of the release, by name.'],
    declarations: [{ name: 'validators', initializer: `{ ${modules.map((m) => `...${local(m)}`).join(', ')} }` }],
  })
  file.addStatements(statements)
}
