/**
 * The building map's projection: equirectangular around a reference latitude (x scaled by its
 * cosine), so at the scale of a buurt metres are metres in both directions. A view is a centre and
 * a scale in metres per CSS pixel; panning and zooming make a new view.
 */
import { bboxSizeM, MAX_BBOX_SIDE_M, metresPerDegreeLat, metresPerDegreeLon } from "../../../src/ground/contract/building-limits.ts";

export type Bbox = [west: number, south: number, east: number, north: number];

export interface MapView {
  center: { lon: number; lat: number };
  /** Metres per CSS pixel. */
  mpp: number;
  /** The latitude whose cosine scales longitude: fixed for a map, so panning does not stretch it. */
  refLat: number;
}

export interface ViewSize {
  width: number;
  height: number;
}

/** The closest and the farthest a map zooms: 5 cm and 50 m per pixel. */
export const MIN_MPP = 0.05;
export const MAX_MPP = 50;

const clampMpp = (mpp: number) => Math.min(MAX_MPP, Math.max(MIN_MPP, mpp));

/**
 * The view that shows a square of 2·radius around the centre in the smaller side of the canvas, but
 * never wider than the buildings are served for (MAX_BBOX_SIDE_M, less a margin): on a wide, low
 * canvas the square alone would open the map on "zoom in to see the buildings".
 */
export function initialView(center: { lon: number; lat: number }, radiusM: number, { width, height }: ViewSize): MapView {
  const side = Math.max(1, Math.min(width, height));
  const longest = Math.max(1, width, height);
  const mpp = Math.min((2 * radiusM) / side, (0.9 * MAX_BBOX_SIDE_M) / longest);
  return { center: { ...center }, mpp: clampMpp(mpp), refLat: center.lat };
}

/** A projector for the view: lon/lat to CSS pixels from the canvas's top left. */
export function projector(view: MapView, { width, height }: ViewSize): (lon: number, lat: number) => [number, number] {
  const kx = metresPerDegreeLon(view.refLat) / view.mpp;
  const ky = metresPerDegreeLat(view.refLat) / view.mpp;
  const x0 = width / 2 - view.center.lon * kx;
  const y0 = height / 2 + view.center.lat * ky;
  return (lon, lat) => [x0 + lon * kx, y0 - lat * ky];
}

/** The point under a CSS pixel. */
export function invert(view: MapView, { width, height }: ViewSize, x: number, y: number): { lon: number; lat: number } {
  return {
    lon: view.center.lon + ((x - width / 2) * view.mpp) / metresPerDegreeLon(view.refLat),
    lat: view.center.lat - ((y - height / 2) * view.mpp) / metresPerDegreeLat(view.refLat),
  };
}

/** What the canvas shows, as west, south, east, north. */
export function viewBbox(view: MapView, size: ViewSize): Bbox {
  const { lon: west, lat: north } = invert(view, size, 0, 0);
  const { lon: east, lat: south } = invert(view, size, size.width, size.height);
  return [west, south, east, north];
}

/** The view moved so the map follows a drag of (dx, dy) pixels. */
export function panBy(view: MapView, dx: number, dy: number): MapView {
  return {
    ...view,
    center: {
      lon: view.center.lon - (dx * view.mpp) / metresPerDegreeLon(view.refLat),
      lat: view.center.lat + (dy * view.mpp) / metresPerDegreeLat(view.refLat),
    },
  };
}

/** Zoomed by `factor` (2 = twice as close) keeping the point under pixel (x, y) where it is. */
export function zoomAt(view: MapView, size: ViewSize, factor: number, x = size.width / 2, y = size.height / 2): MapView {
  const mpp = clampMpp(view.mpp / factor);
  const anchor = invert(view, size, x, y);
  const zoomed = { ...view, mpp };
  const moved = invert(zoomed, size, x, y);
  return { ...zoomed, center: { lon: view.center.lon + anchor.lon - moved.lon, lat: view.center.lat + anchor.lat - moved.lat } };
}

/** Whether `outer` holds all of `inner`. */
export function bboxContains(outer: Bbox, inner: Bbox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

/**
 * The box widened by `margin` (a fraction of its size on each side) and snapped outwards to a grid
 * of `step` degrees: nearby views ask for the same box, so the server's (and the browser's) cache
 * answers a pan back, and a small pan needs no request at all.
 */
export function fetchBbox([west, south, east, north]: Bbox, margin: number, step = 0.001): Bbox {
  const mx = (east - west) * margin;
  const my = (north - south) * margin;
  const down = (v: number) => Number((Math.floor(v / step) * step).toFixed(6));
  const up = (v: number) => Number((Math.ceil(v / step) * step).toFixed(6));
  return [down(west - mx), down(south - my), up(east + mx), up(north + my)];
}

/** Ask for this much more than the view on each side (a fraction of its size). */
const FETCH_MARGIN = 0.5;

/** The box to ask for: the view with a margin, snapped to a grid; less margin when that would be too large. */
export function requestBbox(view: Bbox): Bbox {
  for (const candidate of [fetchBbox(view, FETCH_MARGIN), fetchBbox(view, 0.1), fetchBbox(view, 0)]) {
    const { width, height } = bboxSizeM(candidate);
    if (width <= MAX_BBOX_SIDE_M && height <= MAX_BBOX_SIDE_M) return candidate;
  }
  return view;
}
