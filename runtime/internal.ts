// oicp/runtime/internal: what generated code imports. Everything of oicp/runtime (generated
// modules re-export parts of it), and the plumbing under it that only generated code should
// touch: the validators' walk and rule checks, the client core and its bindings, route
// tables, the server's body reading and acknowledgement table. No compatibility promise:
// it changes with the generator, and a release is generated for the runtime it ships with.
export * from './index.js'
export * from './validation/index.js'
export * from './server/index.js'
export * from './client/index.js'
