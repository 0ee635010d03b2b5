// The emitters of messages.ts (the message registry), operations.ts (the operation table)
// and index.ts, each alone on a tiny release. UPDATE=1 rewrites the expected files (see
// test/support/emit-fixture.ts).
import { test } from 'uvu'
import { emitIndex, emitMessages, emitOperations } from '../generator/emit/tables.js'
import { emitted, fixtureRelease, matchesExpected, RUNTIME } from './support/emit-fixture.js'

const release = fixtureRelease('tables')

test('messages.ts: every message with its other spellings, none of the plain types', async () => {
  matchesExpected('tables', 'messages.ts', await emitted((f) => emitMessages(f, release, RUNTIME)))
})

test('operations.ts: every operation in spec order, as the runtime reads it', async () => {
  matchesExpected('tables', 'operations.ts', await emitted((f) => emitOperations(f, release, RUNTIME)))
})

test('index.ts: what the release module exports', async () => {
  matchesExpected('tables', 'index.ts', await emitted((f) => emitIndex(f, release)))
})

test.run()
