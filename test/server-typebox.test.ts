// The generated TypeBox schemas with fastify's TypeBox type provider, for routes a user
// writes by hand next to the oicp plugin: the body is typed, and fastify validates it.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify from 'fastify'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as schemas from '../generated/oicp-2.3/schemas.js'
import { remoteStart } from './support/server-fixtures.js'

test('a hand-written fastify route typed and validated by a generated schema', async () => {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>()
  app.post('/my/remote-start', { schema: { body: schemas.eRoamingAuthorizeRemoteStart } }, async (request) => {
    const evse: string = request.body.EvseID // typed by the provider
    // @ts-expect-error not a field of the message
    void request.body.OperatorID
    return { Result: true, StatusCode: { Code: '000', Description: evse } }
  })
  await app.ready()
  const ok = await app.inject({ method: 'POST', url: '/my/remote-start', payload: remoteStart() })
  assert.is(ok.statusCode, 200, ok.body)
  assert.is(ok.json().StatusCode.Description, remoteStart().EvseID)
  const bad = await app.inject({
    method: 'POST',
    url: '/my/remote-start',
    payload: { ...remoteStart(), EvseID: undefined },
  })
  assert.is(bad.statusCode, 400)
  await app.close()
})

test.run()
