// When the hub's storage fails: a write the database refuses (full) is answered 021 and
// changes nothing, so a retry later is stored instead of "exists already"; a damaged
// database, a read-only folder and a folder another hub holds are refused at start with
// one line naming the file, exit 1, no stack trace and nothing of the file's content.
import {
  chmodSync,
  chownSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { HubStorageError, startHub } from '../hub/index.js'
import { evse, OPERATOR, PROVIDER } from './support/hub-setup.js'
import { post, runHubToExit, spawnHub, type LaunchOptions } from './support/hub-process.js'

const root = mkdtempSync(join(tmpdir(), 'oicp-hub-storage-'))
chmodSync(root, 0o755) // another user (below) must reach the folders inside
let n = 0
const tempDir = () => join(root, `d${++n}`)
test.after(() => rmSync(root, { recursive: true, force: true }))

const op = encodeURIComponent(OPERATOR)
const pv = encodeURIComponent(PROVIDER)
/** Marks the pushed data, to show that no refusal prints what the file holds. */
const SECRET = 'Operator-Name-That-Must-Not-Leak'
const pushData = (url: string, action: string, records: unknown[]) =>
  post(`${url}/evsepush/v23/operators/${op}/data-records`, {
    ActionType: action,
    OperatorEvseData: { OperatorID: OPERATOR, OperatorName: SECRET, EvseDataRecord: records },
  })
const pushStatus = (url: string, action: string, ids: string[]) =>
  post(`${url}/evsepush/v21/operators/${op}/status-records`, {
    ActionType: action,
    OperatorEvseStatus: {
      OperatorID: OPERATOR,
      EvseStatusRecord: ids.map((EvseID) => ({ EvseID, EvseStatus: 'Available' })),
    },
  })
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => evse(from + i))

async function evseIds(url: string): Promise<string[]> {
  const page = await post(`${url}/evsepull/v23/providers/${pv}/data-records?size=2000`, {
    ProviderID: PROVIDER,
    GeoCoordinatesResponseFormat: 'Google',
  })
  return page.content.map((r: { EvseID: string }) => r.EvseID)
}

async function statusIds(url: string): Promise<string[]> {
  const answer = await post(`${url}/evsepull/v21/providers/${pv}/status-records-by-operator-id`, {
    ProviderID: PROVIDER,
    OperatorID: [OPERATOR],
  })
  return answer.EvseStatuses.OperatorEvseStatus.flatMap((o: { EvseStatusRecord: { EvseID: string }[] }) =>
    o.EvseStatusRecord.map((r) => r.EvseID),
  )
}

/** A refusal at start as the user sees it: exit 1, one line naming the file, nothing else. */
function assertOneLine(run: { code: number | null; output: string }, file: string, words: string): void {
  assert.is(run.code, 1, run.output)
  const lines = run.output.trimEnd().split('\n')
  assert.is(lines.length, 1, `one line, got:\n${run.output}`)
  assert.match(lines[0]!, /^oicp hub: /)
  assert.ok(lines[0]!.includes(file), `names ${file}: ${lines[0]}`)
  assert.ok(lines[0]!.includes(words), `says "${words}": ${lines[0]}`)
  assert.not.match(run.output, /\n\s+at /, 'no stack trace')
  assert.not.ok(run.output.includes(SECRET), 'nothing of the content')
}

for (const where of ['a data folder', 'memory'] as const) {
  test(`a full database (${where}): pushes answer 021 and change nothing; a retry later is stored`, async () => {
    const dir = where === 'memory' ? undefined : tempDir()
    const failures: unknown[] = []
    let hub = await startHub({ dataDir: dir, maxDatabaseBytes: 512 * 1024, onError: (e) => failures.push(e) })
    try {
      assert.is((await pushData(hub.url, 'insert', range(1, 5))).Result, true)
      assert.is((await pushStatus(hub.url, 'insert', [evse(1).EvseID])).Result, true)
      const big = range(100, 800)
      const full = await pushData(hub.url, 'insert', big)
      assert.is(full.Result, false)
      assert.is(full.StatusCode.Code, '021')
      assert.match(full.StatusCode.Description, 'nothing was changed')
      assert.not.match(full.StatusCode.Description, root, 'no path in the answer')
      const fullStatus = await pushStatus(
        hub.url,
        'fullLoad',
        range(100, 12_000).map((r) => r.EvseID),
      )
      assert.is(fullStatus.StatusCode.Code, '021')
      // Nothing of either push is held, in memory or in the database.
      assert.equal(
        await evseIds(hub.url),
        range(1, 5).map((r) => r.EvseID),
      )
      assert.equal(await statusIds(hub.url), [evse(1).EvseID])
      assert.not.ok(hub.store.evses.has('DEABCE00100'))
      assert.ok(
        failures.length >= 2 && failures.every((e) => e instanceof HubStorageError && e.problem === 'full'),
        String(failures),
      )
      // A part of the refused push is new to the hub, not "exists already".
      assert.is((await pushData(hub.url, 'insert', big.slice(0, 3))).Result, true)
      if (!dir) return
      await hub.close()
      hub = await startHub({ dataDir: dir })
      const retry = await pushData(hub.url, 'insert', big.slice(3))
      assert.is(retry.Result, true, JSON.stringify(retry))
      assert.is((await evseIds(hub.url)).length, 805)
    } finally {
      await hub.close()
    }
  })
}

/** A data folder with a database written by a hub process, holding `SECRET`. */
async function folderWithData(): Promise<{ dir: string; file: string }> {
  const dir = tempDir()
  const hub = await spawnHub(['--data', dir])
  try {
    assert.is((await pushData(hub.url, 'fullLoad', range(1, 300))).Result, true)
  } finally {
    assert.is(await hub.stop(), 0)
  }
  return { dir, file: join(dir, 'hub.db') }
}

function overwrite(file: string, at: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+')
  try {
    writeSync(fd, bytes, 0, bytes.length, at)
  } finally {
    closeSync(fd)
  }
}

test('a damaged database header is refused at start', async () => {
  const { dir, file } = await folderWithData()
  overwrite(file, 0, Buffer.from('not a database!!'))
  assertOneLine(await runHubToExit(['--data', dir]), file, 'damaged')
})

test('damaged pages are refused at start', async () => {
  const { dir, file } = await folderWithData()
  const pages = statSync(file).size / 4096
  // The first bytes of every other page (page headers and cell pointers) of the second quarter.
  for (let p = Math.floor(pages / 4); p < pages / 2; p += 2) overwrite(file, p * 4096, Buffer.alloc(64, 0xa5))
  assertOneLine(await runHubToExit(['--data', dir]), file, 'damaged')
})

test('a file that is no database at all is refused at start', async () => {
  const dir = tempDir()
  mkdirSync(dir)
  writeFileSync(join(dir, 'hub.db'), `${SECRET}\n`.repeat(500))
  assertOneLine(await runHubToExit(['--data', dir]), join(dir, 'hub.db'), 'damaged')
})

/** Root may write anywhere: a read-only folder is read-only only to another user. */
const otherUser: LaunchOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}

test('a read-only data folder is refused at start', async () => {
  const dir = tempDir()
  mkdirSync(dir)
  chmodSync(dir, 0o555)
  assertOneLine(await runHubToExit(['--data', dir], otherUser), dir, 'cannot be read and written')
  const inside = join(dir, 'sub')
  assertOneLine(await runHubToExit(['--data', inside], otherUser), inside, 'cannot create the data folder')
})

test('a read-only database file is refused at start', async () => {
  const { dir, file } = await folderWithData()
  // The folder is the user's own; the file is not writable to it.
  if (otherUser.uid !== undefined) chownSync(dir, otherUser.uid, otherUser.gid!)
  chmodSync(file, 0o444)
  assertOneLine(await runHubToExit(['--data', dir], otherUser), file, 'cannot be read and written')
})

test('a file where the data folder should be is refused at start', async () => {
  const file = tempDir()
  writeFileSync(file, 'x')
  assertOneLine(await runHubToExit(['--data', file]), file, 'not a folder')
})

test('a second hub on the same data folder is refused at start', async () => {
  const dir = tempDir()
  const first = await spawnHub(['--data', dir])
  try {
    assertOneLine(await runHubToExit(['--data', dir]), join(dir, 'hub.db'), 'in use by another process')
    assert.is((await pushData(first.url, 'insert', [evse(1)])).Result, true, 'the first one carries on')
  } finally {
    assert.is(await first.stop(), 0)
  }
})

test.run()
