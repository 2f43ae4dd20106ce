/**
 * The BAG footprints in a map view: a range query on the footprints' bounding boxes (computed at
 * ingest, so no geometry is parsed to select), nearest the view's centre first, so a truncated
 * answer still fills the middle of the map.
 */
import type { BuildingFootprint, BuildingsInView } from "../../ground/contract/contract-buildings.ts";
import { MAX_BUILDINGS } from "../../ground/contract/building-limits.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import type { PipelineName } from "../../pipelines/index.ts";

/** The pipeline the answer reads: its publishes make a cached answer stale. */
export const BUILDING_PIPELINE: PipelineName = "bag-buildings";

export type Bbox = readonly [west: number, south: number, east: number, north: number];

type Ring = number[][];
interface FootprintGeometry {
  type: "Polygon" | "MultiPolygon";
  coordinates: Ring[] | Ring[][];
}

/** 6 decimals of a degree is ~10 cm: finer than the BAG's own accuracy, and shorter JSON. */
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** Every ring of the footprint, holes included (the map fills even-odd), rounded. */
export function footprintRings(geometry: FootprintGeometry): number[][][] {
  const polygons = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  return polygons.flatMap((rings) => rings.map((ring) => ring.map(([lon, lat]) => [round6(lon!), round6(lat!)])));
}

export async function buildingsInView(db: Database, bbox: Bbox, options: QueryOptions = {}): Promise<BuildingsInView> {
  const [west, south, east, north] = bbox;
  const published = await db.published.settled();
  if (!published.has(BUILDING_PIPELINE)) return { bbox: [west, south, east, north], items: [], truncated: false, total: 0 };
  const rows = await db.query(
    `SELECT building_id, construction_year, geometry::VARCHAR AS geometry, count(*) OVER () AS total
     FROM main.bag_buildings
     WHERE max_lon >= $west AND min_lon <= $east AND max_lat >= $south AND min_lat <= $north
     ORDER BY (lon - $cx) * (lon - $cx) + (lat - $cy) * (lat - $cy), building_id
     LIMIT $limit`,
    { west, south, east, north, cx: (west + east) / 2, cy: (south + north) / 2, limit: MAX_BUILDINGS },
    options,
  );
  const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  const items = rows.map((row): BuildingFootprint => ({
    id: String(row.building_id),
    year: row.construction_year === null ? null : Number(row.construction_year),
    rings: footprintRings(JSON.parse(String(row.geometry)) as FootprintGeometry),
  }));
  return { bbox: [west, south, east, north], items, truncated: total > items.length, total };
}
