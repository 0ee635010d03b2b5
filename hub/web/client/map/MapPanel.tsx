// The map page: filters and the list of EVSEs in view beside a canvas. The view (centre and
// zoom) lives in a ref and each frame is drawn from it directly, so panning never waits for
// a render or the server; what the server answers for the visible box (with a margin)
// arrives a moment after the view settles and is drawn from then on.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import {
  STATUSES,
  type Bin,
  type EvseDetail as Detail,
  type EvseList as List,
  type MapAnswer,
  type Overview,
} from '../../api.js'
import { worldX, worldY } from '../../map-columns.js'
import { count, duration } from '../format.js'
import { getJson, isAbort } from '../http.js'
import { useConnected, useLive } from '../live.js'
import { mergeOverlapping } from './clusters.js'
import { binAt, draw, pointAt } from './draw.js'
import { EvseDetail } from './EvseDetail.js'
import { EvseList } from './EvseList.js'
import { Filters, type Filter } from './Filters.js'
import { LandPicture } from './land.js'
import { FINE_FROM_ZOOM, outline } from './outline.js'
import { cellSize, clampView, fitBox, keyMove, panBy, visibleBox, zoomAt, type View } from './projection.js'

const ALL = (1 << STATUSES.length) - 1
/** Europe, until there is an EVSE to fit the view to. */
const START: [number, number, number, number] = [worldX(-10), worldY(60), worldX(30), worldY(36)]
/** Recent frames, whose median time the status line shows. */
const FRAMES = 30

function boxQuery(v: View, margin: number, f: Filter): string {
  return `box=${visibleBox(v, margin)
    .map((n) => n.toFixed(10))
    .join(',')}&status=${f.statusMask}&operator=${f.operator}`
}

export function MapPanel({
  overview,
  selected,
  onSelect,
}: {
  overview: Overview
  selected: number | undefined
  onSelect: (id: number | undefined) => void
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const view = useRef<View | undefined>(undefined)
  const fitted = useRef(false)
  const data = useRef<MapAnswer | undefined>(undefined)
  const land = useRef<{ coarse?: Path2D; fine?: Path2D; fineAsked?: boolean }>({})
  const picture = useRef<LandPicture | undefined>(undefined)
  const selectedAt = useRef<[number, number] | undefined>(undefined)
  const frame = useRef(0)
  const frameTimes = useRef<number[]>([])
  const frameLine = useRef<HTMLSpanElement>(null)
  const drag = useRef<{ x: number; y: number; moved: number } | undefined>(undefined)
  const fetchTimer = useRef<number | undefined>(undefined)
  const inFlight = useRef<AbortController | undefined>(undefined)
  const [filter, setFilter] = useState<Filter>({ statusMask: ALL, operator: -1 })
  const filterNow = useRef(filter)
  filterNow.current = filter
  const [list, setList] = useState<List>()
  const [answer, setAnswer] = useState<MapAnswer>()
  const [detail, setDetail] = useState<Detail>()
  const [error, setError] = useState<string>()

  const requestDraw = useCallback(() => {
    if (frame.current) return
    frame.current = requestAnimationFrame(() => {
      frame.current = 0
      const c = canvas.current
      const v = view.current
      if (!c || !v) return
      const fine = v.zoom >= FINE_FROM_ZOOM
      if (fine && !land.current.fineAsked) {
        land.current.fineAsked = true
        void outline('fine').then((p) => ((land.current.fine = p), requestDraw()))
      }
      const started = performance.now()
      const d = data.current
      picture.current ??= new LandPicture(requestDraw)
      const landDrawn = draw(c.getContext('2d')!, v, devicePixelRatio, {
        land: picture.current,
        outline: (fine && land.current.fine) || land.current.coarse,
        bins: cells(v.zoom),
        points: d?.points,
        selected: selectedAt.current,
      })
      const times = frameTimes.current
      if (!landDrawn) times.push(performance.now() - started)
      if (times.length > FRAMES) times.shift()
      if (times.length === 0) return
      // The median: a frame that draws the land picture anew is one in many.
      const median = [...times].sort((a, b) => a - b)[times.length >> 1]!
      // What is drawn, for tools that read the page (a test finds an EVSE's pixel from it).
      c.dataset.view = `${v.cx},${v.cy},${v.zoom}`
      c.dataset.frameMs = median.toFixed(2)
      const landMs = picture.current.lastRenderMs
      if (frameLine.current)
        frameLine.current.textContent = `frame ${duration(median)}${landMs === undefined ? '' : ` · land drawn in ${duration(landMs)}`}`
    })
  }, [])

  // The answer's cells with those that would overlap at this zoom merged (kept while only panning).
  const merged = useRef<{ from: MapAnswer | undefined; zoom: number; bins: Bin[] | undefined }>({
    from: undefined,
    zoom: NaN,
    bins: undefined,
  })
  const cells = (zoom: number): Bin[] | undefined => {
    const d = data.current
    const m = merged.current
    if (m.from !== d || m.zoom !== zoom)
      merged.current = { from: d, zoom, bins: d?.bins && mergeOverlapping(d.bins, zoom) }
    return merged.current.bins
  }

  const refetch = useCallback((delay: number) => {
    clearTimeout(fetchTimer.current)
    fetchTimer.current = window.setTimeout(async () => {
      const v = view.current
      if (!v) return
      inFlight.current?.abort()
      const ac = (inFlight.current = new AbortController())
      const f = filterNow.current
      try {
        const [a, l] = await Promise.all([
          getJson<MapAnswer>(`map?${boxQuery(v, 0.25, f)}&cell=${cellSize(v.zoom)}`, ac.signal),
          getJson<List>(`evses?${boxQuery(v, 0, f)}`, ac.signal),
        ])
        data.current = a
        setAnswer(a)
        setList(l)
        setError(undefined)
        requestDraw()
      } catch (e) {
        if (!isAbort(e)) setError((e as Error).message)
      }
    }, delay)
  }, [])

  const setView = (v: View, fetchDelay = 120) => {
    view.current = clampView(v)
    requestDraw()
    refetch(fetchDelay)
  }

  // The canvas follows its box; the first size fits the view to the EVSEs.
  useEffect(() => {
    const c = canvas.current!
    void outline('coarse').then((p) => ((land.current.coarse = p), requestDraw()))
    const observer = new ResizeObserver(() => {
      const r = c.getBoundingClientRect()
      c.width = Math.max(1, Math.round(r.width * devicePixelRatio))
      c.height = Math.max(1, Math.round(r.height * devicePixelRatio))
      const v = view.current
      setView(v ? { ...v, width: r.width, height: r.height } : fitBox(overview.bounds ?? START, r.width, r.height), 0)
      fitted.current ||= overview.bounds !== undefined
    })
    observer.observe(c)
    const wheel = (e: WheelEvent) => {
      e.preventDefault()
      const v = view.current
      if (!v) return
      const r = c.getBoundingClientRect()
      setView(zoomAt(v, v.zoom - e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0025), e.clientX - r.left, e.clientY - r.top))
    }
    c.addEventListener('wheel', wheel, { passive: false })
    return () => {
      observer.disconnect()
      c.removeEventListener('wheel', wheel)
      cancelAnimationFrame(frame.current)
      clearTimeout(fetchTimer.current)
      inFlight.current?.abort()
    }
  }, [])

  // The first EVSEs (pushed while the page is open) bring the view to them.
  useEffect(() => {
    const v = view.current
    if (!fitted.current && overview.bounds && v) {
      fitted.current = true
      setView(fitBox(overview.bounds, v.width, v.height), 0)
    }
  }, [overview.bounds])

  // After a reconnection too: changes may have passed unannounced.
  const connected = useConnected()
  useEffect(() => refetch(0), [filter, connected])

  const onEvses = useCallback(() => refetch(250), [])
  useLive('evses', onEvses)

  useEffect(() => {
    if (selected === undefined) {
      setDetail(undefined)
      selectedAt.current = undefined
      requestDraw()
      return
    }
    const ac = new AbortController()
    getJson<Detail>(`evses/${selected}`, ac.signal)
      .then((d) => {
        setDetail(d)
        selectedAt.current = d.lat !== undefined && d.lon !== undefined ? [worldX(d.lon), worldY(d.lat)] : undefined
        requestDraw()
      })
      .catch((e) => !isAbort(e) && setError((e as Error).message))
    return () => ac.abort()
  }, [selected, answer])

  const click = (sx: number, sy: number) => {
    const v = view.current!
    const d = data.current
    const p = pointAt(v, d?.points, sx, sy)
    if (p) return onSelect(p[0])
    const b = binAt(v, cells(v.zoom), sx, sy)
    if (b) setView({ ...v, cx: b[0], cy: b[1], zoom: v.zoom + 2 }, 0)
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const v = view.current
    const moved = v && keyMove(v, e.key, overview.bounds ?? START)
    if (!moved) return
    e.preventDefault()
    setView(moved)
  }

  // What was drawn covers a margin around the view too.
  const shown = answer
    ? answer.points
      ? `${count(answer.points.length)} points`
      : `${count(cells(view.current?.zoom ?? 0)?.length ?? 0)} cells`
    : ''
  return (
    <div class="map-layout">
      <aside class="side" aria-label="Map filters and EVSE list">
        <Filters filter={filter} operators={overview.operators} onChange={setFilter} />
        <EvseList list={list} selected={selected} onSelect={onSelect} />
      </aside>
      <div class="map-main">
        <canvas
          ref={canvas}
          class="map"
          tabIndex={0}
          role="application"
          aria-roledescription="map"
          aria-label="Map of EVSEs, coloured by status. Arrow keys pan, plus and minus zoom, 0 shows all. The list beside the map has the same EVSEs."
          aria-describedby="map-status"
          onKeyDown={onKeyDown}
          onPointerDown={(e) => {
            canvas.current!.setPointerCapture(e.pointerId)
            drag.current = { x: e.offsetX, y: e.offsetY, moved: 0 }
          }}
          onPointerMove={(e) => {
            const d = drag.current
            if (!d || !view.current) return
            const dx = e.offsetX - d.x
            const dy = e.offsetY - d.y
            d.moved += Math.abs(dx) + Math.abs(dy)
            d.x = e.offsetX
            d.y = e.offsetY
            setView(panBy(view.current, dx, dy))
          }}
          onPointerUp={(e) => {
            const d = drag.current
            drag.current = undefined
            if (d && d.moved < 5) click(e.offsetX, e.offsetY)
          }}
          onDblClick={(e) => view.current && setView(zoomAt(view.current, view.current.zoom + 1, e.offsetX, e.offsetY))}
        />
        <p class="map-status">
          <span id="map-status" aria-live="polite">
            {error
              ? `Map: ${error}`
              : answer && list
                ? `${count(list.total)} EVSEs in view, drawn as ${shown} · server ${duration(answer.ms)}`
                : overview.ready
                  ? 'Loading…'
                  : 'Reading EVSEs from the database…'}
          </span>{' '}
          · <span ref={frameLine} />
        </p>
        {detail ? (
          <div class="detail-overlay">
            <EvseDetail detail={detail} onClose={() => onSelect(undefined)} />
          </div>
        ) : null}
      </div>
    </div>
  )
}
