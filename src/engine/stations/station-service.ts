/** Station detail for permit officers: recent hourly values and days above the EU 24-hour values. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Station, StationDetail } from "../../ground/contract/contract.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import { versionOf } from "../../store/published-runs.ts";
import { createVersionedCache } from "../../store/versioned-cache.ts";
import { NotFound } from "../../ground/domain-errors.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { msg } from "../../ground/i18n/message.ts";
import { dailyNorms } from "../themes/norms.ts";

const dailyMeansSql = readFileSync(path.join(import.meta.dirname, "sql", "daily-means.sql"), "utf8");

const toStation = (r: Record<string, unknown>): Station => ({
  number: String(r.number),
  name: String(r.location),
  type: String(r.type),
  lat: Number(r.lat),
  lon: Number(r.lon),
  components: (r.components as string[] | null) ?? [],
  buurtCode: (r.buurt_code as string | null) ?? null,
});

export function createStationService(db: Database) {
  const cache = createVersionedCache<StationDetail>();

  const version = async () => versionOf(await db.published.settled(), ["air-quality-stations", "air-quality-measurements"]);

  async function load(number: string, days: number, { timeoutMs }: QueryOptions): Promise<StationDetail> {
    const rows = await db.query("SELECT number, location, type, lat, lon, components, buurt_code FROM main.air_quality_stations WHERE number = $1", [number], {
      timeoutMs,
    });
    if (!rows[0]) throw new NotFound(msg("unknown.station", { number: quoted(number) }));
    const hourly = await db.query(
      `WITH latest AS (SELECT max(timestamp_measured) AS t FROM main.air_quality_measurements WHERE station_number = $1)
       SELECT strftime(timestamp_measured, '%Y-%m-%dT%H:%M:%SZ') AS time, formula, value
       FROM main.air_quality_measurements, latest
       WHERE station_number = $1 AND timestamp_measured > latest.t - to_days($2::INTEGER)
       ORDER BY timestamp_measured, formula`,
      [number, days],
      { timeoutMs },
    );
    const daily = await db.query(dailyMeansSql, { station: number }, { timeoutMs });
    return {
      station: toStation(rows[0]),
      from: String(hourly[0]?.time ?? ""),
      to: String(hourly.at(-1)?.time ?? ""),
      hourly: hourly.map((h) => ({ time: String(h.time), formula: String(h.formula), value: Number(h.value) })),
      exceedances: countExceedances(daily),
    };
  }

  return {
    async list(options: QueryOptions): Promise<Station[]> {
      if (!(await version())) return [];
      return (
        await db.query("SELECT number, location, type, lat, lon, components, buurt_code FROM main.air_quality_stations ORDER BY number", [], options)
      ).map(toStation);
    },

    async detail(number: string, days: number, options: QueryOptions): Promise<StationDetail> {
      const current = await version();
      if (!current) throw new NotFound(msg("unknown.station", { number: quoted(number) }));
      return cache.get(`${number}/${days}`, current, () => load(number, days, options));
    },
  };
}

/** Days per year above each EU 24-hour value, from the daily means. */
function countExceedances(daily: Record<string, unknown>[]): StationDetail["exceedances"] {
  return Object.entries(dailyNorms).flatMap(([formula, norms]) => {
    const days = daily.filter((d) => d.formula === formula);
    const years = [...new Set(days.map((d) => Number(d.year)))];
    return norms.flatMap(({ norm, allowedDays }) =>
      years.map((year) => ({
        formula,
        year,
        norm,
        allowedDays,
        days: days.filter((d) => Number(d.year) === year && Number(d.mean) > norm.value).length,
      })),
    );
  });
}

export type StationService = ReturnType<typeof createStationService>;
