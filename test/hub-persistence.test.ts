// `oicp hub --data DIR` keeps what it acknowledged: across a clean restart, and across
// SIGKILL in the middle of a stream of pushes (every acknowledged push is there after the
// restart). The kill loop and the failures of storage are in hub-storage-*.test.ts.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { evse, EVCO, OPERATOR, PROVIDER } from './support/hub-setup.js'
import { post, spawnHub } from './support/hub-process.js'

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'oicp-hub-'))
  dirs.push(d)
  return d
}

test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const op = encodeURIComponent(OPERATOR)
const pv = encodeURIComponent(PROVIDER)
const pushData = (url: string, action: string, records: unknown[]) =>
  post(`${url}/evsepush/v23/operators/${op}/data-records`, {
    ActionType: action,
    OperatorEvseData: { OperatorID: OPERATOR, OperatorName: 'ABC', EvseDataRecord: records },
  })

async function allEvseIds(url: string): Promise<string[]> {
  const page = await post(`${url}/evsepull/v23/providers/${pv}/data-records?size=2000`, {
    ProviderID: PROVIDER,
    GeoCoordinatesResponseFormat: 'Google',
  })
  assert.is(page.StatusCode.Code, '000', JSON.stringify(page.StatusCode))
  return page.content.map((r: { EvseID: string }) => r.EvseID)
}

test('after a restart the hub still has data, status, authentication data and sessions', async () => {
  const dir = tempDir()
  let hub = await spawnHub(['--data', dir])
  try {
    assert.is((await pushData(hub.url, 'fullLoad', [evse(1), evse(2), evse(3)])).Result, true)
    assert.is((await pushData(hub.url, 'delete', [evse(2)])).Result, true)
    const status = await post(`${hub.url}/evsepush/v21/operators/${op}/status-records`, {
      ActionType: 'fullLoad',
      OperatorEvseStatus: {
        OperatorID: OPERATOR,
        EvseStatusRecord: [{ EvseID: evse(1).EvseID, EvseStatus: 'Available' }],
      },
    })
    assert.is(status.Result, true)
    const start = await post(`${hub.url}/charging/v21/providers/${pv}/authorize-remote/start`, {
      ProviderID: PROVIDER,
      EvseID: evse(3).EvseID,
      Identification: { RemoteIdentification: { EvcoID: EVCO } },
    })
    assert.is(start.Result, true)
    assert.is(await hub.stop(), 0)

    hub = await spawnHub(['--data', dir])
    assert.equal(await allEvseIds(hub.url), [evse(1).EvseID, evse(3).EvseID])
    const byId = await post(`${hub.url}/evsepull/v21/providers/${pv}/status-records-by-id`, {
      ProviderID: PROVIDER,
      EvseID: [evse(1).EvseID, evse(3).EvseID],
    })
    assert.equal(
      byId.EVSEStatusRecords.EvseStatusRecord.map((r: { EvseStatus: string }) => r.EvseStatus),
      ['Available', 'Occupied'],
    )
    // The session survived: it can be stopped after the restart.
    const stop = await post(`${hub.url}/charging/v21/providers/${pv}/authorize-remote/stop`, {
      ProviderID: PROVIDER,
      EvseID: evse(3).EvseID,
      SessionID: start.SessionID,
    })
    assert.is(stop.Result, true, JSON.stringify(stop))
  } finally {
    await hub.stop()
  }
})

test('SIGKILL during a stream of pushes loses nothing acknowledged', async () => {
  const dir = tempDir()
  let hub = await spawnHub(['--data', dir])
  const acknowledged: string[] = []
  let n = 0
  let killed = false
  // Four writers insert one new EVSE per push each, until the kill.
  const writer = async () => {
    while (!killed) {
      const record = evse(++n)
      try {
        const answer = await pushData(hub.url, 'insert', [record])
        if (answer.Result === true) acknowledged.push(record.EvseID)
      } catch {
        return // connection cut by the kill
      }
    }
  }
  const writers = [writer(), writer(), writer(), writer()]
  while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 5))
  killed = true
  await hub.kill()
  await Promise.all(writers)

  hub = await spawnHub(['--data', dir])
  try {
    const held = new Set(await allEvseIds(hub.url))
    const lost = acknowledged.filter((id) => !held.has(id))
    assert.equal(lost, [], `acknowledged but lost: ${lost.join(', ')}`)
    assert.ok(held.size >= acknowledged.length)
    // It keeps working, and a clean stop leaves the database alone in the folder (the WAL checkpointed).
    assert.is((await pushData(hub.url, 'insert', [evse(9999)])).Result, true)
    assert.is(await hub.stop(), 0)
    assert.equal(readdirSync(dir), ['hub.db'])
    hub = await spawnHub(['--data', dir])
    const again = await allEvseIds(hub.url)
    assert.is(again.length, held.size + 1)
  } finally {
    await hub.stop()
  }
})

test.run()
