// The shapes the server core works with: handlers, route tables, and the plain
// (method, path, headers, body) request and (status, headers, body) response that
// adapters translate to and from their framework.
import type { OperationInfo, Role } from '../operations.js'
import type { MessageRegistry } from '../validation/registry.js'
import type { ValidationIssue } from '../validation/issues.js'
import type { BodyRefusal } from './body.js'

/** The parts of a TLS peer certificate the server looks at (node's PeerCertificate fits). */
export interface ClientCertificate {
  subject: { [field: string]: string | string[] | undefined }
  issuer?: { [field: string]: string | string[] | undefined }
  fingerprint256?: string
  serialNumber?: string
}

/** What a handler learns besides the request body. */
export interface HandlerContext<P extends string = string, Q = Record<string, never>> {
  readonly operation: OperationInfo
  /** Path parameters, URL-decoded, e.g. `{ ProviderID: 'DE*8EO' }`. */
  readonly params: Readonly<Record<P, string>>
  /** Query parameters converted to their spec types (page, size of paged pulls). */
  readonly query: Q
  /** Request headers, names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>
  /** The verified client certificate, when the request came over mutual TLS. */
  readonly client: ClientCertificate | undefined
  /** Findings of lenient validation that did not reject the request (new enumeration values, alias spellings, invalid optional members removed). */
  readonly warnings: readonly ValidationIssue[]
}

/** Serves one operation: receives the validated request, returns the typed answer. */
export type Handler<Req, Res, P extends string = never, Q = Record<string, never>> = (
  request: Req,
  context: HandlerContext<P, Q>,
) => Res | Promise<Res>

/** How the request body of a route is validated: one message, or one of several picked by a field. */
export type RouteRequest = { message: string } | { discriminator: string; messages: Readonly<Record<string, string>> }

/** One served operation: the handler key it is served by and the messages to check. */
export interface RouteDef {
  readonly key: string
  readonly operation: OperationInfo
  readonly request: RouteRequest
  readonly response: string
}

/**
 * The operations one role serves in one release. `H` is the handler map type; it exists
 * only for type inference and is never set.
 */
export interface RouteTable<H = unknown> {
  readonly release: string
  readonly role: Role
  readonly messages: MessageRegistry<object>
  readonly routes: readonly RouteDef[]
  readonly handlersType?: H
}

/** A route table together with the handlers that serve it. */
export interface MountedRoutes {
  readonly table: RouteTable
  // Any handler: request and answer types differ per operation, and a handler typed for its
  // own is not assignable to one typed with unknown.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly handlers: Readonly<Record<string, Handler<any, any, any, any>>>
}

/** A request before its body is read. */
export interface CoreRequestHead {
  method: string
  /** The path with query string as received, e.g. `/api/oicp/charging/v21/...?page=0`. */
  url: string
  /** Names in lower case. */
  headers: Readonly<Record<string, string | string[] | undefined>>
  /** The verified client certificate, if any. */
  client?: ClientCertificate | undefined
}

/** A request as the core sees it, whatever framework received it. */
export interface CoreRequest extends CoreRequestHead {
  /**
   * The raw body bytes or text; `parsed` when a framework's body parser already turned it
   * into a value (the core still holds it to its rules); `refused` when the adapter stopped
   * reading (over the byte limit, no room in the in-flight budget, too slow).
   */
  body: Uint8Array | string | { parsed: unknown } | { refused: BodyRefusal }
}

/** The core's answer, for an adapter to write: always JSON. */
export interface CoreResponse {
  status: number
  headers: Record<string, string>
  /** JSON text. */
  body: string
  /** The request body was not read to its end: close the connection after this answer. */
  close?: boolean
}
