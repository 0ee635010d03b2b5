// Acknowledged means durable: `oicp hub --data DIR` is killed (SIGKILL) at random moments
// 50 times, restarted each time, while a client pushes EVSE data and status, small
// (~1 KB) and large (~1 MB), every push with EVSE IDs of its own. After the last restart
// every push that was answered Result true is found by pulls, and no push was answered
// with an error (a connection the kill cut was not an answer).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { evse, OPERATOR, PROVIDER } from './support/hub-setup.js'
import { launchHub, post, spawnHub } from './support/hub-process.js'

const KILLS = 50
/** Records per push: ~1 KB and ~1 MB of JSON. */
const SMALL_DATA = 1
const SMALL_STATUS = 16
const BIG_DATA = 1300
const BIG_STATUS = 16_000

const op = encodeURIComponent(OPERATOR)
const pv = encodeURIComponent(PROVIDER)
const dir = mkdtempSync(join(tmpdir(), 'oicp-hub-kill-'))
test.after(() => rmSync(dir, { recursive: true, force: true }))

// Random moments from a seed that a failure names, so that a failing run can be repeated.
const seed = Number(process.env.KILL_SEED ?? Date.now() % 1_000_000)
let state = seed
function random(): number {
  state = (state + 0x6d2b79f5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const between = (min: number, max: number) => min + random() * (max - min)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let nextId = 1
const ids = (count: number) => Array.from({ length: count }, () => evse(nextId++).EvseID)
const acknowledged = { data: [] as string[][], status: [] as string[][] }
const answeredWithError: string[] = []
const sent = { small: 0, big: 0, acknowledged: 0 }

/** Pushes until the kill; every answer is either Result true (recorded) or an error (a failure). */
async function writer(url: string, big: boolean, killed: () => boolean): Promise<void> {
  for (let k = 0; !killed(); k++) {
    // Large pushes with pauses between: about one a round, so the pulls at the end stay quick.
    if (big && k > 0) await sleep(between(100, 400))
    if (killed()) return
    // EVSE data and status take turns, across rounds.
    const status = sent[big ? 'big' : 'small'] % 2 === 1
    const pushed = ids(status ? (big ? BIG_STATUS : SMALL_STATUS) : big ? BIG_DATA : SMALL_DATA)
    const body = status
      ? {
          ActionType: 'insert',
          OperatorEvseStatus: {
            OperatorID: OPERATOR,
            EvseStatusRecord: pushed.map((EvseID) => ({ EvseID, EvseStatus: 'Available' })),
          },
        }
      : {
          ActionType: 'insert',
          OperatorEvseData: {
            OperatorID: OPERATOR,
            OperatorName: 'ABC',
            EvseDataRecord: pushed.map((_, i) => evse(nextId - pushed.length + i)),
          },
        }
    sent[big ? 'big' : 'small']++
    let answer: any
    try {
      answer = await post(
        `${url}/evsepush/${status ? 'v21' : 'v23'}/operators/${op}/${status ? 'status' : 'data'}-records`,
        body,
      )
    } catch {
      return // the kill cut the connection: no answer
    }
    if (answer?.Result === true) {
      acknowledged[status ? 'status' : 'data'].push(pushed)
      sent.acknowledged++
    } else answeredWithError.push(JSON.stringify(answer?.StatusCode ?? answer))
  }
}

async function heldIds(url: string): Promise<{ data: Set<string>; status: Set<string> }> {
  const data = new Set<string>()
  for (let page = 0; ; page++) {
    const answer = await post(`${url}/evsepull/v23/providers/${pv}/data-records?size=2000&page=${page}`, {
      ProviderID: PROVIDER,
      GeoCoordinatesResponseFormat: 'Google',
    })
    for (const r of answer.content as { EvseID: string }[]) data.add(r.EvseID)
    if (answer.last) break
  }
  const byOperator = await post(`${url}/evsepull/v21/providers/${pv}/status-records-by-operator-id`, {
    ProviderID: PROVIDER,
    OperatorID: [OPERATOR],
  })
  const status = new Set<string>(
    byOperator.EvseStatuses.OperatorEvseStatus.flatMap((o: { EvseStatusRecord: { EvseID: string }[] }) =>
      o.EvseStatusRecord.map((r) => r.EvseID),
    ),
  )
  return { data, status }
}

test(`${KILLS} kills during pushes lose nothing acknowledged`, async () => {
  const started = performance.now()
  let killedStarting = 0
  for (let round = 0; round < KILLS; round++) {
    const hub = launchHub(['--data', dir])
    let killed = false
    // One round in five is killed at a random moment of the start (opening, recovering the WAL).
    const early = random() < 0.2
    const kill = async (afterMs: number) => {
      await sleep(afterMs)
      killed = true
      await hub.kill()
    }
    let killing: Promise<void>
    if (early) {
      killing = kill(between(50, 1300))
      const url = await hub.listening
      if (url === undefined) killedStarting++
      else await Promise.all([writer(url, false, () => killed), writer(url, true, () => killed)])
    } else {
      const url = await hub.listening
      assert.ok(url, `round ${round} (seed ${seed}): the hub did not start:\n${hub.output()}`)
      killing = kill(between(30, 500))
      await Promise.all([writer(url, false, () => killed), writer(url, true, () => killed)])
    }
    await killing
    assert.is(
      await hub.exited,
      null,
      `round ${round} (seed ${seed}): ended by the kill, not on its own:\n${hub.output()}`,
    )
    assert.equal(answeredWithError, [], `seed ${seed}: no push answered with an error`)
  }

  const killedAfter = performance.now()
  const hub = await spawnHub(['--data', dir])
  try {
    const held = await heldIds(hub.url)
    const lost = (kind: 'data' | 'status') => acknowledged[kind].flat().filter((id) => !held[kind].has(id))
    assert.equal(lost('data'), [], `seed ${seed}: acknowledged EVSE data lost`)
    assert.equal(lost('status'), [], `seed ${seed}: acknowledged EVSE status lost`)
    assert.ok(
      acknowledged.data.some((p) => p.length === BIG_DATA) && acknowledged.status.some((p) => p.length === BIG_STATUS),
      'large pushes were acknowledged too',
    )
    assert.ok(
      acknowledged.data.length + acknowledged.status.length > KILLS,
      'pushes were acknowledged between the kills',
    )
  } finally {
    assert.is(await hub.stop(), 0)
  }
  const seconds = (ms: number) => (ms / 1000).toFixed(1)
  const done = performance.now()
  console.log(
    `  ${KILLS} kills (${killedStarting} while starting) in ${seconds(killedAfter - started)} s, seed ${seed}: ${sent.small} small and ${sent.big} large pushes sent, ` +
      `${sent.acknowledged} acknowledged (${acknowledged.data.flat().length} EVSE data and ${acknowledged.status.flat().length} status records), all found after the restart (${seconds(done - killedAfter)} s)`,
  )
})

test.run()
