// How a client reads an answer: validated in the client's `answers` mode. In lenient mode
// (the default) what can be used is kept: invalid optional members are removed and bad
// records of a page skipped, each with a warning; anything else invalid fails the call.
import type { ValidationIssue, ValidationMode } from '../validation/issues.js'
import type { MessageRegistry } from '../validation/registry.js'
import type { Binding } from './binding.js'
import { OicpResponseError } from './errors.js'
import type { Answer } from './exchange.js'
import { decodePage, pageWarnings, toMessage } from './paging.js'

export interface Decoded<M> {
  value: M
  warnings: ValidationIssue[]
}

/** The response message of one answer, or OicpResponseError. */
export function decodeAnswer<M>(
  messages: MessageRegistry<object>,
  binding: Binding,
  answer: Answer,
  mode: ValidationMode,
): Decoded<M> {
  const { operation } = binding
  if (binding.records) {
    const page = decodePage(messages, operation, binding.records, answer, mode)
    return { value: toMessage<M>(page), warnings: pageWarnings(page) }
  }
  const result = messages.validate(operation.response, answer.value, { mode })
  if (!result.ok)
    throw new OicpResponseError(
      operation.name,
      answer.requestId,
      operation.response,
      result.errors,
      answer.text.slice(0, 1000),
    )
  return { value: result.value as M, warnings: result.warnings }
}
