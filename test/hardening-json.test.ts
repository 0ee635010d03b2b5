// What a body may carry into the server and the hub: nesting is limited when the JSON is
// read (a push nested thousands of levels deep used to be stored and made every later pull
// answer 500), __proto__/constructor/prototype keys go at every depth, the hub keeps only
// the members the spec defines, and an optional field sent as null is removed rather than
// stored (a null EvseID used to make the session's next notification answer 500).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { cpoRoutes } from '../generated/oicp-2.3/index.js'
import { createServerCore, mount } from '../runtime/index.js'
import { parseJsonSafely } from '../runtime/internal.js'
import { stripDangerousKeys } from '../runtime/server/json.js'
import { startHub, type RunningHub } from '../hub/index.js'
import { evse } from './support/hub-setup.js'
import { closeClients, send } from './support/server-harness.js'
import { remoteStartRecorder } from './support/server-fixtures.js'

const DANGEROUS = ['__proto__', 'constructor', 'prototype']

/** Every own key of a value at any depth. */
function ownKeys(value: unknown, out: string[] = []): string[] {
  if (typeof value !== 'object' || value === null) return out
  for (const key of Object.getOwnPropertyNames(value)) {
    out.push(key)
    ownKeys((value as Record<string, unknown>)[key], out)
  }
  return out
}

/** `{"x":{"x":…{"x":leaf}…}}`, `depth` objects deep. */
function nested(depth: number, leaf: string): string {
  return `${'{"x":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`
}

const json = suite('JSON nesting and dangerous keys')

json('a body nested deeper than the limit is refused by the parser; one within it is read', () => {
  const deep = parseJsonSafely(nested(65, '1'))
  assert.is(deep.ok, false)
  assert.ok(!deep.ok && deep.tooDeep)
  assert.ok(parseJsonSafely(nested(64, '1')).ok)
  assert.ok(parseJsonSafely(`{"s":"${'{['.repeat(100)}"}`).ok, 'brackets inside strings do not count')
  assert.ok(parseJsonSafely(`{"s":"\\"${'['.repeat(100)}"}`).ok, 'nor after an escaped quote')
})

json('__proto__ at depth 2,000: the body is refused, and the key walk reaches that depth', () => {
  const text = nested(2000, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}')
  const parsed = parseJsonSafely(text)
  assert.ok(!parsed.ok && parsed.tooDeep)
  const value = JSON.parse(text) as unknown
  stripDangerousKeys(value)
  const keys = ownKeys(value)
  assert.is(keys.length, 2000)
  for (const k of DANGEROUS) assert.not.ok(keys.includes(k), k)
})

// Through the server core: a handler records what reaches it.
const { seen, handlers } = remoteStartRecorder()
const PATH = '/api/oicp/charging/v21/providers/DE*8EO/authorize-remote/start'
const start = {
  ProviderID: 'DE*8EO',
  EvseID: 'DE*ABC*E1',
  Identification: { RemoteIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3' } },
}
const keepCore = createServerCore(mount(cpoRoutes, handlers))
const dropCore = createServerCore(mount(cpoRoutes, handlers), { unknownMembers: 'drop' })
const handle = (core: typeof keepCore, body: string) =>
  core.handle({ method: 'POST', url: PATH, headers: { 'content-type': 'application/json' }, body })

const core = suite('the server core')
core.before.each(() => {
  seen.length = 0
})

core('a body over the nesting limit: 400, 022, naming the limit; the handler is not called', async () => {
  const r = await handle(
    keepCore,
    JSON.stringify({ ...start, Unknown: 0 }).replace('"Unknown":0', `"Unknown":${nested(4000, '1')}`),
  )
  assert.is(r.status, 400)
  const ack = JSON.parse(r.body)
  assert.is(ack.StatusCode.Code, '022')
  assert.match(ack.StatusCode.AdditionalInfo, '64')
  assert.is(seen.length, 0)
})

core(
  'dangerous keys below the limit are gone wherever they stand: top, known object, list, unknown member, \\u-escaped',
  async () => {
    const poison = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":1}'
    const bodies = [
      `{"__proto__":{"polluted":1},${JSON.stringify(start).slice(1)}`,
      JSON.stringify(start).replace(
        '"RemoteIdentification":{',
        `"RemoteIdentification":{"constructor":{"prototype":{"polluted":1}},`,
      ),
      JSON.stringify({ ...start, List: [1, 0] }).replace('[1,0]', `[1,${poison}]`),
      JSON.stringify({ ...start, Unknown: 0 }).replace('"Unknown":0', `"Unknown":${nested(40, poison)}`),
      `{"\\u005f_proto__":{"polluted":1},${JSON.stringify(start).slice(1)}`,
    ]
    for (const body of bodies) {
      const r = await handle(keepCore, body)
      assert.is(r.status, 200, `${body.slice(0, 80)}: ${r.body}`)
    }
    assert.is(seen.length, bodies.length)
    for (const value of seen)
      for (const k of DANGEROUS)
        assert.not.ok(ownKeys(value).includes(k), `${k} in ${JSON.stringify(value).slice(0, 200)}`)
    assert.is(({} as { polluted?: unknown }).polluted, undefined)
  },
)

core('unknown members: kept by default, removed at every depth with unknownMembers: drop', async () => {
  const body = JSON.stringify({
    ...start,
    Extra: { a: 1 },
    Identification: { RemoteIdentification: { EvcoID: start.Identification.RemoteIdentification.EvcoID, Inner: [1] } },
  })
  await handle(keepCore, body)
  await handle(dropCore, body)
  const [kept, dropped] = seen as Record<string, any>[]
  assert.equal(kept!.Extra, { a: 1 })
  assert.equal(kept!.Identification.RemoteIdentification.Inner, [1])
  assert.equal(dropped, start)
})

core('optional fields sent as null are removed before the handler sees them', async () => {
  const r = await handle(
    keepCore,
    JSON.stringify({ ...start, SessionID: null, PartnerProductID: null, EMPPartnerSessionID: null }),
  )
  assert.is(r.status, 200, r.body)
  assert.equal(seen[0], start)
  const required = await handle(keepCore, JSON.stringify({ ...start, EvseID: null }))
  assert.is(required.status, 400, 'a required field sent as null is missing')
})

json.run()
core.run()

// The hub, open mode over plain HTTP.
const hubSuite = suite('the hub')
let hub: RunningHub
const post = (path: string, body: unknown) =>
  send(hub.url + path, { body: typeof body === 'string' ? body : JSON.stringify(body) })
const OPERATOR = 'DE*ABC'
const pushBody = (record: unknown) =>
  JSON.stringify({
    ActionType: 'fullLoad',
    OperatorEvseData: { OperatorID: OPERATOR, OperatorName: 'ABC', EvseDataRecord: [record] },
  })
const pushPath = `/evsepush/v23/operators/${encodeURIComponent(OPERATOR)}/data-records`
const pull = () =>
  post('/evsepull/v23/providers/DE-8EO/data-records', { ProviderID: 'DE-8EO', GeoCoordinatesResponseFormat: 'Google' })

hubSuite.before(async () => {
  hub = await startHub()
})
hubSuite.after(async () => {
  await hub.close()
  closeClients()
})

hubSuite('a push with an unknown member nested 4,000 deep: 400 at the push, pulls answer as before', async () => {
  const good = await post(pushPath, pushBody(evse(1)))
  assert.is(good.json.Result, true, good.text)
  const text = pushBody({ ...evse(2), Unknown: 0 }).replace('"Unknown":0', `"Unknown":${nested(4000, '"x"')}`)
  const r = await post(pushPath, text)
  assert.is(r.status, 400, r.text)
  assert.is(r.json.StatusCode.Code, '022')
  assert.match(r.json.StatusCode.AdditionalInfo, '64')
  for (let i = 0; i < 3; i++) {
    const p = await pull()
    assert.is(p.status, 200, p.text)
    assert.equal(
      p.json.content.map((e: { EvseID: string }) => e.EvseID),
      [evse(1).EvseID],
    )
  }
})

hubSuite('unknown members within the limit are not stored: the pull shows only spec members', async () => {
  const record = {
    ...evse(3),
    Unknown: JSON.parse(nested(50, '"x"')),
    Address: { ...evse(3).Address, Secret: 'kept?' },
  }
  const r = await post(pushPath, pushBody(record))
  assert.is(r.json.Result, true, r.text)
  const p = await pull()
  assert.is(p.status, 200, p.text)
  const pulled = p.json.content.find((e: { EvseID: string }) => e.EvseID === record.EvseID)
  assert.ok(pulled, p.text.slice(0, 300))
  assert.is(pulled.Unknown, undefined)
  assert.is(pulled.Address.Secret, undefined)
})

hubSuite(
  'AuthorizeStart with "EvseID": null is stored without it; the next notification of the session answers 200',
  async () => {
    const card = { RFIDMifareFamilyIdentification: { UID: '1234ABCD' } }
    const pushed = await post('/authdata/v21/providers/DE-8EO/push-request', {
      ActionType: 'fullLoad',
      ProviderAuthenticationData: { ProviderID: 'DE-8EO', AuthenticationDataRecord: [{ Identification: card }] },
    })
    assert.is(pushed.json.Result, true, pushed.text)
    const authorized = await post(`/charging/v21/operators/${encodeURIComponent(OPERATOR)}/authorize/start`, {
      OperatorID: OPERATOR,
      EvseID: null,
      Identification: card,
    })
    assert.is(authorized.status, 200, authorized.text)
    assert.is(authorized.json.AuthorizationStatus, 'Authorized', authorized.text)
    const session = hub.store.sessions.get(authorized.json.SessionID)
    assert.ok(session)
    assert.not.ok('evseId' in session && session.evseId === null, 'no null stored')
    const n = await post('/notificationmgmt/v11/charging-notifications', {
      Type: 'Start',
      SessionID: authorized.json.SessionID,
      EvseID: 'DE*ABC*E00001',
      ChargingStart: '2024-05-01T14:30:00+02:00',
      OperatorID: OPERATOR,
    })
    assert.is(n.status, 200, n.text)
    assert.is(n.json.Result, true, n.text)
  },
)

hubSuite.run()
