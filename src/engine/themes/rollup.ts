/**
 * From the rows of an indicator's SQL at its grain to a value per area and period at every level the
 * indicator is published at: buurten add up to their wijk and to the municipality, stations average
 * to the municipality. Pure, so it is tested without a database.
 */
import { dataTiers, type AreaLevel, type DataTier } from "../../ground/contract/contract.ts";
import type { AreaHierarchy } from "./area-hierarchy.ts";
import type { IndicatorDefinition } from "./define-theme.ts";

/** One row of an indicator's SQL. `areaCode` null: inside the municipality, outside every buurt. */
export interface SourceRow {
  areaCode: string | null;
  areaName: string | null;
  period: string;
  value: number | null;
  weight: number;
  units: number | null;
  coverage: number;
  /** Measured data: how far the source has checked the values (the SQL's `tier` column); absent or null otherwise. */
  tier?: DataTier | null;
}

export type CellLevel = AreaLevel | "station";

export interface Cell {
  areaCode: string;
  areaName: string;
  level: CellLevel;
  parent: string | null;
  period: string;
  value: number | null;
  weight: number;
  /** What disclosure control counts (establishments, complaints, persons), or null when it does not apply. */
  units: number | null;
  coverage: number;
  /** The least checked tier of the rows behind the cell; absent or null where tiers do not apply. */
  tier?: DataTier | null;
  suppressed: boolean;
}

const LEVEL_DEPTH: Record<AreaLevel, number> = { gemeente: 0, wijk: 1, buurt: 2 };
export const isServedLevel = (level: AreaLevel, lowest: AreaLevel) => LEVEL_DEPTH[level] <= LEVEL_DEPTH[lowest];

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Adds rows up the way the indicator says: a sum, or a mean weighted by `weight` over valid values. */
/** The least checked of the rows' tiers (a mean of validated and provisional values is provisional). */
export function weakestTier(tiers: (DataTier | null | undefined)[]): DataTier | null {
  const ranks = tiers.filter((t) => t !== null && t !== undefined).map((t) => dataTiers.indexOf(t));
  return ranks.length ? dataTiers[Math.min(...ranks)]! : null;
}

function combine({ rollup, disclosure }: Rules, rows: SourceRow[]): Pick<Cell, "value" | "weight" | "units" | "coverage" | "tier"> {
  const valid = rows.filter((r) => r.value !== null);
  const weight = valid.reduce((s, r) => s + r.weight, 0);
  const units = disclosure ? rows.reduce((s, r) => s + (r.units ?? 0), 0) : null;
  const coverage = rows.length ? Math.round((rows.reduce((s, r) => s + r.coverage, 0) / rows.length) * 10_000) / 10_000 : 0;
  let value: number | null = null;
  if (valid.length && rollup === "sum") value = round2(valid.reduce((s, r) => s + (r.value as number), 0));
  if (valid.length && rollup === "weighted-mean" && weight > 0) value = round2(valid.reduce((s, r) => s + (r.value as number) * r.weight, 0) / weight);
  return { value, weight, units, coverage, tier: weakestTier(valid.map((r) => r.tier)) };
}

type Rules = Pick<IndicatorDefinition, "grain" | "rollup" | "lowestLevel" | "disclosure">;

export function rollUp(indicator: Rules, rows: SourceRow[], areas: AreaHierarchy): Cell[] {
  const city = areas.municipality;
  const cell = (
    code: string,
    name: string,
    level: CellLevel,
    parent: string | null,
    period: string,
    values: Pick<Cell, "value" | "weight" | "units" | "coverage" | "tier">,
  ): Cell => ({
    areaCode: code,
    areaName: name,
    level,
    parent,
    period,
    value: values.value,
    weight: values.weight,
    units: values.units,
    coverage: values.coverage,
    tier: values.tier ?? null,
    suppressed: false,
  });
  const cells: Cell[] = [];

  if (indicator.grain === "gemeente" || indicator.grain === "all-levels") {
    for (const row of rows) {
      const code = row.areaCode ?? city.code;
      const node = areas.get(code);
      const level = node?.level ?? levelOfCode(code);
      if (!level) continue;
      cells.push(cell(code, node?.name ?? row.areaName ?? code, level, node?.parent ?? null, row.period, row));
    }
  } else {
    const byPeriod = groupBy(rows, (r) => r.period);
    for (const [period, periodRows] of byPeriod) {
      cells.push(cell(city.code, city.name, "gemeente", null, period, combine(indicator, periodRows)));
      if (indicator.grain === "station") {
        for (const row of periodRows) cells.push(cell(row.areaCode ?? "", row.areaName ?? row.areaCode ?? "", "station", city.code, period, row));
        continue;
      }
      const inBuurt = periodRows.filter((r) => r.areaCode !== null && areas.get(r.areaCode)?.level === "buurt");
      // A count from a register has no row where nothing happened: that buurt counted zero.
      if (indicator.rollup === "sum") inBuurt.push(...zeroRows(areas, inBuurt, period, indicator.disclosure !== null));
      for (const [wijkCode, wijkRows] of groupBy(inBuurt, (r) => areas.get(r.areaCode!)!.parent ?? "")) {
        const wijk = areas.get(wijkCode);
        if (wijk) cells.push(cell(wijk.code, wijk.name, "wijk", wijk.parent ?? city.code, period, combine(indicator, wijkRows)));
      }
      for (const row of inBuurt) {
        const buurt = areas.get(row.areaCode!)!;
        cells.push(cell(buurt.code, buurt.name, "buurt", buurt.parent, period, row));
      }
    }
  }
  return cells.filter((c) => c.level === "station" || isServedLevel(c.level, indicator.lowestLevel)).sort(byPeriodThenCode);
}

function zeroRows(areas: AreaHierarchy, rows: SourceRow[], period: string, counted: boolean): SourceRow[] {
  const present = new Set(rows.map((r) => r.areaCode));
  return areas
    .atLevel("buurt")
    .filter((buurt) => !present.has(buurt.code))
    .map((buurt) => ({ areaCode: buurt.code, areaName: buurt.name, period, value: 0, weight: 1, units: counted ? 0 : null, coverage: 1, tier: null }));
}

export function levelOfCode(code: string): AreaLevel | null {
  if (code.startsWith("GM")) return "gemeente";
  if (code.startsWith("WK")) return "wijk";
  if (code.startsWith("BU")) return "buurt";
  return null;
}

const byPeriodThenCode = (a: Cell, b: Cell) => a.period.localeCompare(b.period) || a.areaCode.localeCompare(b.areaCode);

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
