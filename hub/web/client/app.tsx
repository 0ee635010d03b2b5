// The page: a header with the three views (map, traffic, sessions) as links, the hub's
// address and whether the page is live; the view named by the location hash below it, so
// every view and selection has its own address and the back button works.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { Overview } from '../api.js'
import { count } from './format.js'
import { getJson } from './http.js'
import { useConnected, useLive } from './live.js'
import { MapPanel } from './map/MapPanel.js'
import { SessionsPanel } from './sessions/SessionsPanel.js'
import { TrafficPanel } from './traffic/TrafficPanel.js'

const VIEWS = [
  ['map', 'Map'],
  ['traffic', 'Live traffic'],
  ['sessions', 'Sessions'],
] as const

function useRoute(): string[] {
  const [hash, setHash] = useState(location.hash)
  useEffect(() => {
    const changed = () => setHash(location.hash)
    addEventListener('hashchange', changed)
    return () => removeEventListener('hashchange', changed)
  }, [])
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent)
}

function go(...parts: Array<string | number>): void {
  location.hash = `#/${parts.map((p) => encodeURIComponent(String(p))).join('/')}`
}

function useOverview(): Overview | undefined {
  const [overview, setOverview] = useState<Overview>()
  const timer = useRef<number | undefined>(undefined)
  const load = useCallback(() => {
    clearTimeout(timer.current)
    void getJson<Overview>('overview').then((o) => {
      setOverview(o)
      // While the map's index is read, ask again until it is ready.
      if (!o.ready) timer.current = window.setTimeout(load, 500)
    })
  }, [])
  useEffect(() => {
    load()
    return () => clearTimeout(timer.current)
  }, [])
  useLive('evses', load)
  return overview
}

export function App() {
  const [view = 'map', id] = useRoute()
  const overview = useOverview()
  const connected = useConnected()
  return (
    <div class="app">
      <header class="top">
        <h1>oicp hub</h1>
        <nav aria-label="Views">
          {VIEWS.map(([key, label]) => (
            <a href={`#/${key}`} aria-current={view === key ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <p class="hub-info">
          {overview ? (
            <>
              <span class="mono">{overview.hubUrl}</span> ·{' '}
              {overview.open ? 'open development mode' : 'configured partners'} · {count(overview.mapped)} EVSEs on the
              map
            </>
          ) : null}{' '}
          <span class={connected ? 'live on' : 'live off'} role="status">
            {connected ? 'live' : 'reconnecting…'}
          </span>
        </p>
      </header>
      <main>
        {!overview ? (
          <p class="muted">Loading…</p>
        ) : view === 'traffic' ? (
          <TrafficPanel
            selected={id === undefined ? undefined : Number(id)}
            onSelect={(x) => (x === undefined ? go('traffic') : go('traffic', x))}
          />
        ) : view === 'sessions' ? (
          <SessionsPanel selected={id} onSelect={(x) => (x === undefined ? go('sessions') : go('sessions', x))} />
        ) : (
          <MapPanel
            overview={overview}
            selected={id === undefined ? undefined : Number(id)}
            onSelect={(x) => (x === undefined ? go('map') : go('map', x))}
          />
        )}
      </main>
    </div>
  )
}
