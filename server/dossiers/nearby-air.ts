/**
 * Air quality around a point: the nearest stations (provisional, Luchtmeetnet) and citizen sensors
 * (indicative), each component's recent means against the EU 24-hour and annual values and the WHO
 * guideline. A 24-hour mean is held against the 24-hour norms, a 365-day mean against the annual ones.
 */
import type { NearbyMeasurement, RecentValue } from "../api/contract.ts";
import type { Database, QueryOptions } from "../db/database.ts";
import type { PublishedRuns } from "../db/published-runs.ts";
import { findPipeline } from "../../pipelines/index.ts";
import { annualNorms, dailyNorms } from "../themes/norms.ts";
import { dossierSql } from "./sql-files.ts";

const STATIONS = 3;
const SENSORS = 5;
const SENSOR_RADIUS_M = 2000;

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function recentValues(formula: string, mean24h: number | null, mean365d: number | null): RecentValue[] {
  const check = (value: number | null, norms: { id: string; label: { nl: string; en: string }; value: number }[]) =>
    norms.map((norm) => ({ norm, exceeds: value !== null && value > norm.value }));
  return [
    { formula, window: "24h", value: mean24h === null ? null : round(mean24h), norms: check(mean24h, (dailyNorms[formula] ?? []).map((d) => d.norm)) },
    { formula, window: "365d", value: mean365d === null ? null : round(mean365d), norms: check(mean365d, annualNorms[formula] ?? []) },
  ];
}

/** Rows of one measurement per component, grouped into one entry per station or sensor. */
function group(kind: NearbyMeasurement["kind"], pipeline: string, rows: Record<string, unknown>[]): NearbyMeasurement[] {
  const byId = new Map<string, NearbyMeasurement>();
  const source = findPipeline(pipeline)?.attribution.source ?? pipeline;
  for (const row of rows) {
    const id = String(row.id);
    let entry = byId.get(id);
    if (!entry) {
      entry = {
        kind,
        id,
        name: String(row.name),
        distanceM: Math.round(Number(row.distance_m)),
        qualityTier: kind === "station" ? "provisional" : "indicative",
        source,
        latest: row.latest === null ? null : String(row.latest),
        values: [],
      };
      byId.set(id, entry);
    }
    const value = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    entry.values.push(...recentValues(String(row.formula), value(row.mean_24h), value(row.mean_365d)));
  }
  return [...byId.values()];
}

export async function nearbyAir(db: Database, published: PublishedRuns, point: { lat: number; lon: number }, options: QueryOptions): Promise<NearbyMeasurement[]> {
  const result: NearbyMeasurement[] = [];
  if (published.has("air-quality-stations") && published.has("air-quality-measurements")) {
    const rows = await db.query(dossierSql.nearbyStations, { ...point, limit: STATIONS }, options);
    result.push(...group("station", "air-quality-measurements", rows));
  }
  if (published.has("air-quality-sensors") && published.has("air-quality-sensor-observations")) {
    const rows = await db.query(dossierSql.nearbySensors, { ...point, radius: SENSOR_RADIUS_M, limit: SENSORS }, options);
    result.push(...group("sensor", "air-quality-sensor-observations", rows));
  }
  return result;
}
