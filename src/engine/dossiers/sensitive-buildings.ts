/**
 * Sensitive uses around a location (issue 20.6): how many addresses with a school, care or dwelling
 * use lie within a radius, in how many buildings, and the nearest schools and care addresses. From
 * the BAG gebruiksdoelen (use_classes) of main.bag_addresses.
 */
import type { SensitiveAround, SensitiveClass } from "../../ground/contract/contract-addresses.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import type { PublishedRuns } from "../../store/published-runs.ts";
import { toAddress } from "./address-search.ts";

/** The BAG gebruiksdoel of each class. */
export const USE_OF_CLASS: Record<SensitiveClass, string> = {
  school: "onderwijsfunctie",
  care: "gezondheidszorgfunctie",
  dwelling: "woonfunctie",
};
const NEAREST = 20;
const METRES_PER_DEGREE_LAT = 111_320;

// use_classes is a comma-separated list; a class is matched as a whole item of it.
const has = (use: string) => `regexp_matches(use_classes, '(^|,)\\s*${use}\\s*(,|$)')`;

// A bounding box first (cheap, on plain columns), the exact distance only for what is in it.
const SQL = `WITH near AS (
  SELECT *, meta.distance_m($lat, $lon, lat, lon) AS distance_m,
         ${has(USE_OF_CLASS.school)} AS is_school, ${has(USE_OF_CLASS.care)} AS is_care, ${has(USE_OF_CLASS.dwelling)} AS is_dwelling
  FROM main.bag_addresses
  WHERE lat BETWEEN $lat - $dlat AND $lat + $dlat AND lon BETWEEN $lon - $dlon AND $lon + $dlon
    AND use_classes IS NOT NULL
), within AS (SELECT * FROM near WHERE distance_m <= $radius)
SELECT 'counts' AS part, NULL AS address_id, NULL AS street, NULL::INTEGER AS house_number, NULL AS house_letter, NULL AS addition,
       NULL AS postcode, NULL AS place, NULL::DOUBLE AS lon, NULL::DOUBLE AS lat, NULL AS buurt_code, NULL::DOUBLE AS distance_m,
       count(*) FILTER (is_school) AS schools, count(DISTINCT coalesce(building_id, address_id)) FILTER (is_school) AS school_buildings,
       count(*) FILTER (is_care) AS cares, count(DISTINCT coalesce(building_id, address_id)) FILTER (is_care) AS care_buildings,
       count(*) FILTER (is_dwelling) AS dwellings, count(DISTINCT coalesce(building_id, address_id)) FILTER (is_dwelling) AS dwelling_buildings,
       NULL::BOOLEAN AS is_school, NULL::BOOLEAN AS is_care
FROM within
UNION ALL
(SELECT 'nearest', address_id, street, house_number, house_letter, addition, postcode, place, lon, lat, buurt_code, distance_m,
        NULL, NULL, NULL, NULL, NULL, NULL, is_school, is_care
 FROM within WHERE is_school OR is_care ORDER BY distance_m, address_id LIMIT ${NEAREST})`;

export async function sensitiveBuildings(
  db: Database,
  published: PublishedRuns,
  point: { lat: number; lon: number },
  radiusM: number,
  options: QueryOptions,
): Promise<SensitiveAround | null> {
  if (!published.has("bag-addresses")) return null;
  const dlat = radiusM / METRES_PER_DEGREE_LAT;
  const dlon = radiusM / (METRES_PER_DEGREE_LAT * Math.max(0.01, Math.cos((point.lat * Math.PI) / 180)));
  const rows = await db.query(SQL, { lat: point.lat, lon: point.lon, dlat, dlon, radius: radiusM }, options);
  const counts = rows.find((r) => r.part === "counts") ?? {};
  const count = (key: string) => Number(counts[key] ?? 0);
  return {
    radiusM,
    counts: [
      { class: "school", addresses: count("schools"), buildings: count("school_buildings") },
      { class: "care", addresses: count("cares"), buildings: count("care_buildings") },
      { class: "dwelling", addresses: count("dwellings"), buildings: count("dwelling_buildings") },
    ],
    nearest: rows
      .filter((r) => r.part === "nearest")
      .sort((a, b) => Number(a.distance_m) - Number(b.distance_m))
      .map((r) => ({
        address: toAddress(r),
        classes: [...(r.is_school ? (["school"] as const) : []), ...(r.is_care ? (["care"] as const) : [])],
        distanceM: Math.round(Number(r.distance_m)),
      })),
  };
}
