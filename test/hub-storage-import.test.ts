// `oicp hub --data DIR` on a folder of the old journal format (snapshot.ndjson and
// journal.ndjson) imports it once into the database and renames the old files aside;
// a damaged old file is refused with one line naming it, and nothing is imported.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { idKey } from '../hub/ids.js'
import { evse, EVCO, OPERATOR, PROVIDER } from './support/hub-setup.js'
import { post, runHubToExit, spawnHub } from './support/hub-process.js'

const root = mkdtempSync(join(tmpdir(), 'oicp-hub-import-'))
let n = 0
test.after(() => rmSync(root, { recursive: true, force: true }))

const pv = encodeURIComponent(PROVIDER)
const SESSION = '0ad6d8b4-4e3c-4b5e-9a53-2b9c9d2b6c01'

const line = (value: unknown) => `${JSON.stringify(value)}\n`
const evseItem = (i: number) => {
  const record = evse(i)
  const [lat, lon] = record.GeoCoordinates.Google!.Coordinates.split(' ').map(Number)
  return {
    t: 'evse',
    entry: {
      key: idKey(record.EvseID),
      operatorKey: idKey(OPERATOR),
      record,
      created: 1000 + i,
      updated: 1000 + i,
      deleted: false,
      position: { lat, lon },
    },
  }
}
const insert = (seq: number, i: number) => ({
  seq,
  op: {
    kind: 'evseData',
    at: 2000 + seq,
    action: 'insert',
    operatorId: OPERATOR,
    operatorName: 'ABC',
    records: [evse(i)],
  },
})

/** The old files as the old hub left them after a few kills. */
function oldFiles(): { snapshot: string; journal: string } {
  const snapshot =
    line({ format: 'oicp-hub-snapshot', version: 1, seq: 2 }) +
    line({ t: 'operator', key: idKey(OPERATOR), operatorId: OPERATOR, name: 'ABC' }) +
    line(evseItem(1)) +
    line(evseItem(2)) +
    line({
      t: 'status',
      entry: {
        key: idKey(evse(1).EvseID),
        evseId: evse(1).EvseID,
        operatorKey: idKey(OPERATOR),
        status: 'Available',
        updated: 1500,
      },
    }) +
    line({
      t: 'session',
      session: {
        sessionId: SESSION,
        operatorId: OPERATOR,
        providerId: PROVIDER,
        evseId: evse(2).EvseID,
        identification: { RemoteIdentification: { EvcoID: EVCO } },
        origin: 'remoteStart',
        authorizedByHub: false,
        state: 'started',
        created: 1600,
        updated: 1600,
      },
    })
  const journal =
    // Entry 2 is in the snapshot already (a kill came before the journal was emptied).
    line(insert(2, 2)) +
    line(insert(3, 3)) +
    // A write a kill tore, with the next (acknowledged) entry appended to it.
    JSON.stringify(insert(4, 99)).slice(0, 40) +
    line(insert(4, 4)) +
    line(insert(5, 5)) +
    // The write the last kill tore.
    JSON.stringify(insert(6, 6)).slice(0, 30)
  return { snapshot, journal }
}

function folder(files: { snapshot?: string; journal?: string }): string {
  const dir = join(root, `d${++n}`)
  mkdirSync(dir)
  if (files.snapshot !== undefined) writeFileSync(join(dir, 'snapshot.ndjson'), files.snapshot)
  if (files.journal !== undefined) writeFileSync(join(dir, 'journal.ndjson'), files.journal)
  return dir
}

async function evseIds(url: string): Promise<string[]> {
  const page = await post(`${url}/evsepull/v23/providers/${pv}/data-records?size=2000`, {
    ProviderID: PROVIDER,
    GeoCoordinatesResponseFormat: 'Google',
  })
  return page.content.map((r: { EvseID: string }) => r.EvseID)
}

const expected = [1, 2, 3, 4, 5].map((i) => evse(i).EvseID)

test('the old journal format is imported once, then renamed aside', async () => {
  const dir = folder(oldFiles())
  let hub = await spawnHub(['--data', dir])
  try {
    assert.equal(await evseIds(hub.url), expected)
    assert.match(hub.output(), 'dropped 2 torn journal line(s)')
    const status = await post(`${hub.url}/evsepull/v21/providers/${pv}/status-records-by-id`, {
      ProviderID: PROVIDER,
      EvseID: [evse(1).EvseID],
    })
    assert.is(status.EVSEStatusRecords.EvseStatusRecord[0].EvseStatus, 'Available')
    const stop = await post(`${hub.url}/charging/v21/providers/${pv}/authorize-remote/stop`, {
      ProviderID: PROVIDER,
      EvseID: evse(2).EvseID,
      SessionID: SESSION,
    })
    assert.is(stop.Result, true, JSON.stringify(stop))
    assert.not.ok(existsSync(join(dir, 'journal.ndjson')) || existsSync(join(dir, 'snapshot.ndjson')))
    assert.ok(existsSync(join(dir, 'journal.ndjson.imported')) && existsSync(join(dir, 'snapshot.ndjson.imported')))
    assert.is(await hub.stop(), 0)

    hub = await spawnHub(['--data', dir])
    assert.equal(await evseIds(hub.url), expected)
    assert.not.match(hub.output(), 'dropped')
    assert.is(await hub.stop(), 0)

    // A kill between the import's commit and the renames: the next start only renames.
    for (const f of ['journal.ndjson', 'snapshot.ndjson']) renameSync(join(dir, `${f}.imported`), join(dir, f))
    hub = await spawnHub(['--data', dir])
    assert.equal(await evseIds(hub.url), expected)
    assert.not.ok(existsSync(join(dir, 'journal.ndjson')))
  } finally {
    await hub.stop()
  }
  // Old files that appear beside a database that did not import them are not guessed at.
  writeFileSync(join(dir, 'journal.ndjson'), line(insert(1, 7)))
  const refused = await runHubToExit(['--data', dir])
  assert.is(refused.code, 1)
  assert.match(refused.output, /^oicp hub: .* holds both the hub's database and old journal files \(journal\.ndjson\)/)
})

/** A refusal of the import: one line naming the file and line, the old files untouched. */
async function assertRefused(dir: string, file: string, lineNumber: number): Promise<void> {
  const before = readFileSync(join(dir, file), 'utf8')
  const run = await runHubToExit(['--data', dir])
  assert.is(run.code, 1, run.output)
  assert.is(run.output.trimEnd().split('\n').length, 1, run.output)
  assert.match(run.output, `oicp hub: ${join(dir, file)} line ${lineNumber} `)
  assert.match(run.output, 'nothing was imported')
  assert.not.match(run.output, /\n\s+at /)
  assert.not.match(run.output, 'Alexanderplatz', 'nothing of the content')
  assert.is(readFileSync(join(dir, file), 'utf8'), before)
}

test('a null line in the middle of the journal is refused, and nothing imported', async () => {
  const { snapshot, journal } = oldFiles()
  const lines = journal.split('\n')
  lines.splice(2, 0, 'null')
  const dir = folder({ snapshot, journal: lines.join('\n') })
  await assertRefused(dir, 'journal.ndjson', 3)
  // Repaired, it is imported whole: the refusal left no half import behind.
  writeFileSync(join(dir, 'journal.ndjson'), journal)
  const hub = await spawnHub(['--data', dir])
  try {
    assert.equal(await evseIds(hub.url), expected)
  } finally {
    await hub.stop()
  }
})

test('a journal line cut short in the middle is refused, not skipped', async () => {
  const { snapshot, journal } = oldFiles()
  const lines = journal.split('\n')
  lines[1] = lines[1]!.slice(0, 50)
  await assertRefused(folder({ snapshot, journal: lines.join('\n') }), 'journal.ndjson', 2)
})

test('a gap in the journal numbering is refused', async () => {
  const { snapshot } = oldFiles()
  await assertRefused(folder({ snapshot, journal: line(insert(3, 3)) + line(insert(5, 5)) }), 'journal.ndjson', 2)
})

test('a damaged snapshot is refused', async () => {
  const { snapshot, journal } = oldFiles()
  await assertRefused(
    folder({ snapshot: `{"format":"oicp-hub-snap${snapshot.slice(40)}`, journal }),
    'snapshot.ndjson',
    1,
  )
  const lines = snapshot.split('\n')
  lines[2] = 'null'
  await assertRefused(folder({ snapshot: lines.join('\n'), journal }), 'snapshot.ndjson', 3)
})

test('a journal alone (no snapshot yet) is imported', async () => {
  const dir = folder({ journal: line(insert(1, 1)) + line(insert(2, 2)) })
  const hub = await spawnHub(['--data', dir])
  try {
    assert.equal(await evseIds(hub.url), [evse(1).EvseID, evse(2).EvseID])
  } finally {
    await hub.stop()
  }
})

test.run()
