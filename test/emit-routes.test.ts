// The routes emitter alone, on a tiny release: the handler interface and route table of each
// serving role (what Hubject forwards to the CPO, told apart by a discriminator, and to the
// EMP; everything sent to the hub, with typed query parameters). UPDATE=1 rewrites the
// expected file (see test/support/emit-fixture.ts).
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { emitRoutes, servedBy } from '../generator/emit/routes.js'
import { emitted, fixtureRelease, matchesExpected, RUNTIME } from './support/emit-fixture.js'

const release = fixtureRelease('routes')

test('routes.ts of the fixture release is the expected one', async () => {
  matchesExpected('routes', 'routes.ts', await emitted((f) => emitRoutes(f, release, RUNTIME, ['cpo', 'emp', 'hub'])))
})

test('each role serves what Hubject forwards to it; the hub serves what is sent to it', () => {
  const served = (role: 'cpo' | 'emp' | 'hub') => servedBy(release, role).map((op) => op.name)
  assert.equal(served('cpo'), ['eRoamingRemoteSwitch'])
  assert.equal(served('emp'), ['eRoamingReportSwitch'])
  assert.equal(served('hub'), ['eRoamingRemoteSwitch', 'eRoamingReportSwitch', 'eRoamingPullSwitches'])
})

test('no serving role among those asked gives an empty module', async () => {
  const pushOnly = { ...release, services: [] }
  assert.is(await emitted((f) => emitRoutes(f, pushOnly, RUNTIME, ['cpo', 'emp', 'hub'])), 'export {}\n')
})

test.run()
