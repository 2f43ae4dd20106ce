/**
 * Wijk and buurt boundaries from `GET /api/v1/areas`, fetched once per level and session: they are the
 * same for every indicator, period and role, and a level switch shouldn't wait for them twice.
 */
import type { AreaLevel } from "../../src/ground/contract/contract.ts";
import { api } from "./api-client.ts";

export interface AreaFeature {
  type: "Feature";
  /** The CBS code, e.g. "WK999901". */
  id: string;
  properties: { code: string; name: string; level: AreaLevel; parent: string | null };
  geometry: { type: string; coordinates: unknown };
}

export interface AreaFeatureCollection {
  type: "FeatureCollection";
  features: AreaFeature[];
}

const loaded = new Map<AreaLevel, Promise<AreaFeatureCollection>>();

type Ring = [number, number][];

/** Twice the signed planar area of a ring in lon/lat: positive when it runs counter-clockwise. */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    sum += x0 * y1 - x1 * y0;
  }
  return sum;
}

/**
 * GeoJSON (RFC 7946) winds outer rings counter-clockwise; d3-geo, under Plot, reads a ring by the
 * spherical rule, where counter-clockwise means "everything but this area" — the map would be one
 * filled rectangle. So outer rings are turned clockwise and holes counter-clockwise.
 */
function windForD3(polygon: Ring[]): Ring[] {
  return polygon.map((ring, i) => {
    const clockwise = signedArea(ring) < 0;
    return (i === 0) === clockwise ? ring : [...ring].reverse();
  });
}

function normalizeGeometry(geometry: AreaFeature["geometry"]): AreaFeature["geometry"] {
  if (geometry.type === "Polygon") return { ...geometry, coordinates: windForD3(geometry.coordinates as Ring[]) };
  if (geometry.type === "MultiPolygon") {
    return { ...geometry, coordinates: (geometry.coordinates as Ring[][]).map((polygon) => windForD3(polygon)) };
  }
  return geometry;
}

/** Not abortable on purpose: the request is shared by every view that asks for the level. */
export function loadBoundaries(level: AreaLevel): Promise<AreaFeatureCollection> {
  let boundaries = loaded.get(level);
  if (!boundaries) {
    boundaries = api.get("GET /api/v1/areas", { query: { level } }).then(
      (collection) => ({ ...collection, features: collection.features.map((f) => ({ ...f, geometry: normalizeGeometry(f.geometry) })) }),
      (error: unknown) => {
        // A failed load is not remembered, so the next visit tries again.
        loaded.delete(level);
        throw error;
      },
    );
    loaded.set(level, boundaries);
  }
  return boundaries;
}
