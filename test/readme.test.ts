// The README's tour, run as written (with a canned response in place of the network).
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { messages, operations, validate, type eRoamingPushEvseStatus } from '../generated/oicp-2.3/index.js'

test('CPO tour: the push validates, the operation is sequential, the answer reads leniently', () => {
  const push: eRoamingPushEvseStatus = {
    ActionType: 'update',
    OperatorEvseStatus: { OperatorID: 'DE*ABC', EvseStatusRecord: [{ EvseID: 'DE*ABC*E1234', EvseStatus: 'Occupied' }] },
  }
  messages.assertValid('eRoamingPushEvseStatus', push)
  const op = operations.find((o) => o.name === 'eRoamingPushEvseStatus')!
  assert.is(op.method, 'POST')
  assert.is(op.path, '/evsepush/v21/operators/{OperatorID}/status-records')
  assert.ok(op.sequential)
  const ack = messages.validate('eRoamingAcknowledgement', { Result: true, StatusCode: { Code: '000', Description: null } }, { mode: 'lenient' })
  assert.ok(ack.ok)
  assert.throws(() => messages.assertValid('eRoamingPushEvseStatus', { ...push, ActionType: 'replace' }), /\/ActionType/)
})

test('EMP tour: the remote start validates, a page with a new plug type warns', () => {
  messages.assertValid('eRoamingAuthorizeRemoteStart', {
    ProviderID: 'DE*8EO',
    EvseID: 'DE*ABC*E1234',
    Identification: { RemoteIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3' } },
  })
  const r = validate('eRoamingPushEvseStatus', { ActionType: 'update', OperatorEvseStatus: { OperatorID: 'DE*ABC', EvseStatusRecord: [{ EvseID: 'nope', EvseStatus: 'Occupied' }] } })
  assert.ok(!r.ok && r.errors[0]!.path === '/OperatorEvseStatus/EvseStatusRecord/0/EvseID')
})

test.run()
