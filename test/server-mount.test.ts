// Route tables mounted together (the CPO's and the EMP's; a table of another service
// version), the types that make a wrong handler a compile error, and start-up checks.
import { createServer } from 'node:http'
import express from 'express'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  cpoRoutes,
  empRoutes,
  hubRoutes,
  messages,
  operations,
  type CpoHandlers,
  type Messages,
} from '../generated/oicp-2.3/index.js'
import { createServerCore, mount, type Handler, type OperationInfo } from '../runtime/index.js'
import { routeTable } from '../runtime/internal.js'
import { oicpExpress } from '../runtime/server/adapters/express.js'
import {
  cpoHandlers,
  empHandlers,
  hubHandlers,
  isFailureAck,
  NOTIFICATIONS,
  Record,
  remoteStart,
  REMOTE_START,
  sample,
} from './support/server-fixtures.js'
import { closeClients, send, start } from './support/server-harness.js'

/** A made-up next version of the remote start service: same messages, a v22 path. */
const v22: OperationInfo = {
  ...operations.find((o) => o.name === 'eRoamingAuthorizeRemoteStart')!,
  serviceVersion: '2.2',
  path: '/charging/v22/providers/{ProviderID}/authorize-remote/start',
}
interface V22Handlers {
  authorizeRemoteStart: Handler<
    Messages['eRoamingAuthorizeRemoteStart'],
    Messages['eRoamingAcknowledgement'],
    'ProviderID'
  >
}
const v22Routes = routeTable<V22Handlers>(messages, [v22], 'cpo', {
  authorizeRemoteStart: { operation: 'eRoamingAuthorizeRemoteStart' },
})

test('a CPO table, an EMP table and a table of another service version serve side by side', async () => {
  const record = new Record()
  const core = createServerCore([
    mount(cpoRoutes, cpoHandlers(record)),
    mount(empRoutes, empHandlers(record)),
    mount(v22Routes, {
      authorizeRemoteStart: () => ({ Result: true, StatusCode: { Code: '000', Description: 'v22' } }),
    }),
  ])
  const server = await start('node', core)
  try {
    const v21 = await send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()) })
    assert.is(v21.status, 200)
    assert.match(v21.json.StatusCode.Description, /DE\*8EO/)
    const next = await send(server.origin + REMOTE_START.replace('/v21/', '/v22/'), {
      body: JSON.stringify(remoteStart()),
    })
    assert.equal(next.json, { Result: true, StatusCode: { Code: '000', Description: 'v22' } })
    const notification = await send(server.origin + NOTIFICATIONS, {
      body: JSON.stringify(sample('eRoamingChargingNotificationStart')),
    })
    assert.is(notification.json.StatusCode.Description, 'Start')
    assert.equal(core.routes.map((r) => r.operation.serviceVersion).filter((v) => v === '2.2').length, 2) // the CDR (2.2) and the fixture
  } finally {
    await server.close()
  }
})

test('a method and path served twice is refused at start-up, naming both', () => {
  assert.throws(
    () => createServerCore([mount(cpoRoutes, cpoHandlers(new Record())), mount(hubRoutes, hubHandlers(new Record()))]),
    /POST \/api\/oicp\/charging\/v21\/providers\/\{ProviderID\}\/authorize-remote\/start is served twice: by eRoamingAuthorizeRemoteStart \(OICP 2\.3, cpo\) and by eRoamingAuthorizeRemoteStart \(OICP 2\.3, hub\)/,
  )
})

test('a missing handler is refused at mount, naming it', () => {
  const partial = { ...cpoHandlers(new Record()) } as Partial<CpoHandlers>
  delete partial.authorizeRemoteStop
  assert.throws(() => mount(cpoRoutes, partial as CpoHandlers), /no handler for authorizeRemoteStop/)
})

test('the role tables hold what Hubject calls on each side', () => {
  assert.equal(
    cpoRoutes.routes.map((r) => r.operation.name),
    [
      'eRoamingAuthorizeRemoteStart',
      'eRoamingAuthorizeRemoteStop',
      'eRoamingAuthorizeRemoteReservationStart',
      'eRoamingAuthorizeRemoteReservationStop',
    ],
  )
  assert.equal(
    empRoutes.routes.map((r) => r.operation.name),
    ['eRoamingAuthorizeStart', 'eRoamingAuthorizeStop', 'eRoamingChargeDetailRecord', 'eRoamingChargingNotifications'],
  )
  assert.is(hubRoutes.routes.length, operations.length)
})

test('another prefix, and a body express.json() parsed first, work the same', async () => {
  const record = new Record()
  const app = express()
  app.use(express.json())
  app.use(oicpExpress(createServerCore(mount(cpoRoutes, cpoHandlers(record)), { prefix: '/hubject/' })))
  const server = createServer(app).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  try {
    const url = origin + REMOTE_START.replace('/api/oicp', '/hubject')
    assert.is((await send(url, { body: JSON.stringify(remoteStart()) })).status, 200)
    const bad = await send(url, { body: JSON.stringify({ ...remoteStart(), __proto__: null, EvseID: 1 }) })
    assert.is(bad.status, 400)
    assert.is(isFailureAck(bad.json, '022'), undefined)
    assert.is((await send(origin + REMOTE_START, { body: '{}' })).status, 404) // express's own 404 outside the prefix
  } finally {
    server.closeAllConnections()
    server.close()
    closeClients()
  }
})

// Compile-time: tsc (npm test) fails if any of these stops being an error.
export const wrongAnswers: Partial<CpoHandlers> = {
  // @ts-expect-error StatusCode is missing
  authorizeRemoteStart: async () => ({ Result: true }),
  // @ts-expect-error "999" is not an OICP status code
  authorizeRemoteStop: async () => ({ Result: true, StatusCode: { Code: '999' } }),
  // @ts-expect-error an AuthorizationStart is not the answer to a remote reservation
  authorizeRemoteReservationStart: async () => ({ AuthorizationStatus: 'Authorized', StatusCode: { Code: '000' } }),
  authorizeRemoteReservationStop: async (request, context) => {
    // @ts-expect-error the request has no OperatorID, the path no OperatorID parameter
    void (request.OperatorID ?? context.params.OperatorID)
    return { Result: true, StatusCode: { Code: '000' } }
  },
}

test.run()
