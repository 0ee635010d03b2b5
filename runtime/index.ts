// The runtime generated code imports. (runtime/json.ts, which loads jsonc-parser, stays out:
// only the CLI needs it, and importing a release must stay cheap.)
export * from './validation/index.js'
export type { OperationInfo, Role } from './operations.js'
export * from "./server/index.js"
export * from './client/index.js'
