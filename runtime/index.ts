// The runtime generated code imports. (JSON positions for messages, which load jsonc-parser,
// live with the CLI: importing a release must stay cheap.)
export * from './validation/index.js'
export type { OperationInfo, Role } from './operations.js'
export * from './server/index.js'
export * from './client/index.js'
