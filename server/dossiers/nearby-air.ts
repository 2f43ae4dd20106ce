/**
 * Air quality around a point: the nearest stations (provisional, Luchtmeetnet) and citizen sensors
 * (indicative), each component's recent means against the EU 24-hour and annual values and the WHO
 * guideline. A 24-hour mean is held against the 24-hour norms, a 365-day mean against the annual ones.
 * The means of every station and sensor are computed once per publish; a dossier only finds the
 * nearest ones.
 */
import type { NearbyMeasurement, RecentValue } from "../api/contract-dossier.ts";
import type { Database, QueryOptions } from "../db/database.ts";
import { versionOf, type PublishedRuns } from "../db/published-runs.ts";
import { createVersionedCache } from "../db/versioned-cache.ts";
import { DataChanged } from "../http/data-version.ts";
import { findPipeline } from "../../pipelines/index.ts";
import { annualNorms, dailyNorms } from "../themes/norms.ts";
import { dossierSql } from "./sql-files.ts";

const round = (x: number) => Math.round(x * 10) / 10;
const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function recentValues(formula: string, mean24h: number | null, mean365d: number | null): RecentValue[] {
  const check = (value: number | null, norms: { id: string; label: { nl: string; en: string }; value: number }[]) =>
    norms.map((norm) => ({ norm, exceeds: value !== null && value > norm.value }));
  return [
    { formula, window: "24h", value: mean24h === null ? null : round(mean24h), norms: check(mean24h, (dailyNorms[formula] ?? []).map((d) => d.norm)) },
    { formula, window: "365d", value: mean365d === null ? null : round(mean365d), norms: check(mean365d, annualNorms[formula] ?? []) },
  ];
}

interface Recent {
  latest: string | null;
  values: RecentValue[];
}

/** Rows of one component each, by station or sensor id. */
function byId(rows: Record<string, unknown>[]): Map<string, Recent> {
  const result = new Map<string, Recent>();
  for (const row of rows) {
    const id = String(row.id);
    const entry = result.get(id) ?? { latest: row.latest === null ? null : String(row.latest), values: [] };
    entry.values.push(...recentValues(String(row.formula), numberOrNull(row.mean_24h), numberOrNull(row.mean_365d)));
    result.set(id, entry);
  }
  return result;
}

const KINDS = {
  station: {
    pipelines: ["air-quality-stations", "air-quality-measurements"],
    recentSql: dossierSql.stationRecentMeans,
    nearestSql: dossierSql.nearestStations,
    near: { limit: 3 },
    tier: "provisional",
  },
  sensor: {
    pipelines: ["air-quality-sensors", "air-quality-sensor-observations"],
    recentSql: dossierSql.sensorRecentMeans,
    nearestSql: dossierSql.nearestSensors,
    near: { limit: 5, radius: 2000 },
    tier: "indicative",
  },
} as const;

export function createNearbyAir(db: Database) {
  const cache = createVersionedCache<Map<string, Recent>>(4);

  async function nearest(kind: keyof typeof KINDS, published: PublishedRuns, point: { lat: number; lon: number }, options: QueryOptions): Promise<NearbyMeasurement[]> {
    const { pipelines, recentSql, nearestSql, near, tier } = KINDS[kind];
    const version = versionOf(published, [...pipelines]);
    if (!version) return [];
    const [recent, rows] = await Promise.all([
      cache.get(kind, version, async () => {
        const recent = byId(await db.query(recentSql, [], { timeoutMs: options.timeoutMs }));
        // Cached under the version read before the query: a publish in between would mislabel it.
        if (versionOf(await db.published.settled(), [...pipelines]) !== version) throw new DataChanged();
        return recent;
      }),
      db.query(nearestSql, { ...point, ...near }, options),
    ]);
    const source = findPipeline(pipelines[1])?.attribution.source ?? pipelines[1];
    return rows.map((row) => {
      const here = recent.get(String(row.id));
      return { kind, id: String(row.id), name: String(row.name), distanceM: Math.round(Number(row.distance_m)), qualityTier: tier, source, latest: here?.latest ?? null, values: here?.values ?? [] };
    });
  }

  return async function nearbyAir(published: PublishedRuns, point: { lat: number; lon: number }, options: QueryOptions): Promise<NearbyMeasurement[]> {
    const [stations, sensors] = await Promise.all([nearest("station", published, point, options), nearest("sensor", published, point, options)]);
    return [...stations, ...sensors];
  };
}

export type NearbyAir = ReturnType<typeof createNearbyAir>;
