// One identity model, attacked: a CPO whose certificate holds OperatorID DE*ABC must not
// act as EMP DE-ABC (their canonical letters agree, their roles do not); an operator must
// not claim an EVSE whose ID merely starts with its ID's characters (+4*981 vs
// +49*810*000*438); a path ID is checked after percent-decoding (%2A is "*", no operator).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createDevCa } from '../cli/certs.js'
import { evseOfOperator, idKey, providerOfEvco, sameId } from '../runtime/index.js'
import { evseBelongsTo } from '../hub/ids.js'
import { startHub, type RunningHub } from '../hub/index.js'
import { evse } from './support/hub-setup.js'
import { closeClients, send } from './support/server-harness.js'

const ids = suite('canonical IDs')

ids('separators the spec makes optional and letter case do not matter; roles keep their own syntax', () => {
  assert.is(idKey('OperatorID', 'DE*ABC'), 'DEABC')
  assert.ok(sameId('OperatorID', 'DE*ABC', 'deabc'))
  assert.ok(sameId('ProviderID', 'DE-8EO', 'DE*8EO'))
  assert.ok(sameId('ProviderID', 'de8eo', 'DE-8EO'))
  assert.is(idKey('OperatorID', 'DE-ABC'), undefined, '"-" is no OperatorID separator')
  assert.ok(sameId('OperatorID', '+49*536', '49*536'), 'the DIN "+" is optional')
  assert.is(idKey('OperatorID', '+49536'), undefined, 'the DIN "*" is mandatory')
  assert.ok(sameId('EvseID', 'DE*AB7*E840*6487', 'DEAB7E8406487'))
  assert.not.ok(sameId('EvseID', '+4*981*0000*438', '+49*810*000*438'), 'the country code boundary is part of the ID')
  assert.is(providerOfEvco('DE-8EO-CAet5e4XY-3'), 'DE8EO')
  assert.is(providerOfEvco('DE*8EO*Aet5e4*3'), 'DE8EO')
})

ids('an EVSE belongs to an operator by country and operator part, not by string prefix', () => {
  assert.ok(evseOfOperator('+49*810*000*438', '+49*810'))
  assert.ok(evseOfOperator('+49*810*000*438', '49*810'))
  assert.not.ok(evseOfOperator('+49*810*000*438', '+4*981'))
  assert.ok(evseOfOperator('DE*ABC*E1', 'deabc'))
  assert.not.ok(evseOfOperator('DE*ABC*E1', 'DE*AB1'))
  assert.not.ok(evseOfOperator('DEABCE1', 'DE*ABCE'), 'not an OperatorID')
  assert.not.ok(evseBelongsTo('DE*ABC*E1', '*'), 'the hub check: "*" is no operator')
  assert.not.ok(evseBelongsTo('DE*ABC*E1', ''), 'the hub check: nothing is no operator')
})

ids.run()

// Over mutual TLS, with partners from a config: the CPO holds DE*ABC, an EMP holds DE-ABC.
const ca = createDevCa('hardening identity CA')
const serverPem = ca.server(['127.0.0.1', 'localhost'])
const pems = { cpo: ca.client('cpo'), emp: ca.client('emp') }
const UID = '1234ABCD'
const authData = (providerId: string, records: unknown[]) => ({
  ActionType: 'fullLoad',
  ProviderAuthenticationData: { ProviderID: providerId, AuthenticationDataRecord: records },
})
const card = { Identification: { RFIDMifareFamilyIdentification: { UID } } }

const roles = suite('a CPO certificate on provider paths')
let hub: RunningHub
const as = (who: keyof typeof pems, path: string, body: unknown) =>
  send(hub.url + path, { body: JSON.stringify(body), tls: { ca: ca.cert, cert: pems[who].cert, key: pems[who].key } })

roles.before(async () => {
  hub = await startHub({
    tls: { cert: serverPem.cert, key: serverPem.key, ca: ca.cert },
    partners: [
      { name: 'cpo', operatorIds: ['DE*ABC'], simulate: true },
      { name: 'emp', providerIds: ['DE-ABC'] },
    ],
  })
  const pushed = await as('emp', '/authdata/v21/providers/DE-ABC/push-request', authData('DE-ABC', [card]))
  assert.is(pushed.status, 200, pushed.text)
  assert.is(pushed.json.Result, true, pushed.text)
})
roles.after(() => hub.close())

/** Whether the hub still authorizes the EMP's card from its pushed data. */
async function cardAuthorized(): Promise<boolean> {
  const r = await as('cpo', '/charging/v21/operators/DE*ABC/authorize/start', {
    OperatorID: 'DE*ABC',
    EvseID: 'DE*ABC*E1',
    ...card,
  })
  assert.is(r.status, 200, r.text)
  return r.json.AuthorizationStatus === 'Authorized' && sameId('ProviderID', r.json.ProviderID, 'DE-ABC')
}

roles('the EMP pushes under any spelling of its own ProviderID', async () => {
  for (const spelling of ['DEABC', 'de*abc', 'DE-ABC']) {
    const r = await as(
      'emp',
      `/authdata/v21/providers/${encodeURIComponent(spelling)}/push-request`,
      authData(spelling, [card]),
    )
    assert.is(r.status, 200, `${spelling}: ${r.text}`)
  }
  assert.ok(await cardAuthorized())
})

roles("the CPO cannot wipe the EMP's authentication data: 403, 017, the data stays", async () => {
  for (const spelling of ['DEABC', 'DE*ABC', 'DE-ABC']) {
    const r = await as(
      'cpo',
      `/authdata/v21/providers/${encodeURIComponent(spelling)}/push-request`,
      authData(spelling, []),
    )
    assert.is(r.status, 403, `${spelling}: ${r.text}`)
    assert.is(r.json.StatusCode.Code, '017')
  }
  assert.ok(await cardAuthorized(), 'the EMP card is still authorized')
})

roles('the CPO cannot start a session in the name of the EMP: 403, 017, no session', async () => {
  const before = hub.store.sessions.size
  const r = await as('cpo', '/charging/v21/providers/DEABC/authorize-remote/start', {
    ProviderID: 'DEABC',
    EvseID: 'DE*ABC*E1',
    Identification: { RemoteIdentification: { EvcoID: 'DE-ABC-CAet5e4XY-3' } },
  })
  assert.is(r.status, 403, r.text)
  assert.is(r.json.StatusCode.Code, '017')
  assert.is(hub.store.sessions.size, before)
})

roles('and the EMP cannot act as the CPO of the same letters', async () => {
  const r = await as('emp', '/charging/v21/operators/DEABC/authorize/start', { OperatorID: 'DEABC', ...card })
  assert.is(r.status, 403, r.text)
  assert.is(r.json.StatusCode.Code, '017')
})

roles.run()

// Open development mode (plain HTTP, every ID allowed): the 018 check is all there is.
const open = suite('018 in open mode')
let openHub: RunningHub
const post = (path: string, body: unknown) => send(openHub.url + path, { body: JSON.stringify(body) })
const DIN_EVSE = '+49*810*000*438'
const dinRecord = (name: string) => ({
  ...evse(1),
  EvseID: DIN_EVSE,
  ChargingStationNames: [{ lang: 'en', value: name }],
})
const pushAs = (operator: string, name: string, action: 'insert' | 'update') =>
  post(`/evsepush/v23/operators/${encodeURIComponent(operator)}/data-records`, {
    ActionType: action,
    OperatorEvseData: { OperatorID: operator, OperatorName: operator, EvseDataRecord: [dinRecord(name)] },
  })

open.before(async () => {
  openHub = await startHub()
})
open.after(async () => {
  await openHub.close()
  closeClients()
})

open(
  "operator +4*981 cannot update EVSE +49*810*000*438 (its ID's characters are the EvseID's first ones)",
  async () => {
    const own = await pushAs('+49*810', 'the real one', 'insert')
    assert.is(own.status, 200, own.text)
    assert.is(own.json.Result, true, own.text)
    const foreign = await pushAs('+4*981', 'hijacked', 'update')
    assert.is(foreign.json.Result, false, foreign.text)
    assert.is(foreign.json.StatusCode.Code, '018')
    const pulled = await post('/evsepull/v23/providers/DE-8EO/data-records', {
      ProviderID: 'DE-8EO',
      GeoCoordinatesResponseFormat: 'Google',
    })
    assert.is(pulled.status, 200, pulled.text)
    const record = pulled.json.content.find((r: { EvseID: string }) => r.EvseID === DIN_EVSE)
    assert.is(record?.ChargingStationNames[0].value, 'the real one')
    assert.ok(sameId('OperatorID', record.OperatorID, '+49*810'))
  },
)

open('EVSE pricing for operator %2A ("*" after decoding) does not pass: refused, nothing stored', async () => {
  const before = openHub.store.evsePricing.size
  const r = await post('/dynamicpricing/v10/operators/%2A/evse-pricing', {
    ActionType: 'fullLoad',
    EVSEPricing: [{ EvseID: 'DE*ABC*E00001', ProviderID: '*', EvseIDProductList: ['Standard'] }],
  })
  assert.is.not(r.json?.Result, true, r.text)
  assert.ok(r.status === 400 || r.json.StatusCode.Code === '018', r.text)
  assert.is(openHub.store.evsePricing.size, before)
})

open("an operator cannot take over another operator's session by naming its SessionID in AuthorizeStart", async () => {
  const card = { RFIDMifareFamilyIdentification: { UID } }
  const auth = await post('/authdata/v21/providers/DE-8EO/push-request', authData('DE-8EO', [{ Identification: card }]))
  assert.is(auth.json.Result, true, auth.text)
  const started = await post('/charging/v21/providers/DE-8EO/authorize-remote/start', {
    ProviderID: 'DE-8EO',
    EvseID: DIN_EVSE,
    Identification: { RemoteIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3' } },
  })
  assert.is(started.json.Result, true, started.text)
  const sessionId: string = started.json.SessionID
  const taken = await post('/charging/v21/operators/DE*XYZ/authorize/start', {
    SessionID: sessionId,
    OperatorID: 'DE*XYZ',
    EvseID: 'DE*XYZ*E1',
    Identification: card,
  })
  assert.is(taken.json.AuthorizationStatus, 'NotAuthorized', taken.text)
  assert.is(taken.json.StatusCode.Code, '400')
  const session = openHub.store.sessions.get(sessionId)!
  assert.ok(sameId('OperatorID', session.operatorId, '+49*810'))
  assert.is(session.evseId, DIN_EVSE)
})

open.run()
