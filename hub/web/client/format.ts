// How the page writes times, durations, sizes and statuses, and the status colours (the
// map, the legend and the list use the same).
import type { StatusName } from '../api.js'

export const STATUS_COLOURS: Record<StatusName, string> = {
  Available: '#1a9850',
  Reserved: '#7b3294',
  Occupied: '#e08214',
  OutOfService: '#d73027',
  EvseNotFound: '#8c8c8c',
  Unknown: '#b0b0b0',
  none: '#4d4d4d',
}

export const STATUS_LABELS: Record<StatusName, string> = {
  Available: 'Available',
  Reserved: 'Reserved',
  Occupied: 'Occupied',
  OutOfService: 'Out of service',
  EvseNotFound: 'EVSE not found',
  Unknown: 'Unknown',
  none: 'No status',
}

export function time(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

export function duration(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`
}

export function bytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`
}

export function count(n: number): string {
  return n.toLocaleString('en')
}
