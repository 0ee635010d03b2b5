// Emits client.ts: typed clients, one per role, one method per operation the role sends.
// Methods only bind an operation of the table to the runtime's ClientCore; the request
// message, the retry policy and the validators of path parameters and page records are
// decided here, from the spec model, so no operation is written by hand.
import {
  Scope,
  StructureKind,
  VariableDeclarationKind,
  type MethodDeclarationStructure,
  type SourceFile,
} from 'ts-morph'
import type { Operation, Release, Role } from '../spec/model.js'
import { memberName, optionName, roleIntroduced, ROLE_NAMES } from '../naming.js'
import { lit } from './common.js'

/** One client method: an operation, and for a oneOf operation one of its request messages. */
interface MethodPlan {
  name: string
  op: Operation
  request: string
  retry: 'read' | 'push' | 'never'
  /** For paged pulls: the record type of the page's `content`. */
  record?: string
}

/**
 * Repeating is safe only for reads and for pushes (unless they insert); anything the hub
 * forwards to a partner, or bills (a CDR), is never repeated, and so is anything unknown.
 */
function retryPolicy(op: Operation): MethodPlan['retry'] {
  if (op.forwardedTo) return 'never'
  if (op.sequential) return 'push'
  if (/^eRoaming(Pull|Get)/.test(op.name)) return 'read'
  return 'never'
}

function pageRecord(op: Operation, release: Release): string | undefined {
  if (!op.query.some((q) => q.name === 'page')) return undefined
  const response = release.types.get(op.response)
  const content = response?.kind === 'object' ? response.fields.find((f) => f.name === 'content' && f.list) : undefined
  if (!content) throw new Error(`generator: ${op.name} is paged but ${op.response} has no content list`)
  return content.type
}

function plans(release: Release, role: Role): MethodPlan[] {
  const out: MethodPlan[] = []
  for (const op of release.services.flatMap((s) => s.operations)) {
    if (op.from !== role) continue
    const requests = 'message' in op.request ? [op.request.message] : op.request.oneOf
    const single = 'message' in op.request
    for (const request of requests) {
      const record = pageRecord(op, release)
      out.push({
        name: memberName(single ? op.name : request),
        op,
        request,
        retry: retryPolicy(op),
        ...(record ? { record } : {}),
      })
    }
  }
  return out
}

const RETRY_TEXT: Record<MethodPlan['retry'], string> = {
  read: 'Repeated on network errors and 5xx answers (a read is safe to repeat).',
  push: 'Repeated on network errors and 5xx answers unless ActionType is insert.',
  never: 'Never repeated: a second arrival could act twice.',
}

function methodDoc(p: MethodPlan, release: Release): string {
  const { op } = p
  const lines = [op.doc, '']
  lines.push(`\`${op.method} ${op.path}\` (${op.service} ${op.serviceVersion}, ${op.implementation}).`)
  lines.push(
    `Sends ${p.request}${'oneOf' in op.request ? ` (one of the ${op.request.oneOf.length} messages of ${op.name})` : ''}; answers ${op.response}.`,
  )
  if (op.sequential)
    lines.push(
      'Calls of this operation run one at a time, in call order (OICP: data pushes are processed sequentially).',
    )
  lines.push(RETRY_TEXT[p.retry])
  if (op.pathParams.length > 0)
    lines.push(
      `Path: ${op.pathParams.map((n) => `${n} from the call's options or the client's \`${optionName(n)}\``).join(', ')}.`,
    )
  if (p.record)
    lines.push(
      `One page; \`${p.name}Pages\` walks all of them. A bad record is skipped and reported to \`hooks.onWarnings\`, as in the walk.`,
    )
  const message = release.types.get(p.request)
  if (message?.source) lines.push('', `@see OICP ${message.source}`)
  return lines.join('\n')
}

function optionsType(p: MethodPlan, base: string): string {
  const params = p.op.pathParams.map((n) => `${n}?: string`)
  return params.length === 0 ? base : `${base} & { ${params.join('; ')} }`
}

function pathArgument(p: MethodPlan): string {
  return `{ ${p.op.pathParams.map((n) => `${n}: options.${n} ?? this.${optionName(n)}`).join(', ')} }`
}

function methods(p: MethodPlan, release: Release): MethodDeclarationStructure[] {
  const out: MethodDeclarationStructure[] = [
    {
      kind: StructureKind.Method,
      name: p.name,
      docs: [methodDoc(p, release)],
      parameters: [
        { name: 'request', type: `S.${p.request}` },
        {
          name: 'options',
          type: optionsType(p, p.record ? 'CallOptions & PageQuery' : 'CallOptions'),
          initializer: '{}',
        },
      ],
      returnType: `Promise<S.${p.op.response}>`,
      statements: `return this.core.call(bindings.${p.name}, request, ${pathArgument(p)}, options)`,
    },
  ]
  if (p.record)
    out.push({
      kind: StructureKind.Method,
      name: `${p.name}Pages`,
      docs: [
        `Every page of ${p.op.name}, fetched one after another from \`startPage\` (default 0) until the last.\n` +
          `Each record is checked on its own: with \`answers: 'lenient'\` (the default) a bad one is listed in \`page.invalid\` with its JSON pointer and the rest of the page is kept.\n` +
          `\`eachRecord(pages)\` flattens the pages into records.`,
      ],
      parameters: [
        { name: 'request', type: `S.${p.request}` },
        { name: 'options', type: optionsType(p, 'PagesOptions'), initializer: '{}' },
      ],
      returnType: `AsyncGenerator<Page<S.${p.record}>, void, undefined>`,
      statements: `return this.core.pages(bindings.${p.name}, request, ${pathArgument(p)}, options)`,
    })
  return out
}

function emitRoleClient(file: SourceFile, release: Release, role: Role, list: MethodPlan[]): void {
  const title = ROLE_NAMES[role].type
  const params = [...new Set(list.flatMap((p) => p.op.pathParams))].sort()
  file.addInterface({
    isExported: true,
    name: `${title}ClientOptions`,
    extends: ['ClientOptions'],
    docs: [`Options of ${title}Client, the client of ${ROLE_NAMES[role].one}.`],
    properties: params.map((n) => ({
      name: optionName(n),
      hasQuestionToken: true,
      type: 'string',
      docs: [`The default ${n} of request paths; a call may name another in its options.`],
    })),
  })
  file.addClass({
    isExported: true,
    name: `${title}Client`,
    docs: [
      `What ${roleIntroduced(role)} sends to Hubject in OICP ${release.release}, one method per operation.\n\n` +
        'Every request is validated before anything is sent (OicpValidationError with JSON pointers), every answer in the `answers` mode (lenient by default: invalid optional members removed, with warnings); ' +
        'a refusal (`Result: false`, a StatusCode other than 000) becomes an OicpError, transport failures their own errors.',
    ],
    properties: [
      { name: 'core', isReadonly: true, type: 'ClientCore', docs: ['The transport every method uses.'] },
      ...params.map((n) => ({
        name: optionName(n),
        isReadonly: true,
        scope: Scope.Private,
        type: 'string | undefined',
      })),
    ],
    ctors: [
      {
        parameters: [{ name: 'options', type: `${title}ClientOptions` }],
        statements: [
          `this.core = new ClientCore(options, messages)`,
          ...params.map((n) => `this.${optionName(n)} = options.${optionName(n)}`),
        ],
      },
    ],
    methods: [
      ...list.flatMap((p) => methods(p, release)),
      {
        name: 'close',
        docs: ['Closes the TLS connections.'],
        returnType: 'Promise<void>',
        statements: 'return this.core.close()',
      },
    ],
  })
  file.addFunction({
    isExported: true,
    name: `create${title}Client`,
    docs: [
      `A client for ${roleIntroduced(role)}: \`create${title}Client({ baseUrl: HUBJECT_QA, tls: { cert, key, ca }${params[0] ? `, ${optionName(params[0])}: '...'` : ''} })\`.`,
    ],
    parameters: [{ name: 'options', type: `${title}ClientOptions` }],
    returnType: `${title}Client`,
    statements: `return new ${title}Client(options)`,
  })
}

export function emitClient(file: SourceFile, release: Release, runtime: string, roles: Role[]): void {
  const byRole = roles.map((role) => [role, plans(release, role)] as const).filter(([, list]) => list.length > 0)
  if (byRole.length === 0) {
    file.addStatements('export {}')
    return
  }
  const all = byRole.flatMap(([, list]) => list)
  const paged = all.some((p) => p.record)
  file.addImportDeclaration({
    moduleSpecifier: runtime,
    namedImports: [
      'ClientCore',
      ...['Binding', 'CallOptions', 'ClientOptions', ...(paged ? ['Page', 'PageQuery', 'PagesOptions'] : [])].map(
        (name) => ({ name, isTypeOnly: true }),
      ),
    ],
  })
  file.addImportDeclaration({ moduleSpecifier: './messages.js', namedImports: ['messages'] })
  file.addImportDeclaration({ moduleSpecifier: './operations.js', namedImports: ['operations'] })
  file.addImportDeclaration({ moduleSpecifier: './schemas.js', namespaceImport: 'S', isTypeOnly: true })
  file.addImportDeclaration({ moduleSpecifier: './validators.js', namedImports: ['validators'] })
  // What a client user needs next to the clients, so one import of the release is enough.
  file.addExportDeclaration({
    moduleSpecifier: runtime,
    namedExports: [
      'HUBJECT_PRODUCTION',
      'HUBJECT_QA',
      'OicpClientError',
      'OicpError',
      'OicpHttpError',
      'OicpNetworkError',
      'OicpResponseError',
      'OicpTimeoutError',
      'OicpTlsError',
      'OicpValidationError',
      'eachRecord',
      'fileWatermarkStore',
      'LastCallWatermark',
      'localTimestamp',
      'memoryWatermarkStore',
      'redisPushQueue',
    ],
  })
  file.addFunction({
    name: 'operation',
    docs: ['An operation of the table by name.'],
    parameters: [{ name: 'name', type: `(typeof operations)[number]['name']` }],
    statements: 'return operations.find((o) => o.name === name)!',
  })
  file.addVariableStatement({
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      'How each client method calls its operation: the request message, whether it may be repeated, the validators of its path parameters and page records.',
    ],
    declarations: [
      {
        name: 'bindings',
        initializer: (w) => {
          w.write('{').newLine()
          w.indent(() => {
            const seen = new Set<string>()
            for (const p of all) {
              if (seen.has(p.name)) throw new Error(`generator: two client methods named ${p.name}`)
              seen.add(p.name)
              const path = `{ ${p.op.pathParams.map((n) => `${n}: validators.${n}`).join(', ')} }`
              const record = p.record ? `, records: validators.${p.record}` : ''
              w.writeLine(
                `${p.name}: { operation: operation(${lit(p.op.name)}), request: ${lit(p.request)}, retry: ${lit(p.retry)}, path: ${path}${record} },`,
              )
            }
          })
          w.write('} satisfies Record<string, Binding>')
        },
      },
    ],
  })
  for (const [role, list] of byRole) emitRoleClient(file, release, role, list)
}

// Exported for the tests of the generated clients: which methods a role must have.
export function clientMethods(
  release: Release,
  role: Role,
): Array<{ method: string; operation: string; request: string; paged: boolean; retry: string }> {
  return plans(release, role).map((p) => ({
    method: p.name,
    operation: p.op.name,
    request: p.request,
    paged: p.record !== undefined,
    retry: p.retry,
  }))
}
