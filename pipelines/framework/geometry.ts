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
