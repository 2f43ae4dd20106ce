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

/** The CBS key figures counts are divided by to compare areas (area-rates.ts), per area and year. */
const DENOMINATORS_SQL =
  "SELECT area_code, measure, period::VARCHAR AS period, value FROM main.area_key_figures WHERE measure IN ('inhabitants', 'homes', 'land_area_ha') AND value IS NOT NULL";

/** What the area tree is read from: names, parents, homes for urbanity, denominators for rates. */
export const HIERARCHY_PIPELINES = pipelinesReadBy(AREAS_SQL, HOMES_SQL, DENOMINATORS_SQL);

/** A key figure that counts are divided by. */
export type DenominatorMeasure = "inhabitants" | "homes" | "land_area_ha";

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
  /**
   * The key figure of an area for a year: that year's, or else the latest earlier year CBS published
   * (key figures come out a year or more after the registers); null when there is none.
   */
  denominator(code: string, measure: DenominatorMeasure, period: string): { value: number; period: string } | null;
}

/** Key figures per area, measure and year. */
export type Denominators = Map<string, Map<DenominatorMeasure, Map<string, number>>>;

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

export function buildHierarchy(municipality: { code: string; name: string }, nodes: AreaNode[], denominators: Denominators = new Map()): AreaHierarchy {
  const byCode = new Map(nodes.map((node) => [node.code, node]));
  const city = byCode.get(municipality.code) ?? { ...municipality, level: "gemeente" as const, parent: null, surfaceKm2: null, homes: null, urbanity: null };
  byCode.set(city.code, city);
  return {
    municipality: city,
    get: (code) => byCode.get(code),
    atLevel: (level) => [...byCode.values()].filter((node) => node.level === level).sort((a, b) => a.code.localeCompare(b.code)),
    denominator(code, measure, period) {
      const years = denominators.get(code)?.get(measure);
      if (!years) return null;
      const exact = years.get(period);
      if (exact !== undefined) return { value: exact, period };
      const earlier = [...years.keys()].filter((year) => year < period).sort();
      const latest = earlier.at(-1);
      return latest === undefined ? null : { value: years.get(latest)!, period: latest };
    },
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
  const denominators: Denominators = new Map();
  if (published.has("area-key-figures")) {
    const rows = await db.query(HOMES_SQL, [], options);
    for (const row of rows) homes.set(String(row.area_code), Number(row.homes));
    for (const row of await db.query(DENOMINATORS_SQL, [], options)) {
      const code = String(row.area_code);
      const measures = denominators.get(code) ?? new Map<DenominatorMeasure, Map<string, number>>();
      denominators.set(code, measures);
      const measure = row.measure as DenominatorMeasure;
      const years = measures.get(measure) ?? new Map<string, number>();
      measures.set(measure, years);
      years.set(String(row.period), Number(row.value));
    }
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
    denominators,
  );
}
