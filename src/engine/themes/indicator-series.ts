/**
 * Runs an indicator's SQL and turns its rows into cells at every published level: rolled up, and for
 * the policy role with small cells suppressed.
 */
import { dataTiers, type DataTier } from "../../ground/contract/contract.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import type { AreaHierarchy } from "./area-hierarchy.ts";
import type { IndicatorDefinition } from "./define-theme.ts";
import { rollUp, type Cell, type SourceRow } from "./rollup.ts";

const numberOr = <T>(value: unknown, fallback: T) => (value === null || value === undefined ? fallback : Number(value));

/** The rows of an indicator's SQL; columns it leaves out take their defaults (weight 1, coverage 1, no tier). */
export async function indicatorRows(db: Database, indicator: IndicatorDefinition, municipalityCode: string, options: QueryOptions): Promise<SourceRow[]> {
  const sql = indicator.sql;
  // DuckDB refuses a named parameter the statement does not use, so $gm is bound only where used.
  const params = sql.includes("$gm") ? { ...indicator.params, gm: municipalityCode } : indicator.params;
  const rows = await db.query(sql, params, options);
  return rows.map((r) => ({
    areaCode: r.area_code === null || r.area_code === undefined ? null : String(r.area_code),
    areaName: r.area_name === null || r.area_name === undefined ? null : String(r.area_name),
    period: String(r.period),
    value: numberOr(r.value, null),
    weight: numberOr(r.weight, 1),
    units: indicator.disclosure ? numberOr(r.units, 0) : null,
    coverage: numberOr(r.coverage, 1),
    tier: dataTiers.includes(r.tier as DataTier) ? (r.tier as DataTier) : null,
  }));
}

/** The rows with the weight the roll-up uses: the SQL's, or the area's surface (`weightBy`). */
export function weighRows(indicator: IndicatorDefinition, rows: SourceRow[], areas: AreaHierarchy): SourceRow[] {
  return indicator.weightBy === "surface" ? rows.map((r) => ({ ...r, weight: (r.areaCode && areas.get(r.areaCode)?.surfaceKm2) || 0 })) : rows;
}

/** Every cell of the indicator at the levels it is published at. */
export function indicatorCells(indicator: IndicatorDefinition, rows: SourceRow[], areas: AreaHierarchy): Cell[] {
  return rollUp(indicator, weighRows(indicator, rows, areas), areas);
}
