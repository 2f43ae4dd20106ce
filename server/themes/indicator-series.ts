/** Runs an indicator's series SQL and derives the municipality's value per period from it. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { SeriesPoint } from "../api/contract.ts";
import type { Database, QueryOptions } from "../db/database.ts";
import type { IndicatorDefinition } from "./define-theme.ts";

const sqlCache = new Map<string, string>();
function sqlFor(indicator: IndicatorDefinition): string {
  let sql = sqlCache.get(indicator.seriesSql);
  if (sql === undefined) {
    sql = readFileSync(path.join(import.meta.dirname, "sql", indicator.seriesSql), "utf8");
    sqlCache.set(indicator.seriesSql, sql);
  }
  return sql;
}

export async function stationSeries(db: Database, indicator: IndicatorDefinition, options: QueryOptions): Promise<SeriesPoint[]> {
  const rows = await db.query(sqlFor(indicator), indicator.params, options);
  return rows.map((r) => ({
    period: String(r.period),
    areaCode: String(r.area_code),
    areaName: String(r.area_name),
    value: r.value === null ? null : Number(r.value),
    coverage: Number(r.coverage),
  }));
}

/** The municipality's value is the mean of the stations' valid values in each period. */
export function municipalSeries(stations: SeriesPoint[], area: { code: string; name: string }): SeriesPoint[] {
  const byPeriod = new Map<string, SeriesPoint[]>();
  for (const point of stations) byPeriod.set(point.period, [...(byPeriod.get(point.period) ?? []), point]);
  return [...byPeriod].map(([period, points]) => {
    const valid = points.filter((p) => p.value !== null).map((p) => p.value as number);
    return {
      period,
      areaCode: area.code,
      areaName: area.name,
      value: valid.length ? Math.round((valid.reduce((a, b) => a + b, 0) / valid.length) * 100) / 100 : null,
      coverage: Math.round((points.reduce((s, p) => s + p.coverage, 0) / points.length) * 10_000) / 10_000,
    };
  });
}
