// Reads the operations of a service file.
import {
  PRIMITIVES,
  ROLES,
  type Operation,
  type Primitive,
  type QueryParam,
  type RequestShape,
  type Role,
  type Service,
} from './model.js'
import { docOf } from './read-types.js'
import type { YNode } from './yaml-node.js'

const OPERATION_KEYS = [
  'doc',
  'method',
  'path',
  'from',
  'to',
  'forwardedTo',
  'implementation',
  'request',
  'response',
  'sequential',
  'query',
] as const
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const

function oneOf<T extends string>(node: YNode | undefined, what: string, allowed: readonly T[]): T | undefined {
  const v = node?.string(what)
  if (v === undefined) return undefined
  if ((allowed as readonly string[]).includes(v)) return v as T
  node?.error(`${what} must be one of ${allowed.join(', ')} (got "${v}")`)
  return undefined
}

export function readOperation(name: string, node: YNode, service: Service): Operation | undefined {
  const what = `operation ${name}`
  const k = node.fields(what, OPERATION_KEYS)
  for (const req of ['method', 'path', 'from', 'to', 'request', 'response'] as const) {
    if (!k.has(req)) node.error(`${what}: missing "${req}"`)
  }
  const path = k.get('path')?.string(`${what}: path`) ?? '/'
  const op: Operation = {
    name,
    doc: docOf(what, k, node),
    service: service.name,
    serviceVersion: service.version,
    method: oneOf(k.get('method'), `${what}: method`, METHODS) ?? 'POST',
    path,
    pathParams: [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? ''),
    from: oneOf<Role>(k.get('from'), `${what}: from`, ROLES) ?? 'hub',
    to: oneOf<Role>(k.get('to'), `${what}: to`, ROLES) ?? 'hub',
    implementation:
      oneOf(k.get('implementation'), `${what}: implementation`, ['mandatory', 'optional'] as const) ?? 'mandatory',
    request: readRequest(k.get('request'), what),
    response: k.get('response')?.string(`${what}: response`) ?? '?',
    sequential: k.get('sequential')?.boolean(`${what}: sequential`) ?? false,
    query: [],
    place: node.place,
  }
  const forwardedTo = oneOf<Role>(k.get('forwardedTo'), `${what}: forwardedTo`, ROLES)
  if (forwardedTo) op.forwardedTo = forwardedTo
  for (const [qname, q] of k.get('query')?.entries(`${what}: query`) ?? []) {
    const qk = q.fields(`${what}: query ${qname}`, ['type', 'doc'])
    const param: QueryParam = {
      name: qname,
      type: oneOf<Primitive>(qk.get('type'), `${what}: query ${qname}: type`, PRIMITIVES) ?? 'string',
      doc: docOf(`${what}: query ${qname}`, qk, q),
    }
    op.query.push(param)
  }
  return op
}

function readRequest(node: YNode | undefined, what: string): RequestShape {
  if (!node) return { message: '?' }
  if (!node.isMap) return { message: node.string(`${what}: request`) ?? '?' }
  const k = node.fields(`${what}: request`, ['oneOf', 'discriminator'])
  return {
    oneOf: k.get('oneOf')?.strings(`${what}: request.oneOf`) ?? [],
    discriminator: k.get('discriminator')?.string(`${what}: request.discriminator`) ?? '?',
  }
}
