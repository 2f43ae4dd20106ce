/**
 * The little plane geometry the monitor needs (DuckDB's spatial extension is not available here):
 * point-in-polygon over GeoJSON Polygon and MultiPolygon geometries in WGS84. At municipal scale
 * treating lon/lat as plane coordinates misplaces nothing that matters for assigning a buurt.
 */
export type Position = [number, number];
export type Ring = Position[];

export interface PolygonGeometry {
  type: "Polygon" | "MultiPolygon";
  coordinates: Ring[] | Ring[][];
}

/** Even-odd ray casting on one ring. */
export function pointInRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole, of any of the polygons. */
export function pointInGeometry(point: Position, geometry: PolygonGeometry): boolean {
  const polygons = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  return polygons.some(([outer, ...holes]) => outer !== undefined && pointInRing(point, outer) && !holes.some((hole) => pointInRing(point, hole)));
}

/** Kilometres per degree of latitude, and of longitude at the equator. */
const KM_PER_DEGREE_LAT = 110.57;
const KM_PER_DEGREE_LON = 111.32;

/** Shoelace area of a ring in km², on a plane scaled at its own latitude (fine at municipal scale). */
function ringAreaKm2(ring: Ring): number {
  if (ring.length < 3) return 0;
  const lat0 = (ring.reduce((s, p) => s + p[1], 0) / ring.length) * (Math.PI / 180);
  const kx = KM_PER_DEGREE_LON * Math.cos(lat0);
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    twice += xj * kx * (yi * KM_PER_DEGREE_LAT) - xi * kx * (yj * KM_PER_DEGREE_LAT);
  }
  return Math.abs(twice) / 2;
}

/** Surface of a Polygon or MultiPolygon in km², holes subtracted. */
export function areaKm2(geometry: PolygonGeometry): number {
  const polygons = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  return polygons.reduce((sum, [outer, ...holes]) => sum + (outer ? ringAreaKm2(outer) : 0) - holes.reduce((h, ring) => h + ringAreaKm2(ring), 0), 0);
}
