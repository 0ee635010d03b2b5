// Positions: reading GeoCoordinates in any of the three notations, writing them in the
// notation an EMP asks for (as objects, or as JSON text for pages put together from
// stored text), and SearchCenter's geometry: great-circle distance in km and the
// latitude/longitude box a radius fits in, for the position index.
import type * as S from 'oicp/2.3/schemas'

export interface LatLon {
  lat: number
  lon: number
}

function dms(text: string): number {
  const m = /^(-?)(\d{1,3})°\s?(\d{1,2})'\s?(\d{1,2}(?:\.\d+)?)''$/.exec(text.trim())
  if (!m) return NaN
  const value = Number(m[2]) + Number(m[3]) / 60 + Number(m[4]) / 3600
  return m[1] ? -value : value
}

/** The position of GeoCoordinates, or undefined when it cannot be read. */
export function readPosition(geo: S.GeoCoordinates | undefined): LatLon | undefined {
  if (!geo) return undefined
  let lat = NaN
  let lon = NaN
  if (geo.Google) {
    const parts = geo.Google.Coordinates.trim().split(/\s*,\s*|\s+/)
    lat = Number(parts[0])
    lon = Number(parts[1])
  } else if (geo.DecimalDegree) {
    lat = Number(geo.DecimalDegree.Latitude)
    lon = Number(geo.DecimalDegree.Longitude)
  } else if (geo.DegreeMinuteSeconds) {
    lat = dms(geo.DegreeMinuteSeconds.Latitude)
    lon = dms(geo.DegreeMinuteSeconds.Longitude)
  }
  return Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : undefined
}

/** A coordinate in degrees as DegreeMinuteSeconds writes it, e.g. 52°31'14.40''. */
export function toDms(value: number): string {
  const sign = value < 0 ? '-' : ''
  let rest = Math.abs(value)
  const deg = Math.floor(rest)
  rest = (rest - deg) * 60
  const min = Math.floor(rest)
  const sec = Math.min((rest - min) * 60, 59.99)
  return `${sign}${deg}°${min}'${sec.toFixed(2)}''`
}

/** A position as GeoCoordinates in one notation. */
export function positionIn(at: LatLon, format: S.GeoCoordinatesResponseFormat): S.GeoCoordinates {
  if (format === 'Google') return { Google: { Coordinates: `${at.lat.toFixed(6)} ${at.lon.toFixed(6)}` } }
  if (format === 'DecimalDegree')
    return { DecimalDegree: { Latitude: at.lat.toFixed(6), Longitude: at.lon.toFixed(6) } }
  return { DegreeMinuteSeconds: { Latitude: toDms(at.lat), Longitude: toDms(at.lon) } }
}

/** GeoCoordinates in the requested notation; as stored when the position cannot be read. */
export function writePosition(
  geo: S.GeoCoordinates,
  format: S.GeoCoordinatesResponseFormat,
  at: LatLon | undefined = readPosition(geo),
): S.GeoCoordinates {
  return !at || format in geo ? geo : positionIn(at, format)
}

/**
 * GeoCoordinates as JSON text in the requested notation: `stored` (the pushed object's
 * JSON) when it is in that notation already or its position is unknown, else written
 * from `at`. The same answer as JSON.stringify(writePosition(...)), without parsing.
 */
export function positionJson(stored: string, format: S.GeoCoordinatesResponseFormat, at: LatLon | undefined): string {
  if (!at || stored.startsWith(`{"${format}"`)) return stored
  if (format === 'Google') return `{"Google":{"Coordinates":"${at.lat.toFixed(6)} ${at.lon.toFixed(6)}"}}`
  if (format === 'DecimalDegree')
    return `{"DecimalDegree":{"Latitude":"${at.lat.toFixed(6)}","Longitude":"${at.lon.toFixed(6)}"}}`
  return `{"DegreeMinuteSeconds":{"Latitude":"${toDms(at.lat)}","Longitude":"${toDms(at.lon)}"}}`
}

const EARTH_RADIUS_KM = 6371.0088
const rad = (deg: number) => (deg * Math.PI) / 180

/** Great-circle distance in km (haversine). */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat)
  const dLon = rad(b.lon - a.lon)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A latitude/longitude box, in degrees. */
export interface Box {
  minLat: number
  maxLat: number
  minLon: number
  maxLon: number
}

const deg = (r: number) => (r * 180) / Math.PI
/** About a centimetre: a point exactly on the circle must not fall out of the box by rounding. */
const PAD = 1e-7

/**
 * The smallest box holding every point within `radiusKm` of `center` (great circle), for
 * a first cut in the position index; the exact distance is checked after. Near a pole,
 * or where the circle crosses the antimeridian, the box spans every longitude: still
 * correct, only less of a cut.
 */
export function boxAround(center: LatLon, radiusKm: number): Box {
  const angle = Math.max(0, radiusKm) / EARTH_RADIUS_KM
  const minLat = center.lat - deg(angle) - PAD
  const maxLat = center.lat + deg(angle) + PAD
  if (minLat <= -90 || maxLat >= 90 || angle >= Math.PI / 2)
    return { minLat: Math.max(minLat, -90), maxLat: Math.min(maxLat, 90), minLon: -180, maxLon: 180 }
  // How far east and west the circle reaches (at the latitude where it is widest).
  const dLon = deg(Math.asin(Math.min(1, Math.sin(angle) / Math.cos(rad(center.lat))))) + PAD
  const minLon = center.lon - dLon
  const maxLon = center.lon + dLon
  if (minLon < -180 || maxLon > 180) return { minLat, maxLat, minLon: -180, maxLon: 180 }
  return { minLat, maxLat, minLon, maxLon }
}
