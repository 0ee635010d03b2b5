// The README's tour, run as written (with a canned response in place of the network).
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  cpoRoutes,
  messages,
  operations,
  validate,
  type CpoHandlers,
  type EmpHandlers,
  type eRoamingPushEvseStatus,
} from '../generated/oicp-2.3/index.js'
import { createServerCore, mount } from '../runtime/index.js'

test('CPO tour: the push validates, the operation is sequential, the answer reads leniently', () => {
  const push: eRoamingPushEvseStatus = {
    ActionType: 'update',
    OperatorEvseStatus: {
      OperatorID: 'DE*ABC',
      EvseStatusRecord: [{ EvseID: 'DE*ABC*E1234', EvseStatus: 'Occupied' }],
    },
  }
  messages.assertValid('eRoamingPushEvseStatus', push)
  const op = operations.find((o) => o.name === 'eRoamingPushEvseStatus')!
  assert.is(op.method, 'POST')
  assert.is(op.path, '/evsepush/v21/operators/{OperatorID}/status-records')
  assert.ok(op.sequential)
  const ack = messages.validate(
    'eRoamingAcknowledgement',
    { Result: true, StatusCode: { Code: '000', Description: null } },
    { mode: 'lenient' },
  )
  assert.ok(ack.ok)
  assert.throws(
    () => messages.assertValid('eRoamingPushEvseStatus', { ...push, ActionType: 'replace' }),
    /\/ActionType/,
  )
})

test('EMP tour: the remote start validates, a page with a new plug type warns', () => {
  messages.assertValid('eRoamingAuthorizeRemoteStart', {
    ProviderID: 'DE*8EO',
    EvseID: 'DE*ABC*E1234',
    Identification: { RemoteIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3' } },
  })
  const r = validate('eRoamingPushEvseStatus', {
    ActionType: 'update',
    OperatorEvseStatus: { OperatorID: 'DE*ABC', EvseStatusRecord: [{ EvseID: 'nope', EvseStatus: 'Occupied' }] },
  })
  assert.ok(!r.ok && r.errors[0]!.path === '/OperatorEvseStatus/EvseStatusRecord/0/EvseID')
})

test('tour: the CPO handlers mount and answer a remote start', async () => {
  const ok = { Result: true, StatusCode: { Code: '000' } } as const
  const handlers: CpoHandlers = {
    authorizeRemoteStart: async (request) => ({ ...ok, SessionID: request.SessionID }),
    authorizeRemoteStop: async () => ok,
    authorizeRemoteReservationStart: async () => ok,
    authorizeRemoteReservationStop: async () => ok,
  }
  const core = createServerCore(mount(cpoRoutes, handlers))
  const body = {
    SessionID: 'b2688855-7f00-0002-6d8e-48d883f6abb6',
    ProviderID: 'DE*8EO',
    EvseID: 'DE*ABC*E1234',
    Identification: { RemoteIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3' } },
  }
  const answer = await core.handle({
    method: 'POST',
    url: '/api/oicp/charging/v21/providers/DE*8EO/authorize-remote/start',
    headers: {},
    body: JSON.stringify(body),
  })
  assert.is(answer.status, 200)
  assert.equal(JSON.parse(String(answer.body)), { ...ok, SessionID: body.SessionID })
  const billed: string[] = []
  const bill = async (cdr: { SessionID: string }) => void billed.push(cdr.SessionID)
  const receive: Pick<EmpHandlers, 'chargeDetailRecord'> = {
    chargeDetailRecord: async (cdr) => (await bill(cdr), { Result: true, StatusCode: { Code: '000' } }),
  }
  assert.type(receive.chargeDetailRecord, 'function')
})

test.run()
