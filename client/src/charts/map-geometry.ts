/**
 * The little geometry the maps need without pulling in d3-geo directly: a radius circle as a GeoJSON
 * polygon, and the inverse of Plot's fitted Mercator projection, to turn a click into a point.
 */

export type LonLatInverter = (x: number, y: number) => { lat: number; lon: number };

interface GeoSink {
  point(x: number, y: number): void;
  lineStart(): void;
  lineEnd(): void;
  polygonStart(): void;
  polygonEnd(): void;
  sphere(): void;
}

/** What Plot hands a render function as `context.projection`: a d3 stream wrapper, nothing more. */
export interface StreamProjection {
  stream(sink: GeoSink): GeoSink;
}

const EARTH_RADIUS_M = 6_371_008.8;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
const toDegrees = (radians: number) => (radians * 180) / Math.PI;

/**
 * A circle of `radiusM` metres around `center`, as a polygon of `steps` points. The ring runs
 * clockwise (north, east, south, west): d3-geo reads a clockwise ring as the small area inside it.
 */
export function circlePolygon(center: { lat: number; lon: number }, radiusM: number, steps = 72): { type: "Polygon"; coordinates: [number, number][][] } {
  const lat0 = toRadians(center.lat);
  const lon0 = toRadians(center.lon);
  const angle = radiusM / EARTH_RADIUS_M;
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const bearing = toRadians((360 * (i % steps)) / steps);
    const lat = Math.asin(Math.sin(lat0) * Math.cos(angle) + Math.cos(lat0) * Math.sin(angle) * Math.cos(bearing));
    const lon = lon0 + Math.atan2(Math.sin(bearing) * Math.sin(angle) * Math.cos(lat0), Math.cos(angle) - Math.sin(lat0) * Math.sin(lat));
    ring.push([toDegrees(lon), toDegrees(lat)]);
  }
  return { type: "Polygon", coordinates: [ring] };
}

function project(projection: StreamProjection, lon: number, lat: number): [number, number] | null {
  let projected: [number, number] | null = null;
  const noop = () => {};
  const sink: GeoSink = {
    point: (x, y) => {
      projected = [x, y];
    },
    lineStart: noop,
    lineEnd: noop,
    polygonStart: noop,
    polygonEnd: noop,
    sphere: noop,
  };
  projection.stream(sink).point(lon, lat);
  return projected;
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + toRadians(lat) / 2));

/**
 * Plot fits the Mercator projection by scaling and translating it, so pixel x is linear in longitude
 * and pixel y linear in Mercator y. Projecting two points inside `bounds` recovers both lines; their
 * inverse maps a pixel back to degrees. Null if either point falls outside the frame.
 */
export function projectionInverter(projection: StreamProjection, bounds: { west: number; south: number; east: number; north: number }): LonLatInverter | null {
  const lon1 = bounds.west + 0.3 * (bounds.east - bounds.west);
  const lon2 = bounds.west + 0.7 * (bounds.east - bounds.west);
  const lat1 = bounds.south + 0.3 * (bounds.north - bounds.south);
  const lat2 = bounds.south + 0.7 * (bounds.north - bounds.south);
  const a = project(projection, lon1, lat1);
  const b = project(projection, lon2, lat2);
  if (!a || !b || a[0] === b[0] || a[1] === b[1]) return null;
  const xPerLon = (b[0] - a[0]) / (lon2 - lon1);
  const yPerMercator = (b[1] - a[1]) / (mercatorY(lat2) - mercatorY(lat1));
  return (x, y) => {
    const mercator = mercatorY(lat1) + (y - a[1]) / yPerMercator;
    return { lon: lon1 + (x - a[0]) / xPerLon, lat: toDegrees(2 * Math.atan(Math.exp(mercator)) - Math.PI / 2) };
  };
}

/** The west, south, east and north extremes of every coordinate pair in a GeoJSON object. */
export function geoBounds(geojson: unknown): { west: number; south: number; east: number; north: number } | null {
  const bounds = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) {
      if (value && typeof value === "object") for (const child of Object.values(value)) visit(child);
      return;
    }
    if (value.length >= 2 && typeof value[0] === "number" && typeof value[1] === "number") {
      const [lon, lat] = value as [number, number];
      bounds.west = Math.min(bounds.west, lon);
      bounds.east = Math.max(bounds.east, lon);
      bounds.south = Math.min(bounds.south, lat);
      bounds.north = Math.max(bounds.north, lat);
      return;
    }
    for (const child of value) visit(child);
  };
  visit(geojson);
  return Number.isFinite(bounds.west) ? bounds : null;
}
