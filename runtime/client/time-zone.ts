// OICP wants local times with the UTC offset of the charge point's location (e.g. a CDR's
// SessionStart in Berlin is 2024-05-01T14:30:00+02:00, not ...Z). The offset changes with
// daylight saving, so it is looked up per instant from the IANA zone name.

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
    } catch {
      throw new RangeError(`unknown IANA time zone ${JSON.stringify(timeZone)} (e.g. "Europe/Berlin")`)
    }
    formatters.set(timeZone, f)
  }
  return f
}

/** The UTC offset in minutes east of Greenwich of `zone` at `instant`. */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second)
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000)
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/**
 * The instant as an RFC 3339 timestamp in the charge point's local time with its offset,
 * e.g. `localTimestamp(new Date('2024-05-01T12:30:00Z'), 'Europe/Berlin')` is
 * `2024-05-01T14:30:00+02:00`. Milliseconds are kept only when not zero.
 */
export function localTimestamp(instant: Date | number | string, timeZone: string): string {
  const date = instant instanceof Date ? instant : new Date(instant)
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid instant: ${String(instant)}`)
  const offset = utcOffsetMinutes(date, timeZone)
  const local = new Date(date.getTime() + offset * 60_000)
  const ms = local.getUTCMilliseconds()
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}
