export {
  Ctx,
  fitsDigits,
  hasAny,
  isDateTime,
  isObject,
  LENIENT,
  onlyKnownKeys,
  pointer,
  STRICT,
  type Path,
} from './context.js'
export {
  canonicalId,
  evseOfOperator,
  idKey,
  parseId,
  providerOfEvco,
  sameId,
  type IdParts,
  type IdType,
} from './ids.js'
export {
  fault,
  OicpValidationError,
  type Fault,
  type ValidationIssue,
  type ValidationMode,
  type ValidationResult,
} from './issues.js'
export { REMOVED, removalWarning } from './removal.js'
export { atMostOne, exactlyOne, excludes, within, withinHolds } from './rules.js'
export {
  leafValidator,
  MessageRegistry,
  runCheck,
  type Check,
  type Is,
  type MessageEntry,
  type ValidateOptions,
  type Validator,
} from './registry.js'
