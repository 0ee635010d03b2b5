// Keeps the hub's state in a folder across restarts: a snapshot and a journal of the ops
// since it. An op is appended to the journal and fsynced before the hub acknowledges it,
// so a kill at any moment loses nothing acknowledged; a torn last line (the write the
// kill interrupted, never acknowledged) is dropped on reading. The snapshot is written to
// a temporary file, fsynced and renamed over the old one, so it is always whole; the
// journal is emptied only after that, and ops the snapshot already holds are skipped
// (every line carries its sequence number).
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { Op, SnapshotItem } from './store.js'

const SNAPSHOT = 'snapshot.ndjson'
const JOURNAL = 'journal.ndjson'
/** Journal size after which the next commit writes a snapshot. */
const COMPACT_AFTER_BYTES = 64 * 1024 * 1024

/** A snapshot is a header line then one item of state per line. */
interface SnapshotHeader {
  format: 'oicp-hub-snapshot'
  version: 1
  seq: number
}

export interface Loaded {
  /** The snapshot's items, then the journal's ops after it. */
  items: SnapshotItem[]
  ops: Op[]
  seq: number
  /** Journal lines dropped because they were torn or unreadable. */
  dropped: number
}

function fsyncDir(dir: string): void {
  // Makes the rename itself durable; not every platform can open a folder.
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Windows: folders cannot be fsynced; rename is still atomic.
  }
}

export class Persistence {
  #journal: FileHandle | undefined
  #journalBytes = 0
  #seq = 0

  private constructor(readonly dir: string) {}

  /** Opens (creating) the folder and reads what it holds. */
  static async open(dir: string): Promise<{ persistence: Persistence; loaded: Loaded }> {
    mkdirSync(dir, { recursive: true })
    const p = new Persistence(dir)
    const loaded = p.read()
    p.#seq = loaded.seq
    p.#journal = await open(join(dir, JOURNAL), 'a')
    p.#journalBytes = (await p.#journal.stat()).size
    return { persistence: p, loaded }
  }

  private read(): Loaded {
    const items: SnapshotItem[] = []
    const ops: Op[] = []
    let seq = 0
    const snapshotFile = join(this.dir, SNAPSHOT)
    if (existsSync(snapshotFile)) {
      const lines = readFileSync(snapshotFile, 'utf8').split('\n')
      const header = JSON.parse(lines[0] ?? '') as SnapshotHeader
      if (header.format !== 'oicp-hub-snapshot' || header.version !== 1) throw new Error(`${snapshotFile}: not a hub snapshot of a known version`)
      seq = header.seq
      for (const line of lines.slice(1)) if (line !== '') items.push(JSON.parse(line) as SnapshotItem)
    }
    let dropped = 0
    const journalFile = join(this.dir, JOURNAL)
    if (existsSync(journalFile)) {
      const text = readFileSync(journalFile, 'utf8')
      const lines = text.split('\n')
      // Only newline-terminated lines were written whole; the last piece never is.
      for (let i = 0; i < lines.length - 1; i++) {
        let entry: { seq: number; op: Op }
        try {
          entry = JSON.parse(lines[i]!) as { seq: number; op: Op }
        } catch {
          dropped++
          continue
        }
        if (entry.seq <= seq) continue
        ops.push(entry.op)
        seq = entry.seq
      }
      if (lines[lines.length - 1] !== '') dropped++
    }
    return { items, ops, seq, dropped }
  }

  /** Appends one op and waits until it is on disk. */
  async append(op: Op): Promise<void> {
    const journal = this.#journal
    if (!journal) throw new Error('hub persistence is closed')
    const line = `${JSON.stringify({ seq: this.#seq + 1, op })}\n`
    await journal.appendFile(line, 'utf8')
    await journal.datasync()
    this.#seq++
    this.#journalBytes += Buffer.byteLength(line)
  }

  get journalBytes(): number {
    return this.#journalBytes
  }

  shouldCompact(): boolean {
    return this.#journalBytes > COMPACT_AFTER_BYTES
  }

  /** Writes the state as the new snapshot, then empties the journal. Synchronous: no op may be appended in between. */
  compact(items: Iterable<SnapshotItem>): void {
    const file = join(this.dir, SNAPSHOT)
    const temp = `${file}.${process.pid}.tmp`
    const fd = openSync(temp, 'w')
    try {
      const header: SnapshotHeader = {
        format: 'oicp-hub-snapshot',
        version: 1,
        seq: this.#seq,
      }
      writeSync(fd, `${JSON.stringify(header)}\n`)
      let buffer = ''
      for (const item of items) {
        buffer += `${JSON.stringify(item)}\n`
        if (buffer.length > 1 << 20) {
          writeSync(fd, buffer)
          buffer = ''
        }
      }
      writeSync(fd, buffer)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, file)
    fsyncDir(this.dir)
    // The snapshot holds every journaled op now; a crash before this truncation only
    // leaves lines that reading skips by their sequence number.
    const journal = openSync(join(this.dir, JOURNAL), 'r+')
    try {
      ftruncateSync(journal, 0)
      fsyncSync(journal)
    } finally {
      closeSync(journal)
    }
    this.#journalBytes = 0
  }

  async close(): Promise<void> {
    const journal = this.#journal
    this.#journal = undefined
    await journal?.close()
  }
}
