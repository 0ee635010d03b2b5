export * from './validation/index.js'
export type { OperationInfo, Role } from './operations.js'
export { parseJson, type JsonResult } from "./json.js"
export * from "./server/index.js"
export * from './client/index.js'
