// The error of a call that must fail, for the assertions on it that follow.
import * as assert from 'uvu/assert'

/** What `p` rejects with; the test fails when it resolves instead. */
export function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    (v) => assert.unreachable(`expected a failure, got ${JSON.stringify(v)}`),
    (e: unknown) => e,
  )
}
