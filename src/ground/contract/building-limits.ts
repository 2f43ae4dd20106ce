/**
 * How much of the map /api/v1/buildings answers for, shared by the server (which refuses more) and
 * the map (which asks the user to zoom in before asking). No zod here: the client bundles this file.
 */

/** A view wider or taller than this is refused: zoom in. A dense city has ~3,000 buildings per km². */
export const MAX_BBOX_SIDE_M = 3_000;

/** At most this many footprints per answer; beyond it the answer says `truncated`. */
export const MAX_BUILDINGS = 5_000;

/** Metres per degree of latitude at a latitude (WGS84 ellipsoid, series to cos 4φ: millimetres off). */
export function metresPerDegreeLat(lat: number): number {
  const phi = (lat * Math.PI) / 180;
  return 111_132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
}

/** Metres per degree of longitude at a latitude (WGS84 ellipsoid). */
export function metresPerDegreeLon(lat: number): number {
  const phi = (lat * Math.PI) / 180;
  return 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
}

/** The width and height in metres of a lon/lat box, measured at its middle latitude. */
export function bboxSizeM([west, south, east, north]: readonly [number, number, number, number]): { width: number; height: number } {
  const midLat = (south + north) / 2;
  return { width: (east - west) * metresPerDegreeLon(midLat), height: (north - south) * metresPerDegreeLat(midLat) };
}
