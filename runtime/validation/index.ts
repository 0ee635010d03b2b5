export { Ctx, fitsDigits, isDateTime, isObject, pointer, type Path } from './context.js'
export { fault, OicpValidationError, type Fault, type ValidationIssue, type ValidationMode, type ValidationResult } from './issues.js'
export { leafCheck, MessageRegistry, runCheck, type Check, type MessageEntry, type ValidateOptions } from './registry.js'
