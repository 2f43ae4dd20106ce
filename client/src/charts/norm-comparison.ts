/**
 * Recent means near a location against the norms: one bar per station or sensor and pollutant, the
 * norms as ticks on the bar's row (EU now solid, EU 2030 dashed, WHO dotted), and a "▲" after every
 * value above a norm, so exceedance is read from a symbol, not from colour. Pure: measurements in, a
 * Plot element out; the dossier gives the same values as tables.
 */
import * as Plot from "@observablehq/plot";
import type { NearbyMeasurement, RecentValue } from "../../../src/ground/contract/contract-dossier.ts";
import { orderFormulas } from "./hourly.ts";
import { formatFormula, formatNumber } from "../format.ts";
import type { Lang } from "../i18n.ts";

export type NormFamily = "eu" | "eu2030" | "who";

interface Row {
  key: string;
  name: string;
  formula: string;
  value: number;
  exceeds: boolean;
}

interface Tick {
  key: string;
  value: number;
  family: NormFamily;
}

export const normStyles: Record<NormFamily, { dash: string; width: number }> = {
  eu: { dash: "none", width: 2.5 },
  eu2030: { dash: "5 3", width: 2 },
  who: { dash: "1.5 2.5", width: 2 },
};

export function normFamily(normId: string): NormFamily {
  if (normId.startsWith("who")) return "who";
  return normId.startsWith("eu-2030") ? "eu2030" : "eu";
}

export const exceedsAny = (value: RecentValue) => value.norms.some((check) => check.exceeds);

/** The rows of one averaging window, pollutant by pollutant, nearest first within each. */
export function normRows(nearby: readonly NearbyMeasurement[], window: RecentValue["window"], lang: Lang): { rows: Row[]; ticks: Tick[] } {
  const rows: Row[] = [];
  const ticks: Tick[] = [];
  const sorted = [...nearby].sort((a, b) => a.distanceM - b.distanceM);
  const formulas = orderFormulas(sorted.flatMap((m) => m.values.map((v) => v.formula)));
  for (const formula of formulas) {
    for (const measurement of sorted) {
      const value = measurement.values.find((v) => v.formula === formula && v.window === window);
      if (!value || value.value === null) continue;
      const key = `${formatFormula(formula, lang)} · ${measurement.name}`;
      rows.push({ key, name: measurement.name, formula, value: value.value, exceeds: exceedsAny(value) });
      for (const check of value.norms) ticks.push({ key, value: check.norm.value, family: normFamily(check.norm.id) });
    }
  }
  return { rows, ticks };
}

export function normChart({ rows, ticks }: { rows: Row[]; ticks: Tick[] }, { width, lang }: { width: number; lang: Lang }): SVGSVGElement | HTMLElement {
  const format = (value: number) => formatNumber(value, lang);
  const families = (Object.keys(normStyles) as NormFamily[]).filter((family) => ticks.some((tick) => tick.family === family));
  return Plot.plot({
    width,
    height: 40 + rows.length * 24,
    marginLeft: Math.min(260, 40 + 6.5 * Math.max(0, ...rows.map((row) => row.key.length))),
    marginRight: 56,
    style: { fontSize: "12px", fontFamily: "inherit" },
    x: { label: "µg/m³", grid: true, nice: true, tickFormat: format },
    y: { domain: rows.map((row) => row.key), label: null },
    marks: [
      Plot.barX(rows, { y: "key", x: "value", fill: (row: Row) => (row.exceeds ? "#a11919" : "#0b6660"), fillOpacity: 0.8, insetTop: 4, insetBottom: 4 }),
      ...families.map((family) =>
        Plot.tickX(
          ticks.filter((tick) => tick.family === family),
          { y: "key", x: "value", stroke: "#1f2a2e", strokeWidth: normStyles[family].width, strokeDasharray: normStyles[family].dash },
        ),
      ),
      // Plot's fontWeight is constant per mark, so values above a norm get a mark of their own.
      ...[false, true].map((exceeds) =>
        Plot.text(
          rows.filter((row) => row.exceeds === exceeds),
          {
            y: "key",
            x: "value",
            text: (row: Row) => `${format(row.value)}${exceeds ? " ▲" : ""}`,
            textAnchor: "start",
            dx: 4,
            fontWeight: exceeds ? "bold" : "normal",
          },
        ),
      ),
      Plot.ruleX([0]),
    ],
  });
}
