/**
 * Air quality around a point: the nearest reference stations (provisional, Luchtmeetnet) and citizen
 * sensors (indicative), apart, each component's recent means beside the EU 24-hour and annual limit
 * values and the WHO guideline, and a summary that counts only what may be counted: a reference
 * station's annual mean over a (nearly) full year against the annual limit values (law), and apart
 * from that against the WHO guideline (advice). A 24-hour mean, a short series or a sensor is only
 * ever indicative: compared with a norm, never tested against it. The places and means of every
 * station and sensor are computed once per publish, right after it; a dossier only finds the nearest.
 */
import type { NearbyAir as NearbyAirAnswer, NearbyMeasurement, NearbyNormCount, RecentValue } from "../../ground/contract/contract-dossier.ts";
import type { Norm } from "../../ground/contract/contract.ts";
import type { Database } from "../../store/database.ts";
import { versionOf, type PublishedRuns } from "../../store/published-runs.ts";
import { createVersionedCache } from "../../store/versioned-cache.ts";
import { DataChanged } from "../../ground/domain-errors.ts";
import { findPipeline } from "../../pipelines/index.ts";
import { annualNorms, dailyNorms } from "../themes/norms.ts";
import { dossierSql } from "./sql-files.ts";

const round = (x: number) => Math.round(x * 10) / 10;
const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The share of a year's hours an annual mean needs before it is held against a limit value: the EU's
 * minimum data capture for fixed measurements (Directive 2008/50/EC, annex I).
 */
export const ASSESSMENT_COVERAGE = 0.9;
const HOURS_PER_YEAR = 365 * 24;

/** Law or advice, by the norm's id, as the client's norm-style.ts draws it. */
const kindOf = (norm: Norm) => (norm.id.startsWith("eu-") ? ("limit" as const) : ("guideline" as const));

interface Means {
  mean24h: number | null;
  mean365d: number | null;
  from365d: string | null;
  hours365d: number;
}

function recentValues(kind: Kind, formula: string, { mean24h, mean365d, from365d, hours365d }: Means): RecentValue[] {
  const check = (value: number | null, norms: Norm[]) => norms.map((norm) => ({ norm, kind: kindOf(norm), above: value !== null && value > norm.value }));
  const coverage = Math.min(1, hours365d / HOURS_PER_YEAR);
  // Only a reference station's year may be assessed; a 24-hour limit value allows days above it, so
  // one 24-hour mean never is.
  const assessed = kind === "station" && mean365d !== null && coverage >= ASSESSMENT_COVERAGE;
  return [
    {
      formula,
      window: "24h",
      value: mean24h === null ? null : round(mean24h),
      from: null,
      coverage: mean24h === null ? 0 : 1,
      reading: "indicative",
      norms: check(
        mean24h,
        (dailyNorms[formula] ?? []).map((d) => d.norm),
      ),
    },
    {
      formula,
      window: "365d",
      value: mean365d === null ? null : round(mean365d),
      from: from365d,
      coverage: Math.round(coverage * 1000) / 1000,
      reading: assessed ? "assessment" : "indicative",
      norms: check(mean365d, annualNorms[formula] ?? []),
    },
  ];
}

/**
 * The summary of the nearby reference stations' annual means: per pollutant and norm, how many are
 * above of how many may be assessed, limit values and the guideline apart. Sensors are not counted,
 * whatever their values.
 */
export function summarizeNearby(stations: readonly NearbyMeasurement[]): NearbyAirAnswer["summary"] {
  const counts = new Map<string, NearbyNormCount & { kind: "limit" | "guideline" }>();
  for (const station of stations) {
    if (station.kind !== "station") continue;
    for (const value of station.values) {
      if (value.window !== "365d" || value.value === null) continue;
      for (const check of value.norms) {
        const key = `${value.formula}|${check.norm.id}`;
        const count = counts.get(key) ?? { formula: value.formula, period: "365d", norm: check.norm, kind: check.kind, above: 0, of: 0, indicative: 0 };
        if (value.reading === "assessment") {
          count.of += 1;
          if (check.above) count.above += 1;
        } else count.indicative += 1;
        counts.set(key, count);
      }
    }
  }
  const all = [...counts.values()];
  const pick = (kind: "limit" | "guideline") => all.filter((c) => c.kind === kind).map(({ kind: _, ...count }) => count);
  return { legal: pick("limit"), guideline: pick("guideline") };
}

interface Recent {
  latest: string | null;
  values: RecentValue[];
}

/** Rows of one component each, by station or sensor id. */
function byId(kind: Kind, rows: Record<string, unknown>[]): Map<string, Recent> {
  const result = new Map<string, Recent>();
  for (const row of rows) {
    const id = String(row.id);
    const entry = result.get(id) ?? { latest: row.latest === null ? null : String(row.latest), values: [] };
    entry.values.push(
      ...recentValues(kind, String(row.formula), {
        mean24h: numberOrNull(row.mean_24h),
        mean365d: numberOrNull(row.mean_365d),
        from365d: row.first_365d === null || row.first_365d === undefined ? null : String(row.first_365d),
        hours365d: Number(row.hours_365d ?? 0),
      }),
    );
    result.set(id, entry);
  }
  return result;
}

/** Great-circle distance in metres (as meta.distance_m in schema.sql). */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 12_742_000 * Math.asin(Math.sqrt(h));
}

const KINDS = {
  station: {
    pipelines: ["air-quality-stations", "air-quality-measurements"],
    recentSql: dossierSql.stationRecentMeans,
    placesSql: "SELECT number AS id, location AS name, lat, lon FROM main.air_quality_stations",
    near: { limit: 3, radius: Infinity },
    tier: "provisional",
  },
  sensor: {
    pipelines: ["air-quality-sensors", "air-quality-sensor-observations"],
    recentSql: dossierSql.sensorRecentMeans,
    placesSql: "SELECT datastream_id::VARCHAR AS id, name, lat, lon FROM main.air_quality_sensors",
    near: { limit: 5, radius: 2000 },
    tier: "indicative",
  },
} as const;

type Kind = keyof typeof KINDS;

interface Place {
  id: string;
  name: string;
  lat: number;
  lon: number;
}

/** Every station's or sensor's place and recent means: a few thousand at most, kept per publish. */
interface Known {
  places: Place[];
  recent: Map<string, Recent>;
}

export function createNearbyAir(db: Database) {
  const cache = createVersionedCache<Known>(4);

  /** Computed once per publish, at the publish (see warm), so no dossier waits for the scan. */
  function known(kind: Kind, published: PublishedRuns): Promise<Known> | null {
    const { pipelines, recentSql, placesSql } = KINDS[kind];
    const version = versionOf(published, [...pipelines]);
    if (!version) return null;
    return cache.get(kind, version, async () => {
      const [recent, places] = await Promise.all([db.query(recentSql, [], { timeoutMs: 60_000 }), db.query(placesSql, [], { timeoutMs: 60_000 })]);
      // Cached under the version read before the queries: a publish in between would mislabel them.
      if (versionOf(await db.published.settled(), [...pipelines]) !== version) throw new DataChanged();
      return { recent: byId(kind, recent), places: places.map((p) => ({ id: String(p.id), name: String(p.name), lat: Number(p.lat), lon: Number(p.lon) })) };
    });
  }

  async function nearest(kind: Kind, published: PublishedRuns, point: { lat: number; lon: number }): Promise<NearbyMeasurement[]> {
    const { pipelines, near, tier } = KINDS[kind];
    const all = await known(kind, published);
    if (!all) return [];
    const source = findPipeline(pipelines[1])?.attribution.source ?? pipelines[1];
    return all.places
      .map((place) => ({ place, distance: distanceM(point, place) }))
      .filter((p) => p.distance <= near.radius)
      .sort((a, b) => a.distance - b.distance || a.place.id.localeCompare(b.place.id))
      .slice(0, near.limit)
      .map(({ place, distance }) => {
        const here = all.recent.get(place.id);
        return {
          kind,
          id: place.id,
          name: place.name,
          distanceM: Math.round(distance),
          qualityTier: tier,
          source,
          latest: here?.latest ?? null,
          values: here?.values ?? [],
        };
      });
  }

  const warm = (published: PublishedRuns) => {
    for (const kind of Object.keys(KINDS) as Kind[]) known(kind, published)?.catch(() => {});
  };
  db.published.subscribe(warm);
  void db.published.settled().then(warm);

  return async function nearbyAir(published: PublishedRuns, point: { lat: number; lon: number }): Promise<NearbyAirAnswer> {
    const [stations, sensors] = await Promise.all([nearest("station", published, point), nearest("sensor", published, point)]);
    return { stations, sensors, summary: summarizeNearby(stations) };
  };
}

export type NearbyAir = ReturnType<typeof createNearbyAir>;
