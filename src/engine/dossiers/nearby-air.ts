/**
 * Air quality around a point: the nearest stations (provisional, Luchtmeetnet) and citizen sensors
 * (indicative), each component's recent means against the EU 24-hour and annual values and the WHO
 * guideline. A 24-hour mean is held against the 24-hour norms, a 365-day mean against the annual ones.
 * The places and means of every station and sensor are computed once per publish, right after it;
 * a dossier only finds the nearest ones, in memory.
 */
import type { NearbyMeasurement, RecentValue } from "../../ground/contract/contract-dossier.ts";
import type { Database } from "../../store/database.ts";
import { versionOf, type PublishedRuns } from "../../store/published-runs.ts";
import { createVersionedCache } from "../../store/versioned-cache.ts";
import { DataChanged } from "../../ground/domain-errors.ts";
import { findPipeline } from "../../pipelines/index.ts";
import { annualNorms, dailyNorms } from "../themes/norms.ts";
import { dossierSql } from "./sql-files.ts";

const round = (x: number) => Math.round(x * 10) / 10;
const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function recentValues(formula: string, mean24h: number | null, mean365d: number | null): RecentValue[] {
  const check = (value: number | null, norms: { id: string; label: { nl: string; en: string }; value: number }[]) =>
    norms.map((norm) => ({ norm, exceeds: value !== null && value > norm.value }));
  return [
    {
      formula,
      window: "24h",
      value: mean24h === null ? null : round(mean24h),
      norms: check(
        mean24h,
        (dailyNorms[formula] ?? []).map((d) => d.norm),
      ),
    },
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
      return { recent: byId(recent), places: places.map((p) => ({ id: String(p.id), name: String(p.name), lat: Number(p.lat), lon: Number(p.lon) })) };
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

  return async function nearbyAir(published: PublishedRuns, point: { lat: number; lon: number }): Promise<NearbyMeasurement[]> {
    const [stations, sensors] = await Promise.all([nearest("station", published, point), nearest("sensor", published, point)]);
    return [...stations, ...sensors];
  };
}

export type NearbyAir = ReturnType<typeof createNearbyAir>;
