/**
 * The figures an area is compared on: for a count the rate (complaints per 1,000 inhabitants), so a
 * large wijk doesn't rank worst for being large; for shares, averages and concentrations the value
 * itself. Pure, so the map, the ranking and the area profile agree and tests can pin them.
 */
import type { StatusCode } from "../../src/ground/contract/contract.ts";
import type { AreaValue, AreaValues } from "../../src/ground/contract/contract-areas.ts";
import type { Lang } from "./i18n.ts";
import { formatNumber, formatUnit, formatValue } from "./format.ts";

/** What the map colours areas by. */
export type ColourBy = "value" | "status";
export const colourByOptions: readonly ColourBy[] = ["value", "status"];

/** Worst first: what needs attention leads a sort by status. */
export const statusSeverity: Readonly<Record<StatusCode, number>> = {
  "off-track": 0,
  "at-risk": 1,
  "on-track": 2,
  achieved: 3,
  "no-data": 4,
};

/** The value an area is compared on: its rate when the indicator is compared as a rate, else its value. */
export function comparedValue(area: Pick<AreaValue, "value" | "rate">, rated: boolean): number | null {
  return rated ? area.rate : area.value;
}

/**
 * A rate has too few units for the indicator's decimals (0,81 klachten per 1.000 inwoners would
 * read "1"): two decimals at most, trailing zeros dropped.
 */
export function formatRate(value: number, language: Lang, { signed = false } = {}): string {
  return formatNumber(value, language, { digits: 2, signed });
}

/** How the areas of one indicator are compared: by rate (with its label) or in the indicator's unit. */
export interface Comparison {
  rated: boolean;
  /** The number as shown, without the unit. */
  format: (value: number, options?: { signed?: boolean }) => string;
  /** The unit in the UI language: the rate's label ("klachten per 1.000 inwoners") or the indicator's unit. */
  unit: (value?: number) => string;
}

export function comparisonFor(values: Pick<AreaValues, "unit" | "rate">, language: Lang): Comparison {
  return comparisonOf(values.unit, values.rate ? values.rate.label[language] : null, language);
}

/** The same for one indicator of the area profile, which carries its rate's label itself. */
export function comparisonOf(unit: string, rateLabel: string | null, language: Lang): Comparison {
  if (rateLabel !== null) {
    return { rated: true, format: (value, { signed = false } = {}) => formatRate(value, language, { signed }), unit: () => rateLabel };
  }
  return {
    rated: false,
    format: (value, { signed = false } = {}) => formatValue(value, unit, language, { signed }),
    unit: (value) => formatUnit(unit, language, value),
  };
}

/**
 * A gap as a share of the target, so indicators of different units can be sorted together; null
 * without a gap, and the gap itself when the target is 0 (any gap is then the whole distance).
 */
export function relativeGap(gap: number | null, target: number | null): number | null {
  if (gap === null || target === null) return null;
  return target === 0 ? gap : gap / Math.abs(target);
}

export interface ThemeGroup<T> {
  id: string;
  name: string;
  indicators: T[];
}

/**
 * Indicators per theme, in the order of `themes` (the policy plan's); indicators keep their order
 * within a theme, and a theme missing from the list comes last under `other`.
 */
export function groupByTheme<T extends { themeId: string }>(
  indicators: readonly T[],
  themes: readonly { id: string; name: string }[],
  other: string,
): ThemeGroup<T>[] {
  const order = new Map(themes.map((theme, index) => [theme.id, index]));
  const groups = new Map<string, ThemeGroup<T>>();
  for (const indicator of indicators) {
    let group = groups.get(indicator.themeId);
    if (!group) {
      group = { id: indicator.themeId, name: themes.find((theme) => theme.id === indicator.themeId)?.name ?? other, indicators: [] };
      groups.set(indicator.themeId, group);
    }
    group.indicators.push(indicator);
  }
  return [...groups.values()].sort((a, b) => (order.get(a.id) ?? themes.length) - (order.get(b.id) ?? themes.length));
}
