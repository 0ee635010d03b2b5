// Emits routes.ts: per serving role, the handler interface (one typed handler per
// operation the role receives) and the route table the server core mounts.
// Imports only the runtime, the message registry and the operation table: no TypeBox,
// so that importing the release stays cheap.
import { VariableDeclarationKind, type SourceFile } from 'ts-morph'
import type { Operation, Release, Role } from '../spec/model.js'
import { handlersTypeName, memberName, routesName } from '../naming.js'
import { lit } from './common.js'

// What each role's handler interface is, in its doc comment.
const HANDLERS_DOC: Record<Role, (release: string) => string> = {
  cpo: (r) => `The operations Hubject calls on a CPO in OICP ${r} (requests it forwards from EMPs), one handler each.`,
  emp: (r) => `The operations Hubject calls on an EMP in OICP ${r} (requests it forwards from CPOs), one handler each.`,
  hub: (r) =>
    `Every operation partners call on Hubject in OICP ${r}, one handler each: the hub side, for a local stand-in.`,
}

/** The operations a role serves: what Hubject forwards to a CPO or EMP, and everything for the hub. */
export function servedBy(release: Release, role: Role): Operation[] {
  return release.services
    .flatMap((s) => s.operations)
    .filter((op) => (role === 'hub' ? op.to === 'hub' : op.forwardedTo === role))
}

/** The discriminator value of each message of a oneOf request (the one value its field allows). */
function dispatchMap(release: Release, op: Operation): Record<string, string> | undefined {
  if ('message' in op.request) return undefined
  const { discriminator, oneOf } = op.request
  const map: Record<string, string> = {}
  for (const name of oneOf) {
    const t = release.types.get(name)
    const field = t?.kind === 'object' ? t.fields.find((f) => f.name === discriminator) : undefined
    const value = field?.only?.length === 1 ? field.only[0] : undefined
    if (value === undefined)
      throw new Error(
        `${op.name}: message ${name} must restrict ${discriminator} to one value (only: [...]) to be told apart`,
      )
    map[value] = name
  }
  return map
}

const QUERY_TYPES: Record<string, string> = {
  integer: 'number',
  decimal: 'number',
  boolean: 'boolean',
  string: 'string',
  dateTime: 'string',
}

function handlerType(op: Operation): string {
  const request =
    'message' in op.request
      ? `Messages[${lit(op.request.message)}]`
      : op.request.oneOf.map((m) => `Messages[${lit(m)}]`).join(' | ')
  const params = op.pathParams.length > 0 ? op.pathParams.map(lit).join(' | ') : 'never'
  const args = [request, `Messages[${lit(op.response)}]`, params]
  if (op.query.length > 0)
    args.push(`{ ${op.query.map((q) => `${q.name}?: ${QUERY_TYPES[q.type] ?? 'string'}`).join('; ')} }`)
  return `Handler<${args.join(', ')}>`
}

function handlerDoc(op: Operation): string {
  const served = `${op.method} ${op.path} (${op.service} ${op.serviceVersion}, ${op.implementation}).`
  const req =
    'message' in op.request
      ? op.request.message
      : `one of ${op.request.oneOf.join(', ')} by ${op.request.discriminator}`
  return `${op.doc}\n\n${served}\nReceives ${req}; answers ${op.response}.`
}

export function emitRoutes(file: SourceFile, release: Release, runtime: string, roles: Role[]): void {
  const serving = roles.filter((role) => servedBy(release, role).length > 0)
  if (serving.length === 0) {
    file.addStatements('export {}')
    return
  }
  file.addImportDeclaration({
    moduleSpecifier: runtime,
    namedImports: ['routeTable', { name: 'Handler', isTypeOnly: true }],
  })
  file.addImportDeclaration({
    moduleSpecifier: './messages.js',
    namedImports: ['messages', { name: 'Messages', isTypeOnly: true }],
  })
  file.addImportDeclaration({ moduleSpecifier: './operations.js', namedImports: ['operations'] })
  for (const role of serving) {
    const ops = servedBy(release, role)
    const typeName = handlersTypeName(role)
    file.addInterface({
      isExported: true,
      name: typeName,
      docs: [HANDLERS_DOC[role](release.release)],
      properties: ops.map((op) => ({ name: memberName(op.name), type: handlerType(op), docs: [handlerDoc(op)] })),
    })
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`The routes of ${typeName}: \`createServerCore(mount(${routesName(role)}, handlers))\`.`],
      declarations: [
        {
          name: routesName(role),
          initializer: (w) => {
            w.write(`routeTable<${typeName}>(messages, operations, ${lit(role)}, {`).newLine()
            w.indent(() => {
              for (const op of ops) {
                const dispatch = dispatchMap(release, op)
                const extra = dispatch
                  ? `, dispatch: { ${Object.entries(dispatch)
                      .map(([v, m]) => `${JSON.stringify(v)}: ${lit(m)}`)
                      .join(', ')} }`
                  : ''
                w.writeLine(`${memberName(op.name)}: { operation: ${lit(op.name)}${extra} },`)
              }
            })
            w.write('})')
          },
        },
      ],
    })
  }
}
