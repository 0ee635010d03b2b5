// The page's one connection to the hub's event stream, shared by every panel. EventSource
// reconnects by itself; `connected` tells the header whether the page is live.
import { useEffect, useState } from 'preact/hooks'
import { API, type LiveEvents } from '../api.js'

type Listener<K extends keyof LiveEvents> = (data: LiveEvents[K]) => void

const listeners: { [K in keyof LiveEvents]: Set<Listener<K>> } = {
  exchanges: new Set(),
  evses: new Set(),
  sessions: new Set(),
}
const states = new Set<(connected: boolean) => void>()
let source: EventSource | undefined

function connect(): void {
  if (source) return
  source = new EventSource(`${API}/events`)
  source.onopen = () => states.forEach((s) => s(true))
  source.onerror = () => states.forEach((s) => s(false))
  for (const kind of Object.keys(listeners) as Array<keyof LiveEvents>) {
    source.addEventListener(kind, (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as never
      for (const l of listeners[kind]) (l as (d: never) => void)(data)
    })
  }
}

/** Calls `listener` with each event of a kind while the component is mounted. */
export function useLive<K extends keyof LiveEvents>(kind: K, listener: Listener<K>): void {
  useEffect(() => {
    connect()
    listeners[kind].add(listener)
    return () => void listeners[kind].delete(listener)
  }, [kind, listener])
}

/** Whether the stream is open; false while it reconnects. */
export function useConnected(): boolean {
  const [connected, setConnected] = useState(source?.readyState === EventSource.OPEN)
  useEffect(() => {
    connect()
    states.add(setConnected)
    // It may have opened between the render and now.
    setConnected(source!.readyState === EventSource.OPEN)
    return () => void states.delete(setConnected)
  }, [])
  return connected
}
