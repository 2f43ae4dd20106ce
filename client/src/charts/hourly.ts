/**
 * Hourly concentrations at one station, one panel per pollutant, with the EU 24-hour values as
 * rules drawn by the shared norm rule (norm-style.ts). Pure: rows and options in, a Plot element out; plus the text and table alternatives.
 */
import { Plot } from "./plot.ts";
import type { Norm, StationDetail } from "../../../src/ground/contract/contract.ts";
import { dutchDayKey, formatDateTime, formatDay, formatFormula, formatNumber } from "../format.ts";
import { pick, translate, type Lang } from "../i18n.ts";
import type { ProvenanceNote } from "../../../src/ground/contract/contract-annotations.ts";
import { annotationMarks } from "./annotation-marks.ts";
import { normStyle } from "./norm-style.ts";

export type HourlyRow = StationDetail["hourly"][number];
export interface FormulaNorm {
  formula: string;
  norm: Norm;
}

interface PlotRow {
  time: Date;
  formula: string;
  value: number | null;
}

const hourMs = 3_600_000;
const formulaOrder = ["NO2", "PM10", "PM25", "O3"];

export function orderFormulas(formulas: Iterable<string>): string[] {
  const rank = (f: string) => (formulaOrder.includes(f) ? formulaOrder.indexOf(f) : formulaOrder.length);
  return [...new Set(formulas)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

// Map.groupBy is ES2024; browsers from early 2024 lack it, so group by hand.
function groupByFormula(rows: readonly HourlyRow[]): Map<string, HourlyRow[]> {
  const groups = new Map<string, HourlyRow[]>();
  for (const row of rows) {
    const group = groups.get(row.formula);
    if (group) group.push(row);
    else groups.set(row.formula, [row]);
  }
  return groups;
}

/** A missing hour becomes a null, so Plot breaks the line instead of drawing across the gap. */
function withGaps(rows: readonly HourlyRow[]): PlotRow[] {
  const out: PlotRow[] = [];
  const byFormula = groupByFormula(rows);
  for (const [formula, group] of byFormula) {
    const sorted = group.map((row) => ({ time: new Date(row.time), formula, value: row.value }));
    sorted.sort((a, b) => a.time.getTime() - b.time.getTime());
    sorted.forEach((row, i) => {
      const previous = sorted[i - 1];
      if (previous && row.time.getTime() - previous.time.getTime() > hourMs * 1.5) {
        out.push({ time: new Date(previous.time.getTime() + hourMs), formula, value: null });
      }
      out.push(row);
    });
  }
  return out;
}

export function hourlyChart(
  rows: readonly HourlyRow[],
  { width, norms, lang, annotations = [] }: { width: number; norms: readonly FormulaNorm[]; lang: Lang; annotations?: readonly ProvenanceNote[] },
): SVGSVGElement | HTMLElement {
  const data = withGaps(rows);
  const times = data.map((row) => row.time.getTime());
  // A note's day from midnight to midnight (UTC); only those within the hours shown.
  const notes =
    times.length > 0
      ? annotationMarks(annotations, (day, end) => new Date(Date.parse(`${day}T00:00:00Z`) + (end ? 86_400_000 : 0)), [
          new Date(Math.min(...times)),
          new Date(Math.max(...times)),
        ])
      : [];
  const formulas = orderFormulas(rows.map((row) => row.formula));
  const format = (value: number) => formatNumber(value, lang);
  const shown = norms.filter((n) => formulas.includes(n.formula));

  return Plot.plot({
    width,
    height: 60 + 150 * Math.max(1, formulas.length),
    marginLeft: 48,
    marginRight: 64,
    style: { fontSize: "12px", fontFamily: "inherit" },
    x: { type: "time", label: null, tickFormat: (d: Date) => formatDay(d, lang), ticks: Math.max(2, Math.floor(width / 110)) },
    y: { label: "µg/m³", grid: true, zero: true, tickFormat: format },
    fy: { label: null, domain: formulas, tickFormat: (f: string) => formatFormula(f, lang) },
    color: { domain: formulas, scheme: "tableau10" },
    marks: [
      Plot.frame({ stroke: "#d5dcdb" }),
      ...notes,
      // One mark per norm, drawn by the shared rule (norm-style.ts): law solid, advice dotted.
      ...shown.map((n) => {
        const style = normStyle(n.norm.id);
        return Plot.ruleY([n], {
          y: (row: FormulaNorm) => row.norm.value,
          fy: "formula",
          stroke: style.stroke,
          strokeWidth: style.width,
          strokeDasharray: style.dash,
          className: `mm-norm-${style.kind}`,
        });
      }),
      Plot.text(shown, {
        y: (n: FormulaNorm) => n.norm.value,
        fy: "formula",
        text: (n: FormulaNorm) => `${pick(n.norm.label, lang)} (${format(n.norm.value)})`,
        frameAnchor: "left",
        textAnchor: "start",
        dx: 4,
        dy: -7,
        fill: (n: FormulaNorm) => normStyle(n.norm.id).stroke,
      }),
      Plot.lineY(data, { x: "time", y: "value", fy: "formula", stroke: "formula", strokeWidth: 1.25 }),
      Plot.tip(
        data,
        Plot.pointerX({
          x: "time",
          y: "value",
          fy: "formula",
          title: (row: PlotRow) =>
            `${formatFormula(row.formula, lang)} ${row.value === null ? "–" : format(row.value)} µg/m³\n${formatDateTime(row.time, lang)}`,
        }),
      ),
    ],
  });
}

/** One sentence per pollutant: count, mean and the highest hour (in Dutch time). */
export function hourlySummary(rows: readonly HourlyRow[], lang: Lang): string[] {
  const byFormula = groupByFormula(rows);
  return orderFormulas(byFormula.keys()).flatMap((formula) => {
    const group = byFormula.get(formula) ?? [];
    const highest = group.reduce<HourlyRow | undefined>((max, row) => (!max || row.value > max.value ? row : max), undefined);
    if (!highest) return [];
    const mean = group.reduce((sum, row) => sum + row.value, 0) / group.length;
    return [
      translate(lang, "station.hourlySummary", {
        formula: formatFormula(formula, lang),
        count: group.length,
        mean: formatNumber(mean, lang),
        max: formatNumber(highest.value, lang),
        time: formatDateTime(highest.time, lang),
      }),
    ];
  });
}

export interface DailyMeans {
  formulas: string[];
  days: Array<{ key: string; label: string; means: Map<string, number> }>;
}

/** Daily means per pollutant over Dutch calendar days: the table alternative of the hourly chart. */
export function dailyMeans(rows: readonly HourlyRow[], lang: Lang): DailyMeans {
  const formulas = orderFormulas(rows.map((row) => row.formula));
  const sums = new Map<string, { first: Date; totals: Map<string, { sum: number; count: number }> }>();
  for (const row of rows) {
    const time = new Date(row.time);
    const key = dutchDayKey(time);
    const day = sums.get(key) ?? { first: time, totals: new Map() };
    const total = day.totals.get(row.formula) ?? { sum: 0, count: 0 };
    total.sum += row.value;
    total.count += 1;
    day.totals.set(row.formula, total);
    sums.set(key, day);
  }
  const days = [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, day]) => ({
      key,
      label: formatDay(day.first, lang),
      means: new Map([...day.totals].map(([formula, t]) => [formula, t.sum / t.count])),
    }));
  return { formulas, days };
}
