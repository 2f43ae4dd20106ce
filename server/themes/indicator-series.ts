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

/** All rows of an indicator's SQL: the breakdown units and, where the SQL gives it, the municipality. */
export async function indicatorRows(db: Database, indicator: IndicatorDefinition, municipalityCode: string, options: QueryOptions): Promise<SeriesPoint[]> {
  const sql = sqlFor(indicator);
  // DuckDB refuses a named parameter the statement does not use, so $gm is bound only where used.
  const params = sql.includes("$gm") ? { ...indicator.params, gm: municipalityCode } : indicator.params;
  const rows = await db.query(sql, params, options);
  return rows.map((r) => ({
    period: String(r.period),
    areaCode: String(r.area_code),
    areaName: String(r.area_name),
    value: r.value === null ? null : Number(r.value),
    coverage: Number(r.coverage),
  }));
}

/** Splits the rows into the municipality's series and the breakdown units' rows. */
export function splitSeries(indicator: IndicatorDefinition, rows: SeriesPoint[], area: { code: string; name: string }) {
  const breakdown = rows.filter((r) => r.areaCode !== area.code);
  const city = indicator.municipal === "from-sql" ? rows.filter((r) => r.areaCode === area.code).map((r) => ({ ...r, areaName: area.name })) : meanOfAreas(breakdown, area);
  return { breakdown, city };
}

/** The municipality's value as the mean of the breakdown units' valid values in each period. */
function meanOfAreas(stations: SeriesPoint[], area: { code: string; name: string }): SeriesPoint[] {
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
