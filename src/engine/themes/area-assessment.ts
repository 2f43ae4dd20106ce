/**
 * Every area of one level against the target, by the same published rule as the municipality
 * (status.ts): each area's own series, up to the period shown, against the target as it applies per
 * area. Shares, averages and concentrations are held to the city's target as it is; a count (an
 * indicator with a `rate`) is compared as a rate, and its target becomes the city's target over the
 * city's denominator in the same years. Works on cells after disclosure control: what is suppressed
 * has no value, so no rate, status or rank either.
 */
import type { AreaLevel, OffTrackArea, Target } from "../../ground/contract/contract.ts";
import type { AreaStatus, AreaTarget, AreaValue, AreaValues } from "../../ground/contract/contract-areas.ts";
import type { AreaHierarchy } from "./area-hierarchy.ts";
import { compareAreas } from "./area-comparison.ts";
import { rateOf, type AreaRate } from "./area-rates.ts";
import type { IndicatorDefinition } from "./define-theme.ts";
import type { Cell } from "./rollup.ts";
import { assessStatus } from "./status.ts";

export interface AreaAssessmentInput {
  indicator: Pick<IndicatorDefinition, "direction" | "rate">;
  /** All the indicator's cells (every level and period), after disclosure control. */
  cells: Cell[];
  level: AreaLevel;
  period: string | null;
  areas: AreaHierarchy;
  target: Target | null;
}

export type AreaAssessment = Pick<AreaValues, "city" | "rate" | "areaTarget" | "areas">;

const round2 = (x: number) => Math.round(x * 100) / 100;

const NO_VALUE: AreaStatus = { code: "no-data", reason: { nl: "Geen waarde voor dit gebied in deze periode.", en: "No value for this area in this period." } };
const SUPPRESSED: AreaStatus = {
  code: "no-data",
  reason: { nl: "De waarde is onderdrukt (kleine aantallen).", en: "The value is suppressed (small numbers)." },
};

/** How far a value still is from the target in the indicator's direction: 0 once it is met. */
export function gapToTarget(value: number | null, target: number | null, direction: "lower" | "higher"): number | null {
  if (value === null || target === null) return null;
  return round2(Math.max(0, direction === "lower" ? value - target : target - value));
}

/**
 * The target each area is held to. For a rate: the target and the baseline over the city's
 * denominator of their years (the deadline's or the latest before it, the baseline year's); null
 * when CBS has no denominator for the city.
 */
export function areaTargetOf(target: Target | null, indicator: AreaAssessmentInput["indicator"], areas: AreaHierarchy): AreaTarget | null {
  if (!target) return null;
  if (!indicator.rate) return { ...target, basis: "same" };
  const city = areas.municipality.code;
  const at = (value: number, year: number) => rateOf(value, city, String(year), indicator.rate!, areas).rate;
  const value = at(target.value, target.deadline);
  const baselineValue = at(target.baselineValue, target.baselineYear) ?? value;
  if (value === null || baselineValue === null) return null;
  return { ...target, value, baselineValue, basis: "rate" };
}

export function assessAreas({ indicator, cells, level, period, areas, target }: AreaAssessmentInput): AreaAssessment {
  const basis = indicator.rate ?? null;
  const rated = (cell: Cell): AreaRate =>
    basis ? rateOf(cell.value, cell.areaCode, cell.period, basis, areas) : { rate: null, denominator: null, smallArea: false };
  const compared = (cell: Cell, rate: AreaRate) => (basis ? rate.rate : cell.value);
  const areaTarget = areaTargetOf(target, indicator, areas);

  const cityCell = cells.find((c) => c.level === "gemeente" && c.areaCode === areas.municipality.code && c.period === period);
  const cityRate = cityCell ? rated(cityCell).rate : null;
  const city = {
    areaCode: areas.municipality.code,
    areaName: areas.municipality.name,
    value: cityCell?.value ?? null,
    suppressed: cityCell?.suppressed ?? false,
    rate: cityRate,
  };

  const atLevel = cells.filter((c) => c.level === level);
  const shown = atLevel.filter((c) => c.period === period);
  const rates = shown.map(rated);
  const comparison = compareAreas(
    shown.map((cell, i) => ({ areaCode: cell.areaCode, compared: compared(cell, rates[i]!), ranked: !rates[i]!.smallArea })),
    basis ? cityRate : city.value,
    areas,
    indicator.direction,
  );

  const history = new Map<string, Cell[]>();
  for (const cell of atLevel) {
    if (period === null || cell.period > period) continue;
    const series = history.get(cell.areaCode);
    if (series) series.push(cell);
    else history.set(cell.areaCode, [cell]);
  }

  const values = shown.map((cell, i): AreaValue => {
    const rate = rates[i]!;
    const value = compared(cell, rate);
    let status: AreaStatus | null = null;
    let forecast: AreaValue["forecast"] = null;
    if (areaTarget) {
      if (value === null) status = cell.suppressed ? SUPPRESSED : NO_VALUE;
      else {
        const points = (history.get(cell.areaCode) ?? [])
          .map((c) => ({ year: Number(c.period), value: c === cell ? value : compared(c, rated(c)) }))
          .filter((p): p is { year: number; value: number } => p.value !== null)
          .sort((a, b) => a.year - b.year);
        const assessed = assessStatus({ points, direction: indicator.direction, target: areaTarget });
        status = { code: assessed.code, reason: assessed.reason };
        forecast = assessed.forecast;
      }
    }
    return {
      areaCode: cell.areaCode,
      areaName: cell.areaName,
      level: cell.level as AreaValue["level"],
      parent: cell.parent,
      value: cell.value,
      suppressed: cell.suppressed,
      rate: rate.rate,
      rateUnit: basis?.rateUnit ?? null,
      denominator: rate.denominator,
      smallArea: rate.smallArea,
      ...comparison[i]!,
      status,
      gapToTarget: gapToTarget(value, areaTarget?.value ?? null, indicator.direction),
      forecast,
    };
  });
  return { city, rate: basis, areaTarget, areas: values };
}

/** The areas of one answer that are off track or at risk, with their gap as a share of the target. */
export function offTrackAreas(indicatorId: string, values: Pick<AreaValues, "areas" | "areaTarget">): OffTrackArea[] {
  const target = values.areaTarget;
  if (!target) return [];
  // A target of 0 (no complaints at all) has no share: the gap is taken against the baseline instead.
  const scale = Math.abs(target.value) || Math.abs(target.baselineValue) || 1;
  return values.areas.flatMap((area) => {
    const code = area.status?.code;
    if ((code !== "off-track" && code !== "at-risk") || area.gapToTarget === null) return [];
    return [
      {
        areaCode: area.areaCode,
        areaName: area.areaName,
        indicatorId,
        status: code,
        gapToTarget: area.gapToTarget,
        rateUnit: area.rateUnit,
        relativeGap: Math.round((area.gapToTarget / scale) * 1000) / 1000,
      },
    ];
  });
}

/** Off track before at risk, then the largest relative gap first; the first `count`. */
export function furthestOffTrack(areas: OffTrackArea[], count: number): OffTrackArea[] {
  const severity = (a: OffTrackArea) => (a.status === "off-track" ? 0 : 1);
  return [...areas].sort((a, b) => severity(a) - severity(b) || b.relativeGap - a.relativeGap || a.areaCode.localeCompare(b.areaCode)).slice(0, count);
}
