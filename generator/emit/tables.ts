// Emits messages.ts (the message registry), operations.ts (the operation table) and index.ts.
import { VariableDeclarationKind, type SourceFile } from 'ts-morph'
import { isMessage, type Release } from '../spec/model.js'
import { lit } from './common.js'

function messagesOf(release: Release) {
  return [...release.types.values()].filter(isMessage).sort((a, b) => a.name.localeCompare(b.name))
}

export function emitMessages(file: SourceFile, release: Release, runtime: string): void {
  const list = messagesOf(release)
  file.addImportDeclaration({ moduleSpecifier: runtime, namedImports: ['MessageRegistry'] })
  file.addImportDeclaration({ moduleSpecifier: './schemas.js', namespaceImport: 'S', isTypeOnly: true })
  file.addImportDeclaration({ moduleSpecifier: './validators.js', namedImports: ['validators'] })
  file.addInterface({
    isExported: true,
    name: 'Messages',
    docs: ['Every message of the release by name, with its static type.'],
    properties: list.map((m) => ({ name: m.name, type: `S.${m.name}` })),
  })
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      `Every message of OICP ${release.release}; look-ups ignore letter case and accept the other spellings of the sources.`,
    ],
    declarations: [
      {
        name: 'messages',
        initializer: (w) => {
          w.write(`new MessageRegistry<Messages>(${lit(release.release)}, [`).newLine()
          w.indent(() => {
            for (const m of list)
              w.writeLine(
                `{ name: ${lit(m.name)}, aliases: [${m.message.aliases.map(lit).join(', ')}], ...validators.${m.name} },`,
              )
          })
          w.write('])')
        },
      },
    ],
  })
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['Validates a value against a message by name: the typed value, or every issue with its JSON pointer.'],
    declarations: [{ name: 'validate', initializer: 'messages.validate.bind(messages) as typeof messages.validate' }],
  })
}

export function emitOperations(file: SourceFile, release: Release, runtime: string): void {
  file.addImportDeclaration({ moduleSpecifier: runtime, isTypeOnly: true, namedImports: ['OperationInfo'] })
  const ops = release.services.flatMap((s) => s.operations)
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [`Every operation of OICP ${release.release}, in spec order.`],
    declarations: [
      {
        name: 'operations',
        initializer: (w) => {
          w.write('[').newLine()
          w.indent(() => {
            for (const op of ops) {
              const entry = {
                id: `${op.name}_V${op.serviceVersion}`,
                name: op.name,
                service: op.service,
                serviceVersion: op.serviceVersion,
                method: op.method,
                path: op.path,
                pathParams: op.pathParams,
                from: op.from,
                to: op.to,
                ...(op.forwardedTo ? { forwardedTo: op.forwardedTo } : {}),
                implementation: op.implementation,
                request: 'message' in op.request ? op.request.message : op.request,
                response: op.response,
                sequential: op.sequential,
                query: op.query.map((q) => ({ name: q.name, type: q.type })),
              }
              w.writeLine(`${JSON.stringify(entry)},`)
            }
          })
          w.write('] as const satisfies readonly OperationInfo[]')
        },
      },
    ],
  })
}

export function emitIndex(file: SourceFile, release: Release): void {
  // Types only: the TypeBox schemas themselves live in ./schemas.js (oicp/<release>/schemas),
  // so that importing the release does not load TypeBox.
  file.addStatements("export type * from './schemas.js'")
  file.addExportDeclaration({ moduleSpecifier: './validators.js', namedExports: ['validators'] })
  file.addExportDeclaration({
    moduleSpecifier: './messages.js',
    namedExports: ['messages', 'validate', { name: 'Messages', isTypeOnly: true }],
  })
  file.addExportDeclaration({ moduleSpecifier: './operations.js', namedExports: ['operations'] })
  file.addExportDeclaration({ moduleSpecifier: './client.js' })
  file.addExportDeclaration({ moduleSpecifier: './routes.js' })
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['The OICP release this module was generated from.'],
    declarations: [{ name: 'release', initializer: lit(release.release) }],
  })
}
