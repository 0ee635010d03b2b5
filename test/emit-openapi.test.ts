// The OpenAPI emitter alone, on a tiny release: the document of the cpo role (its push, the
// request Hubject forwards to it named in the description) and of the hub (every operation
// sent to it), with schemas, examples and refusals. UPDATE=1 rewrites the expected files
// (see test/support/emit-fixture.ts).
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { documentOperations, openApiText } from '../generator/emit/openapi.js'
import { fixtureRelease, matchesExpected } from './support/emit-fixture.js'

const release = fixtureRelease('openapi')

test('openapi-cpo.json of the fixture release is the expected one', () => {
  matchesExpected('openapi', 'openapi-cpo.json', openApiText(release, 'cpo'))
})

test('openapi-hub.json of the fixture release is the expected one', () => {
  matchesExpected('openapi', 'openapi-hub.json', openApiText(release, 'hub'))
})

test('a role without operations has no document', () => {
  assert.equal(
    documentOperations(release, 'emp').map((op) => op.name),
    ['eRoamingRemoteLight'],
  )
  const cpoOnly = {
    ...release,
    services: release.services.map((s) => ({ ...s, operations: s.operations.filter((op) => op.from === 'cpo') })),
  }
  assert.throws(() => openApiText(cpoOnly, 'emp'), /has no operations for role emp/)
})

test.run()
