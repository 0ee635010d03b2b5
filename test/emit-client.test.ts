// The client emitter alone, on a tiny release: a sequential push (path parameter, repeated
// unless it inserts), a paged pull (page method and walk), a forwarded request of two
// messages (one method each, never repeated). UPDATE=1 rewrites the expected file
// (see test/support/emit-fixture.ts).
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { clientMethods, emitClient } from '../generator/emit/client.js'
import { emitted, fixtureRelease, matchesExpected, RUNTIME } from './support/emit-fixture.js'

const release = fixtureRelease('client')

test('client.ts of the fixture release is the expected one', async () => {
  matchesExpected('client', 'client.ts', await emitted((f) => emitClient(f, release, RUNTIME, ['cpo', 'emp', 'hub'])))
})

test('the methods of each role, with their retry policy', () => {
  assert.equal(clientMethods(release, 'cpo'), [
    {
      method: 'pushRecord',
      operation: 'eRoamingPushRecord',
      request: 'eRoamingPushRecord',
      paged: false,
      retry: 'push',
    },
  ])
  assert.equal(
    clientMethods(release, 'emp').map((m) => [m.method, m.paged, m.retry]),
    [
      ['pullRecords', true, 'read'],
      ['switchOn', false, 'never'],
      ['switchOff', false, 'never'],
    ],
  )
  assert.equal(clientMethods(release, 'hub'), [])
})

test('a release of no operations for the roles asked gives an empty module', async () => {
  assert.is(await emitted((f) => emitClient(f, release, RUNTIME, ['hub'])), 'export {}\n')
})

test.run()
