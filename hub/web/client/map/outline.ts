// Country outlines from Natural Earth (world-atlas, shipped with the page): turned once
// into a Path2D in world units, so a frame draws the whole outline with one transform and
// one fill and stroke, whatever the pan and zoom. The finer outlines are fetched the first
// time the map is zoomed in.
import { geoMercator, geoPath } from 'd3-geo'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'

export type Detail = 'coarse' | 'fine'

const FILES: Record<Detail, string> = { coarse: 'countries-110m.json', fine: 'countries-50m.json' }
/** At this zoom and closer the fine outlines are drawn. */
export const FINE_FROM_ZOOM = 4

// d3's Mercator scaled to the unit square: x = (lon + 180) / 360, y as the server's columns.
const projection = geoMercator()
  .scale(1 / (2 * Math.PI))
  .translate([0.5, 0.5])

const loaded = new Map<Detail, Promise<Path2D>>()

export function outline(detail: Detail): Promise<Path2D> {
  let p = loaded.get(detail)
  if (!p) {
    p = fetch(FILES[detail])
      .then((r) => {
        if (!r.ok) throw new Error(`${FILES[detail]}: ${r.status}`)
        return r.json() as Promise<Topology<{ countries: GeometryCollection }>>
      })
      .then((topology) => {
        const path = new Path2D()
        geoPath(projection, path as unknown as CanvasRenderingContext2D)(feature(topology, topology.objects.countries))
        return path
      })
    loaded.set(detail, p)
  }
  return p
}
