// Where a request goes: one route tree for every mounted table, each route with its handler
// and message entries looked up once, and the lookup per request, which checks the IDs in
// the path and remembers what it matched (Hubject calls the same few paths again and again).
import type { OperationInfo } from '../operations.js'
import { parseId } from '../validation/ids.js'
import type { ValidationIssue } from '../validation/issues.js'
import type { MessageEntry } from '../validation/registry.js'
import { Router, type Match } from './router.js'
import type { Handler, MountedRoutes, RouteDef, RouteTable } from './types.js'

/** A served route and everything the core needs to answer it. */
export interface Target {
  def: RouteDef
  table: RouteTable
  handler: Handler<unknown, unknown, string, unknown>
  /** The request message(s) by discriminator value (one entry, key '', for a plain request) and the answer, looked up once. */
  requests: ReadonlyMap<string, MessageEntry>
  response: MessageEntry
  ack: MessageEntry
  /** The request message name(s), for reports on bodies that are not one. */
  expected: string
}

/** A served method and path template (with the prefix). */
export interface ServedRoute {
  method: string
  path: string
  operation: OperationInfo
}

/** The outcome of a lookup: the router's, or a path ID that is not valid. */
export type Located = Match<Target> | { kind: 'badId'; detail: string }

/** Matched routes kept per method. Bounded. */
const CACHE_SIZE = 1024

/** The path parameters the spec types, checked after percent-decoding: `%2A` is a "*", not an operator. */
const PATH_IDS = ['OperatorID', 'ProviderID'] as const

function entry(table: RouteTable, name: string): MessageEntry {
  const e = table.messages.find(name)
  if (!e) throw new Error(`OICP ${table.release}: route table names message "${name}", which the release does not have`)
  return e
}

/** The request message a body is: the route's one, or the one its discriminator names; an issue when it names none. */
export function requestMessage(target: Target, body: unknown): { message: MessageEntry } | { error: ValidationIssue } {
  const { request } = target.def
  if ('message' in request) return { message: target.requests.get('')! }
  const tag =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[request.discriminator] : undefined
  const message = typeof tag === 'string' ? target.requests.get(tag) : undefined
  if (message) return { message }
  const names = [...target.requests.keys()].join(', ')
  return { error: { path: `/${request.discriminator}`, message: `must be one of ${names}`, keyword: 'discriminator' } }
}

/** The route tree of the mounted tables under `prefix`; throws on a route served twice. */
export function routing(
  mounted: readonly MountedRoutes[],
  prefix: string,
): { routes: ServedRoute[]; locate: (method: string, path: string) => Located } {
  const router = new Router<Target>()
  const routes: ServedRoute[] = []
  for (const m of mounted) {
    for (const def of m.table.routes) {
      const path = `${prefix}${def.operation.path}`
      const names: [string, string][] =
        'message' in def.request ? [['', def.request.message]] : Object.entries(def.request.messages)
      const requests = new Map(names.map(([tag, name]) => [tag, entry(m.table, name)] as const))
      const expected = names.map(([, name]) => name).join(' or ')
      const target: Target = {
        def,
        table: m.table,
        handler: m.handlers[def.key]!,
        requests,
        response: entry(m.table, def.response),
        ack: entry(m.table, 'eRoamingAcknowledgement'),
        expected,
      }
      // The same service version carried by two mounted releases is one operation: the first
      // table serves it. Within one release a second table for a route is a mistake.
      const sameOperation = (a: Target, b: Target) =>
        a.def.operation.id === b.def.operation.id && a.table.release !== b.table.release
      const added = router.add(
        def.operation.method,
        path,
        target,
        (t) => `${t.def.operation.name} (OICP ${t.table.release}, ${t.table.role})`,
        sameOperation,
      )
      if (added) routes.push({ method: def.operation.method, path, operation: def.operation })
    }
  }
  // By method, then path: no key string to build per request. Only served methods get an entry.
  const cache = new Map<string, Map<string, Match<Target>>>()
  const locate = (method: string, path: string): Located => {
    let byPath = cache.get(method)
    let match = byPath?.get(path)
    if (match) return match
    match = router.match(method, path)
    if (match.kind === 'found') {
      for (const name of PATH_IDS) {
        const value = match.params[name]
        if (value !== undefined && !parseId(name, value))
          return {
            kind: 'badId',
            detail: `path parameter ${name} ${JSON.stringify(value.slice(0, 40))} is not a valid ${name}`,
          }
      }
      if (!byPath) cache.set(method, (byPath = new Map<string, Match<Target>>()))
      if (byPath.size >= CACHE_SIZE) byPath.clear()
      Object.freeze(match.params)
      byPath.set(path, match)
    }
    return match
  }
  return { routes, locate }
}
