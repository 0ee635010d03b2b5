// 50 EMP pulls at once while a CPO keeps pushing status updates: every EVSE data walk
// sees each EVSE exactly once with the same totals on every page, and every status answer
// is one version (each push sets all EVSEs to one status, so an answer mixing two
// statuses would have seen half a push).
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { evse, OPERATOR, PROVIDER, startWorld, type World } from './support/hub-setup.js'
import type { eRoamingPushEvseStatus } from '../generated/oicp-2.3/index.js'

let w: World
const COUNT = 200
const records = Array.from({ length: COUNT }, (_, i) => evse(i + 1))
const STATUSES = ['Available', 'Occupied', 'Reserved', 'OutOfService'] as const

test.before(async () => {
  w = await startWorld()
  await w.cpo.pushEvseData({
    ActionType: 'fullLoad',
    OperatorEvseData: { OperatorID: OPERATOR, OperatorName: 'ABC', EvseDataRecord: records },
  })
})

test.after(async () => {
  await w?.close()
})

const statusPush = (i: number): eRoamingPushEvseStatus => ({
  ActionType: i === 0 ? 'fullLoad' : 'update',
  OperatorEvseStatus: {
    OperatorID: OPERATOR,
    EvseStatusRecord: records.map((r) => ({ EvseID: r.EvseID, EvseStatus: STATUSES[i % STATUSES.length]! })),
  },
})

test('50 concurrent pulls during status pushes return consistent pages', async () => {
  await w.cpo.pushEvseStatus(statusPush(0))
  let pushing = true
  let pushes = 1
  const pusher = (async () => {
    while (pushing) await w.cpo.pushEvseStatus(statusPush(pushes++))
  })()

  const puller = async (k: number) => {
    const ids: string[] = []
    for await (const page of w.emp.pullEvseDataPages(
      { ProviderID: PROVIDER, GeoCoordinatesResponseFormat: 'Google' },
      { size: 30 + k },
    )) {
      assert.is(page.totalElements, COUNT)
      assert.is(page.invalid.length, 0)
      ids.push(...page.records.map((r) => r.EvseID))
    }
    assert.is(ids.length, COUNT)
    assert.is(new Set(ids).size, COUNT, 'no EVSE twice')
    const status = await w.emp.pullEvseStatus({ ProviderID: PROVIDER })
    const got = status.EvseStatuses.OperatorEvseStatus.flatMap((o) => o.EvseStatusRecord)
    assert.is(got.length, COUNT)
    assert.is(
      new Set(got.map((r) => r.EvseStatus)).size,
      1,
      `one version per answer, got ${[...new Set(got.map((r) => r.EvseStatus))].join(', ')}`,
    )
    const byId = await w.emp.pullEvseStatusById({
      ProviderID: PROVIDER,
      EvseID: records.slice(0, 100).map((r) => r.EvseID),
    })
    assert.is(new Set(byId.EVSEStatusRecords.EvseStatusRecord.map((r) => r.EvseStatus)).size, 1)
  }
  try {
    await Promise.all(Array.from({ length: 50 }, (_, k) => puller(k)))
  } finally {
    pushing = false
    await pusher
  }
  assert.ok(pushes > 2, `status pushes ran alongside the pulls (${pushes})`)
})

test.run()
