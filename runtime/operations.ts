/** Who takes part in an OICP exchange. */
export type Role = 'cpo' | 'emp' | 'hub'

/** One OICP operation as the generated tables describe it. */
export interface OperationInfo {
  /** Unique across releases and service versions: the spec's `<operation>_V<version>`, e.g. eRoamingPushEvseData_V2.3. */
  readonly id: string
  readonly name: string
  readonly service: string
  readonly serviceVersion: string
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Relative to the base URL (which carries Hubject's /api/oicp prefix). */
  readonly path: string
  readonly pathParams: readonly string[]
  readonly from: Role
  readonly to: Role
  /** The partner the hub passes the request on to, if any. */
  readonly forwardedTo?: Role
  readonly implementation: 'mandatory' | 'optional'
  /** The request message, or the messages it may be told apart by a discriminator field. */
  readonly request: string | { readonly oneOf: readonly string[]; readonly discriminator: string }
  readonly response: string
  /** Data pushes must be processed one after another. */
  readonly sequential: boolean
  readonly query: readonly { readonly name: string; readonly type: string }[]
}
