// For the web view's tests: Debian's Chromium driven by playwright-core (no browser
// download; flags for a root user on a machine without internet), a folder for the
// screenshots (printed once), a small PNG reader to check what a screenshot shows, and a
// database filled with many EVSEs directly (a push of a million records would take minutes).
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { chromium, type Browser } from 'playwright-core'
import { Ledger } from '../../hub/ledger.js'
import { evse } from './hub-setup.js'

/** The Chromium on PATH (Debian's package `chromium`, which test/system-deps.ts installs). */
export function chromiumPath(): string {
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')[0]
  if (!found) throw new Error('chromium is not installed (Debian package chromium; npm test installs it)')
  return found
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

let shots: string | undefined

/** The folder screenshots go to: made once per run, and named on the console. */
export function screenshotDir(): string {
  if (!shots) {
    shots = mkdtempSync(join(tmpdir(), 'oicp-hub-web-'))
    mkdirSync(shots, { recursive: true })
    console.log(`hub web view screenshots: ${shots}`)
  }
  return shots
}

export interface Image {
  width: number
  height: number
  /** RGBA, row by row. */
  pixel(x: number, y: number): [number, number, number, number]
}

/** Reads an 8-bit RGB or RGBA PNG without interlacing (what Chromium writes). */
export function readPng(png: Buffer): Image {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG')
  let offset = 8
  let width = 0
  let height = 0
  let channels = 4
  const data: Buffer[] = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    const chunk = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = chunk.readUInt32BE(0)
      height = chunk.readUInt32BE(4)
      if (chunk[8] !== 8 || chunk[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs')
      channels = chunk[9] === 6 ? 4 : chunk[9] === 2 ? 3 : 0
      if (channels === 0) throw new Error(`PNG colour type ${chunk[9]} is not RGB(A)`)
    } else if (type === 'IDAT') data.push(chunk)
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(data))
  const stride = width * channels
  const out = Buffer.alloc(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[y * stride + i - channels]! : 0
      const b = y > 0 ? out[(y - 1) * stride + i]! : 0
      const c = y > 0 && i >= channels ? out[(y - 1) * stride + i - channels]! : 0
      const p = a + b - c
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0
      out[y * stride + i] = (line[i]! + predicted) & 0xff
    }
  }
  return {
    width,
    height,
    pixel(x, y) {
      const at = (Math.round(y) * width + Math.round(x)) * channels
      return [out[at]!, out[at + 1]!, out[at + 2]!, channels === 4 ? out[at + 3]! : 255]
    },
  }
}

export function hex(colour: string): [number, number, number] {
  const n = parseInt(colour.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

/** Whether a pixel is within `tolerance` of a colour in each channel. */
export function near(pixel: readonly number[], colour: readonly number[], tolerance = 12): boolean {
  return colour.every((c, i) => Math.abs(c - pixel[i]!) <= tolerance)
}

/** Places EVSEs gather around, as they do around towns. */
const TOWNS: Array<[number, number]> = [
  [52.52, 13.4],
  [48.14, 11.58],
  [50.94, 6.96],
  [53.55, 9.99],
  [50.11, 8.68],
  [48.78, 9.18],
  [51.34, 12.37],
  [51.05, 13.74],
  [49.45, 11.08],
  [51.23, 6.78],
  [48.86, 2.35],
  [45.76, 4.84],
  [43.3, 5.37],
  [44.84, -0.58],
  [50.63, 3.06],
  [47.22, -1.55],
  [52.37, 4.9],
  [51.92, 4.48],
  [50.85, 4.35],
  [51.22, 4.4],
  [48.21, 16.37],
  [47.07, 15.44],
  [47.37, 8.54],
  [46.2, 6.14],
  [45.46, 9.19],
  [45.07, 7.69],
  [41.9, 12.5],
  [40.85, 14.27],
  [40.42, -3.7],
  [41.39, 2.17],
  [38.72, -9.14],
  [51.51, -0.13],
  [53.48, -2.24],
  [55.95, -3.19],
  [53.35, -6.26],
  [55.68, 12.57],
  [59.33, 18.07],
  [59.91, 10.75],
  [52.23, 21.01],
  [50.08, 14.44],
]

/**
 * A data folder whose database holds `count` EVSEs of `operators` operators, most of them
 * around European towns and the rest spread over the land between, most Available or
 * Occupied: written through the ledger, as pushes are (in chunks, one transaction each),
 * without the HTTP in between. Returns how many got each status.
 */
export async function fillEvses(dir: string, count: number, operators = 4): Promise<Record<string, number>> {
  const { ledger } = Ledger.open({ dataDir: dir })
  const random = mulberry32(12345)
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const place = (): [number, number] => {
    if (random() < 0.25) return [43 + random() * 12, -4 + random() * 24]
    const [lat, lon] = TOWNS[Math.floor(random() * TOWNS.length)]!
    const spread = 0.05 + random() * 0.4
    return [lat + gauss() * spread, lon + gauss() * spread * 1.5]
  }
  const byStatus: Record<string, number> = {}
  const status = (): 'Available' | 'Occupied' | 'Reserved' | 'OutOfService' | 'Unknown' => {
    const r = random()
    return r < 0.55 ? 'Available' : r < 0.85 ? 'Occupied' : r < 0.9 ? 'Reserved' : r < 0.95 ? 'OutOfService' : 'Unknown'
  }
  try {
    for (let o = 0; o < operators; o++) {
      const operatorId = `DE*OP${o}`
      const mine = Math.ceil((count - o) / operators)
      for (let from = 0; from < mine; from += CHUNK) {
        const n = Math.min(CHUNK, mine - from)
        const records = Array.from({ length: n }, (_, k) => {
          const [lat, lon] = place()
          return evse(from + k, { operator: operatorId, lat, lon })
        })
        await ledger.commit({
          kind: 'evseData',
          at: 0,
          action: 'insert',
          operatorId,
          operatorName: `Operator ${o}`,
          records,
        })
        const statuses = records.map((r) => ({ EvseID: r.EvseID, EvseStatus: status() }))
        for (const r of statuses) byStatus[r.EvseStatus] = (byStatus[r.EvseStatus] ?? 0) + 1
        await ledger.commit({
          kind: 'evseStatus',
          at: 0,
          action: from === 0 ? 'fullLoad' : 'insert',
          operatorId,
          records: statuses,
        })
      }
    }
  } finally {
    ledger.close()
  }
  return byStatus
}

const CHUNK = 20_000

/** A small seeded generator: the same EVSEs every run. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
