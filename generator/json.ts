// The JSON the generator builds: instances of the spec's types (samples, test vectors), the
// edits that break them, and JSON Schema objects. Types only; every module may use them.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export type JsonObject = { [key: string]: Json }

/** A JSON Schema object (OpenAPI 3.1 components). */
export type Schema = { [key: string]: unknown }

/** One change to an instance: the value at `pointer` set, or removed when `value` is undefined. */
export interface Edit {
  pointer: string
  value: Json | undefined
}

/** One mutation of a message's sample and the error it must give. */
export interface Mutation {
  /** What was changed, in words. */
  what: string
  /** Where the value was changed (or removed, when `value` is undefined). */
  pointer: string
  value: Json | undefined
  /** Further edits that set up the fault without being faults themselves (e.g. the sibling a rule depends on). */
  also?: Edit[]
  keyword: string
  /** Where the error is reported: the pointer, or for choice groups the object holding them. */
  path: string
  /** The type whose field was changed, and the field. */
  owner: string
  field: string
}

/**
 * A mutation as a check makes it: the error's path defaults to the pointer, owner and field
 * to the spot's; an empty `also` is left out.
 */
export type Case = Omit<Mutation, 'path' | 'owner' | 'field'> & { path?: string; owner?: string; field?: string }
