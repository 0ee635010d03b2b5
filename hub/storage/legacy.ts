// The data folder of hubs before the database: snapshot.ndjson (a header line, then one
// piece of state per line) and journal.ndjson (one op per line, numbered). Imported once,
// in one transaction, then renamed aside (*.imported); the database remembers the import,
// so a kill between the commit and the renames only leaves the renames to do.
//
// Nothing is skipped unseen. A line a kill tore (no newline: never acknowledged) is
// dropped and counted. The old hub appended the next op to such a torn piece, so a line
// that is a torn piece followed by a whole entry yields that entry. Any other unreadable
// line, or a gap in the numbering, refuses the import: the files stay as they are.
import { existsSync, readFileSync, renameSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Database } from 'better-sqlite3'
import type * as S from 'oicp/2.3/schemas'
import { idKey, identificationKey } from '../ids.js'
import type { HubStore, Op } from '../store.js'
import { HubStorageError, storageErrorOf } from './errors.js'
import { evseColumns } from './evse-row.js'
import type { CdrEntry, EvseEntry, EvsePricingEntry, PricingEntry, Session, StatusEntry } from './records.js'
import { Tables } from './tables.js'

const SNAPSHOT = 'snapshot.ndjson'
const JOURNAL = 'journal.ndjson'
const MARK = 'oldJournalImported'

/** One line of the old snapshot. */
type Item =
  | { t: 'evse'; entry: EvseEntry }
  | { t: 'operator'; key: string; operatorId: string; name: string }
  | { t: 'status'; entry: StatusEntry }
  | { t: 'auth'; key: string; providerId: string; records: S.AuthenticationDataRecord[] }
  | { t: 'pricing'; key: string; entry: PricingEntry }
  | { t: 'evsePricing'; key: string; entry: EvsePricingEntry }
  | { t: 'session'; session: Session }
  | { t: 'cdr'; entry: CdrEntry }

/** The object fields each kind of line must have. */
const ITEM_FIELDS: Record<Item['t'], string[]> = {
  evse: ['entry'],
  operator: [],
  status: ['entry'],
  auth: ['records'],
  pricing: ['entry'],
  evsePricing: ['entry'],
  session: ['session'],
  cdr: ['entry'],
}
const OP_KINDS = new Set([
  'evseData',
  'evseStatus',
  'authData',
  'pricingProducts',
  'evsePricing',
  'session',
  'sessionState',
  'cdr',
  'cdrForwarded',
])

export interface Imported {
  items: number
  ops: number
  /** Torn writes dropped: the pieces a kill left, never acknowledged. */
  torn: number
  /** Imported by an earlier start, which a kill stopped before the renames. */
  resumed: boolean
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function refuse(file: string, line: number, why: string): never {
  throw new HubStorageError(
    `${file} line ${line} ${why}; nothing was imported (the old files are untouched): repair or remove that line, or move the old files aside`,
    'oldJournal',
    file,
  )
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function readSnapshot(file: string): { seq: number; items: Item[] } {
  const lines = readFileSync(file, 'utf8').split('\n')
  // The snapshot was renamed into place whole: it ends with a newline, like every line.
  if (lines[lines.length - 1] !== '') refuse(file, lines.length, 'is incomplete (the file does not end with a newline)')
  const header = parse(lines[0]!)
  if (
    !isObject(header) ||
    header.format !== 'oicp-hub-snapshot' ||
    header.version !== 1 ||
    typeof header.seq !== 'number'
  )
    refuse(file, 1, 'is not the header of a hub snapshot of a known version')
  const items: Item[] = []
  for (let i = 1; i < lines.length - 1; i++) {
    const item = parse(lines[i]!)
    const fields = isObject(item) && typeof item.t === 'string' ? ITEM_FIELDS[item.t as Item['t']] : undefined
    if (!isObject(item) || !fields || !fields.every((f) => isObject(item[f]) || Array.isArray(item[f])))
      refuse(file, i + 1, 'is not a piece of hub state')
    items.push(item as Item)
  }
  return { seq: header.seq, items }
}

/** A journal entry, or undefined when `text` is none. */
function entryOf(text: string): { seq: number; op: Op } | undefined {
  const entry = parse(text)
  if (!isObject(entry) || typeof entry.seq !== 'number' || !isObject(entry.op)) return undefined
  return OP_KINDS.has(entry.op.kind as string) && typeof entry.op.at === 'number'
    ? (entry as { seq: number; op: Op })
    : undefined
}

function readJournal(file: string, after: number): { ops: { op: Op; line: number }[]; torn: number } {
  const lines = readFileSync(file, 'utf8').split('\n')
  const ops: { op: Op; line: number }[] = []
  let torn = lines[lines.length - 1] === '' ? 0 : 1
  let seq = after
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i]!
    let entry = entryOf(line)
    if (!entry) {
      const start = line.lastIndexOf('{"seq":')
      entry = start > 0 ? entryOf(line.slice(start)) : undefined
      if (!entry) refuse(file, i + 1, 'is not a journal entry')
      torn++
    }
    if (entry.seq <= after) continue // held by the snapshot already
    if (entry.seq !== seq + 1)
      refuse(file, i + 1, `holds entry ${entry.seq} after entry ${seq} (entries are missing or repeated)`)
    seq = entry.seq
    ops.push({ op: entry.op, line: i + 1 })
  }
  return { ops, torn }
}

function restore(t: Tables, item: Item): number {
  switch (item.t) {
    case 'operator':
      t.setOperator(item.key, item.operatorId, item.name)
      return 0
    case 'evse': {
      const { record, ...e } = item.entry
      t.putEvse({ ...evseColumns(record), ...e }, t.evseHeld(e.key)?.id)
      return e.updated
    }
    case 'status':
      t.putStatus(item.entry)
      return item.entry.updated
    case 'auth':
      t.putAuthProvider(item.key, item.providerId)
      for (const r of item.records) t.putAuthRecord(item.key, identificationKey(r.Identification) ?? '', r)
      return 0
    case 'pricing':
      t.putPricing(item.key, item.entry)
      return item.entry.updated
    case 'evsePricing':
      t.putEvsePricing(item.key, idKey(item.entry.operatorId), item.entry)
      return item.entry.updated
    case 'session':
      t.putSession(item.session)
      return item.session.updated
    case 'cdr':
      t.putCdr(item.entry)
      return item.entry.received
  }
}

/** Size and time of each old file: what the database remembers of an import. */
function fingerprint(files: string[]): string {
  return files
    .map((f) => {
      const { size, mtimeMs } = statSync(f)
      return `${basename(f)}:${size}:${mtimeMs}`
    })
    .join(',')
}

function renameAside(files: string[]): void {
  for (const f of files) renameSync(f, existsSync(`${f}.imported`) ? `${f}.imported-${Date.now()}` : `${f}.imported`)
}

/** Imports the old files of `dir` into an empty database; undefined when there are none. */
export function importOldJournal(dir: string, db: Database, store: HubStore): Imported | undefined {
  const files = [join(dir, SNAPSHOT), join(dir, JOURNAL)].filter((f) => existsSync(f))
  if (files.length === 0) return undefined
  const print = fingerprint(files)
  const t = new Tables(db)
  const mark = t.meta(MARK)
  if (mark === print) {
    renameAside(files)
    return { items: 0, ops: 0, torn: 0, resumed: true }
  }
  if (mark !== undefined || store.clock() !== 0) {
    throw new HubStorageError(
      `${dir} holds both the hub's database and old journal files (${files.map((f) => basename(f)).join(', ')}) that were not imported into it; move the old files aside`,
      'oldJournal',
      dir,
    )
  }
  const snapshotFile = join(dir, SNAPSHOT)
  const snapshot = existsSync(snapshotFile) ? readSnapshot(snapshotFile) : { seq: 0, items: [] }
  const journalFile = join(dir, JOURNAL)
  const journal = existsSync(journalFile) ? readJournal(journalFile, snapshot.seq) : { ops: [], torn: 0 }
  db.transaction(() => {
    let clock = 0
    snapshot.items.forEach((item, i) => {
      try {
        clock = Math.max(clock, restore(t, item))
      } catch (e) {
        if (!storageErrorOf(e, dir)) refuse(snapshotFile, i + 2, 'is not a piece of hub state')
        throw e
      }
    })
    for (const { op, line } of journal.ops) {
      try {
        store.apply(op)
      } catch (e) {
        if (!storageErrorOf(e, dir)) refuse(journalFile, line, `holds an op (${op.kind}) that cannot be applied`)
        throw e
      }
      clock = Math.max(clock, op.at)
    }
    t.setClock(clock)
    t.setMeta(MARK, print)
  }).immediate()
  renameAside(files)
  return { items: snapshot.items.length, ops: journal.ops.length, torn: journal.torn, resumed: false }
}
