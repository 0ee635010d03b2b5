// An answer a handler has serialised itself. The core writes its text as it is: no answer
// validation, no JSON.stringify. For servers that keep what they serve as JSON text,
// checked when it arrived (a hub's stored records), where parsing and re-serialising a
// page of thousands of records would cost far more than the work of the pull itself.
// Every other answer is validated exactly, as before; whoever returns raw JSON vouches
// for it.

/** Marks raw answers across copies of this module (a bundled and an installed runtime). */
const RAW = Symbol.for('oicp.rawJson')

interface RawAnswer {
  readonly [RAW]: true
  readonly json: string
}

/**
 * An answer of type T given as its JSON text, which must be a valid T. Typed as T so that
 * it fits the handler's signature; it has no fields to read, only `return rawJson(...)`.
 */
export function rawJson<T>(json: string): T {
  const raw: RawAnswer = { [RAW]: true, json }
  return raw as unknown as T
}

/** The text of a raw answer, or undefined for any other value. */
export function rawJsonText(answer: unknown): string | undefined {
  return typeof answer === 'object' && answer !== null && (answer as Partial<RawAnswer>)[RAW] === true
    ? (answer as RawAnswer).json
    : undefined
}
