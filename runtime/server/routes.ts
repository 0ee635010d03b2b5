// Route tables (built by generated code from the operation table) and mounting handlers on them.
import type { OperationInfo, Role } from '../operations.js'
import type { MessageRegistry } from '../validation/registry.js'
import type { MountedRoutes, RouteDef, RouteRequest, RouteTable } from './types.js'

/** How a generated table names an operation: by name, with the discriminator values of a oneOf request. */
export interface RouteEntry {
  operation: string
  /** For a request that is one of several messages: discriminator value → message name. */
  dispatch?: Readonly<Record<string, string>>
}

/** Builds the route table of one role from a release's operation table. */
export function routeTable<H>(
  messages: MessageRegistry<object>,
  operations: readonly OperationInfo[],
  role: Role,
  entries: { readonly [K in keyof H & string]: RouteEntry },
): RouteTable<H> {
  const routes: RouteDef[] = Object.entries(entries as Record<string, RouteEntry>).map(([key, entry]) => {
    const operation = operations.find((o) => o.name === entry.operation)
    if (!operation) throw new Error(`OICP ${messages.release}: no operation "${entry.operation}" for handler "${key}"`)
    let request: RouteRequest
    if (typeof operation.request === 'string') request = { message: operation.request }
    else {
      if (!entry.dispatch)
        throw new Error(
          `OICP ${messages.release}: ${operation.name} takes one of several messages; give its dispatch map`,
        )
      request = { discriminator: operation.request.discriminator, messages: entry.dispatch }
    }
    return { key, operation, request, response: operation.response }
  })
  return { release: messages.release, role, messages, routes }
}

/**
 * Pairs a route table with its handlers. Every operation of the table needs a handler;
 * the handler types come from the table, so a wrong answer does not compile.
 */
export function mount<H>(table: RouteTable<H>, handlers: H): MountedRoutes {
  const map = handlers as Record<string, unknown>
  const missing = table.routes.filter((r) => typeof map[r.key] !== 'function').map((r) => r.key)
  if (missing.length > 0)
    throw new TypeError(`OICP ${table.release} ${table.role} routes: no handler for ${missing.join(', ')}`)
  return { table, handlers: handlers as MountedRoutes['handlers'] }
}
