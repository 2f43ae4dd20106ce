/**
 * The municipality's areas as a tree (gemeente → wijken → buurten) with what comparisons need: the
 * surface, the number of homes and the urbanity class. Read from the published areas and CBS key
 * figures; until the areas are published the tree is the municipality alone.
 */
import type { AreaLevel } from "../../ground/contract/contract.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import { pipelinesReadBy } from "../pipelines/pipelines-read-by.ts";
import type { PublishedRuns } from "../../store/published-runs.ts";
import { areaKm2, type PolygonGeometry } from "../../ground/geometry.ts";

const AREAS_SQL = "SELECT code, name, level, parent, geometry::VARCHAR AS geometry FROM main.areas";
const HOMES_SQL =
  "SELECT area_code, arg_max(value, period) AS homes FROM main.area_key_figures WHERE measure = 'homes' AND value IS NOT NULL GROUP BY area_code";

/** What the area tree is read from: names, parents, homes for urbanity. */
export const HIERARCHY_PIPELINES = pipelinesReadBy(AREAS_SQL, HOMES_SQL);

export interface AreaNode {
  code: string;
  name: string;
  level: AreaLevel;
  parent: string | null;
  surfaceKm2: number | null;
  homes: number | null;
  /** CBS "mate van stedelijkheid" 1 (very strongly urban) … 5 (not urban), or null without homes. */
  urbanity: number | null;
}

export interface AreaHierarchy {
  municipality: AreaNode;
  get(code: string): AreaNode | undefined;
  /** Areas of one level, by code. */
  atLevel(level: AreaLevel): AreaNode[];
}

/**
 * CBS classes of address density per km²: ≥ 2500, 1500–2500, 1000–1500, 500–1000, < 500. CBS
 * counts addresses within a kilometre around each address; homes over the area's own surface is the
 * nearest we have.
 */
const URBANITY_LOWER_BOUNDS = [2500, 1500, 1000, 500];
export function urbanityOf(homes: number | null, surfaceKm2: number | null): number | null {
  if (homes === null || !surfaceKm2) return null;
  const density = homes / surfaceKm2;
  const index = URBANITY_LOWER_BOUNDS.findIndex((bound) => density >= bound);
  return index === -1 ? 5 : index + 1;
}

export function buildHierarchy(municipality: { code: string; name: string }, nodes: AreaNode[]): AreaHierarchy {
  const byCode = new Map(nodes.map((node) => [node.code, node]));
  const city = byCode.get(municipality.code) ?? { ...municipality, level: "gemeente" as const, parent: null, surfaceKm2: null, homes: null, urbanity: null };
  byCode.set(city.code, city);
  return {
    municipality: city,
    get: (code) => byCode.get(code),
    atLevel: (level) => [...byCode.values()].filter((node) => node.level === level).sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export async function loadHierarchy(
  db: Database,
  published: PublishedRuns,
  municipality: { code: string; name: string },
  options: QueryOptions,
): Promise<AreaHierarchy> {
  if (!published.has("areas")) return buildHierarchy(municipality, []);
  const areas = await db.query(AREAS_SQL, [], options);
  const homes = new Map<string, number>();
  if (published.has("area-key-figures")) {
    const rows = await db.query(HOMES_SQL, [], options);
    for (const row of rows) homes.set(String(row.area_code), Number(row.homes));
  }
  return buildHierarchy(
    municipality,
    areas.map((row) => {
      const code = String(row.code);
      const surfaceKm2 = areaKm2(JSON.parse(String(row.geometry)) as PolygonGeometry);
      const homesHere = homes.get(code) ?? null;
      return {
        code,
        name: String(row.name),
        level: row.level as AreaLevel,
        parent: row.parent === null ? null : String(row.parent),
        surfaceKm2,
        homes: homesHere,
        urbanity: urbanityOf(homesHere, surfaceKm2),
      };
    }),
  );
}
