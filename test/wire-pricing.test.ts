// The EVSE pricing answer carries its operator blocks as `EVSEPricing`, the spelling of
// every wire source (ERRATA.md, section 1): the hub sends it over mutual TLS, and the
// text's `OperatorEVSEPricing` is read as an alias in lenient mode only.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { messages } from '../generated/oicp-2.3/index.js'
import type { WarningsEvent } from '../runtime/index.js'
import { empFor } from './support/client-fixtures.js'
import { TestHub } from './support/client-hub.js'
import { evse, OPERATOR, PROVIDER, startWorld, type World } from './support/hub-setup.js'

let w: World
let stand: TestHub
test.before(async () => {
  ;[w, stand] = await Promise.all([startWorld(), TestHub.start()])
})
test.after(async () => {
  await Promise.all([w?.close(), stand?.close()])
})

const block = {
  OperatorID: OPERATOR,
  OperatorName: 'ABC',
  EVSEPricing: [{ EvseID: 'DE*ABC*E00001', ProviderID: '*', EvseIDProductList: ['AC1'] }],
}

test('the hub answers a pricing pull with EVSEPricing on the wire', async () => {
  await w.cpo.pushEVSEPricing({
    ActionType: 'fullLoad',
    EVSEPricing: [{ EvseID: evse(1).EvseID, ProviderID: PROVIDER, EvseIDProductList: ['AC1'] }],
  })
  const r = await w.raw(`/dynamicpricing/v10/providers/${encodeURIComponent(PROVIDER)}/evse-pricing`, {
    ProviderID: PROVIDER,
    OperatorIDs: [OPERATOR],
  })
  assert.is(r.status, 200, r.text)
  assert.equal(Object.keys(r.json).sort(), ['EVSEPricing', 'StatusCode'])
  assert.equal(
    r.json.EVSEPricing[0].EVSEPricing.map((p: { EvseID: string }) => p.EvseID),
    [evse(1).EvseID],
  )
  assert.ok(messages.validate('eRoamingEVSEPricing', r.json, { mode: 'strict' }).ok)
  const typed = await w.emp.pullEVSEPricing({ ProviderID: PROVIDER, OperatorIDs: [OPERATOR] })
  assert.equal(
    typed.EVSEPricing.map((o) => o.OperatorID),
    [OPERATOR],
  )
})

test("the text's OperatorEVSEPricing: an alias in lenient mode, a missing EVSEPricing in exact mode", () => {
  const textual = { OperatorEVSEPricing: [block], StatusCode: { Code: '000' } }
  const exact = messages.validate('eRoamingEVSEPricing', structuredClone(textual))
  assert.equal(!exact.ok && exact.errors.map((e) => `${e.path} ${e.keyword}`), ['/EVSEPricing required'])
  const lenient = messages.validate('eRoamingEVSEPricing', textual, { mode: 'lenient' })
  if (!lenient.ok) throw new Error(JSON.stringify(lenient.errors))
  assert.equal(lenient.value.EVSEPricing, [block])
  assert.equal(
    lenient.warnings.map((x) => [x.path, x.keyword]),
    [['/OperatorEVSEPricing', 'alias']],
  )
})

test('a client reads an answer spelt OperatorEVSEPricing, and says so in onWarnings', async () => {
  stand.handler = () => ({ body: { OperatorEVSEPricing: [block], StatusCode: { Code: '000' } } })
  const heard: WarningsEvent[] = []
  const emp = empFor(stand, { hooks: { onWarnings: (e) => heard.push(e) } })
  try {
    const answer = await emp.pullEVSEPricing({ ProviderID: 'DE*8EO', OperatorIDs: [OPERATOR] })
    assert.equal(answer.EVSEPricing, [block])
    assert.equal(
      heard.map((e) => e.warnings.map((x) => x.keyword)),
      [['alias']],
    )
  } finally {
    await emp.close()
  }
})

test.run()
