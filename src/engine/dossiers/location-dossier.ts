/**
 * "Check je plek" for professionals: for any point, its buurt and the buurt's key figures, air
 * quality nearby, the noise map, heat and green, and the establishments within a radius.
 */
import type { LocationDossier } from "../../ground/contract/contract-dossier.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import { type PublishedRuns } from "../../store/published-runs.ts";
import { createVersionedCache } from "../../store/versioned-cache.ts";
import { pointInGeometry, type PolygonGeometry } from "../../ground/geometry.ts";
import type { PipelineName } from "../../pipelines/index.ts";
import { searchEstablishments } from "./establishment-search.ts";
import type { NearbyAir } from "./nearby-air.ts";
import { noiseAt } from "./noise-at-location.ts";
import { sourcesOf } from "./sources.ts";
import type { Address } from "../../ground/contract/contract-addresses.ts";
import type { AddressSearchService } from "./address-search.ts";
import { complaintsNear } from "./complaints-near.ts";
import { sensitiveBuildings } from "./sensitive-buildings.ts";

/** Establishments listed around the point, nearest first. */
const MAX_ESTABLISHMENTS = 100;
/** The pipelines the dossier cites as its sources, and whose publishes make it be built again. */
export const LOCATION_PIPELINES: readonly PipelineName[] = [
  "areas",
  "area-key-figures",
  "air-quality-measurements",
  "air-quality-sensor-observations",
  "noise-exposure",
  "green-heat",
  "establishments",
  "complaints",
  "bag-addresses",
];
/** A dossier opened on coordinates is titled by the nearest address this close, if any. */
const TITLE_ADDRESS_WITHIN_M = 50;

interface Buurt {
  code: string;
  name: string;
  wijkCode: string | null;
  wijkName: string | null;
  geometry: PolygonGeometry;
}

export function createLocationDossiers(db: Database, nearbyAir: NearbyAir, addresses?: AddressSearchService) {
  const buurtenCache = createVersionedCache<Buurt[]>(2);

  function buurten(published: PublishedRuns, options: QueryOptions): Promise<Buurt[]> {
    const run = published.get("areas")?.runId;
    if (run === undefined) return Promise.resolve([]);
    return buurtenCache.get("buurten", String(run), async () => {
      const rows = await db.query(
        `SELECT b.code, b.name, b.parent AS wijk_code, w.name AS wijk_name, b.geometry::VARCHAR AS geometry
         FROM main.areas b LEFT JOIN main.areas w ON w.code = b.parent WHERE b.level = 'buurt'`,
        [],
        { timeoutMs: options.timeoutMs },
      );
      return rows.map((r) => ({
        code: String(r.code),
        name: String(r.name),
        wijkCode: (r.wijk_code as string | null) ?? null,
        wijkName: (r.wijk_name as string | null) ?? null,
        geometry: JSON.parse(String(r.geometry)) as PolygonGeometry,
      }));
    });
  }

  /** `address`: the BAG address the dossier is opened for (`point` is then its point). */
  return async function locationDossier(
    point: { lat: number; lon: number },
    radiusM: number,
    options: QueryOptions,
    address: Address | null = null,
  ): Promise<LocationDossier> {
    const published = await db.published.settled();
    const buurt = (await buurten(published, options)).find((b) => pointInGeometry([point.lon, point.lat], b.geometry)) ?? null;
    const [keyFigures, greenHeat, nearby, noise, around, nearestAddress, sensitive, complaints] = await Promise.all([
      buurt && published.has("area-key-figures")
        ? db.query(
            "SELECT measure, period, value FROM main.area_key_figures WHERE area_code = $code AND period = (SELECT max(period) FROM main.area_key_figures WHERE area_code = $code) ORDER BY measure",
            { code: buurt.code },
            options,
          )
        : [],
      buurt && published.has("green-heat")
        ? db.query(
            "SELECT year, green_share, heat_stress_class FROM main.green_heat WHERE buurt_code = $code ORDER BY year DESC LIMIT 1",
            { code: buurt.code },
            options,
          )
        : [],
      nearbyAir(published, point),
      noiseAt(db, published, buurt?.code ?? null, options),
      published.has("establishments")
        ? searchEstablishments(db, { near: point, radius: radiusM, sort: "distance", page: 1, pageSize: MAX_ESTABLISHMENTS }, options)
        : null,
      address || !addresses ? null : addresses.nearest(published, point, TITLE_ADDRESS_WITHIN_M, options),
      sensitiveBuildings(db, published, point, radiusM, options),
      complaintsNear(db, published, point, radiusM, options),
    ]);
    const heat = greenHeat[0];
    return {
      lat: point.lat,
      lon: point.lon,
      radiusM,
      buurt: buurt && { code: buurt.code, name: buurt.name, wijkCode: buurt.wijkCode, wijkName: buurt.wijkName },
      keyFigures: keyFigures.map((r) => ({ measure: String(r.measure), period: Number(r.period), value: r.value === null ? null : Number(r.value) })),
      nearby,
      noise,
      greenHeat: heat
        ? {
            year: Number(heat.year),
            greenShare: Math.round(Number(heat.green_share) * 1000) / 10,
            heatStressClass: Number(heat.heat_stress_class),
            qualityTier: "modelled",
          }
        : null,
      establishments: around?.items ?? [],
      address,
      nearestAddress,
      sensitive,
      complaints,
      sources: sourcesOf(published, LOCATION_PIPELINES),
    };
  };
}
