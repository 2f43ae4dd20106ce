/**
 * Recent means near a location beside the norms: one bar per station or sensor and pollutant, the
 * norms as ticks on the bar's row, drawn by the shared rule of norm-style.ts (EU limit values solid,
 * thick now and thin for 2030; the WHO guideline dotted in another colour). A "▲" marks only a
 * reference station's annual mean above a limit value (an exceedance); a "△" a mean above a limit
 * value that may not be tested against it (a recent period, a short series, a sensor). Above the
 * WHO guideline alone is no exceedance and gets no symbol: the dotted tick shows it. Read from a
 * symbol, not from colour. Pure: measurements in, a Plot element out; the dossier gives the same
 * values as tables.
 */
import { Plot } from "./plot.ts";
import type { NearbyMeasurement, RecentValue } from "../../../src/ground/contract/contract-dossier.ts";
import { orderFormulas } from "./hourly.ts";
import { formatFormula, formatNumber } from "../format.ts";
import type { Lang } from "../i18n.ts";
import { normStyle } from "./norm-style.ts";

/** "exceeds": an assessed mean above a limit value; "indicative": above one, but not assessable. */
export type RowMark = "exceeds" | "indicative" | null;

interface Row {
  key: string;
  name: string;
  formula: string;
  value: number;
  mark: RowMark;
}

interface Tick {
  key: string;
  value: number;
  normId: string;
}

/** Above a legal limit value (never the WHO guideline), and whether that is an exceedance or a comparison. */
export function limitMark(value: RecentValue): RowMark {
  if (!value.norms.some((check) => check.kind === "limit" && check.above)) return null;
  return value.reading === "assessment" ? "exceeds" : "indicative";
}

const symbols: Record<Exclude<RowMark, null>, string> = { exceeds: " ▲", indicative: " △" };

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
      rows.push({ key, name: measurement.name, formula, value: value.value, mark: limitMark(value) });
      for (const check of value.norms) ticks.push({ key, value: check.norm.value, normId: check.norm.id });
    }
  }
  return { rows, ticks };
}

export function normChart({ rows, ticks }: { rows: Row[]; ticks: Tick[] }, { width, lang }: { width: number; lang: Lang }): SVGSVGElement | HTMLElement {
  const format = (value: number) => formatNumber(value, lang);
  // One mark per distinct line, so each keeps its constant stroke-dasharray and its kind's class.
  const styles = [...new Set(ticks.map((tick) => normStyle(tick.normId)))];
  return Plot.plot({
    width,
    height: 40 + rows.length * 24,
    marginLeft: Math.min(260, 40 + 6.5 * Math.max(0, ...rows.map((row) => row.key.length))),
    marginRight: 56,
    style: { fontSize: "12px", fontFamily: "inherit" },
    x: { label: "µg/m³", grid: true, nice: true, tickFormat: format },
    y: { domain: rows.map((row) => row.key), label: null },
    marks: [
      Plot.barX(rows, {
        y: "key",
        x: "value",
        fill: (row: Row) => (row.mark === "exceeds" ? "#a11919" : "#0b6660"),
        fillOpacity: 0.8,
        insetTop: 4,
        insetBottom: 4,
      }),
      // A white halo under each tick keeps the limit's red visible on a red bar.
      Plot.tickX(ticks, { y: "key", x: "value", stroke: "#ffffff", strokeWidth: 5 }),
      ...styles.map((style) =>
        Plot.tickX(
          ticks.filter((tick) => normStyle(tick.normId) === style),
          { y: "key", x: "value", stroke: style.stroke, strokeWidth: style.width, strokeDasharray: style.dash, className: `mm-norm-${style.kind}` },
        ),
      ),
      // Plot's fontWeight is constant per mark, so exceedances get a mark of their own.
      ...[false, true].map((exceeds) =>
        Plot.text(
          rows.filter((row) => (row.mark === "exceeds") === exceeds),
          {
            y: "key",
            x: "value",
            text: (row: Row) => `${format(row.value)}${row.mark ? symbols[row.mark] : ""}`,
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
