/**
 * Yearly trend of one indicator: a line per area, the target as a dashed rule and each norm as a
 * dotted rule. Pure: data and options in, a Plot element out.
 */
import * as Plot from "@observablehq/plot";
import type { Norm, SeriesPoint, Target } from "../../../server/api/contract.ts";
import { formatNumber, periodYear } from "../format.ts";
import { pick, translate, type Lang } from "../i18n.ts";

export interface TrendOptions {
  width: number;
  unit: string;
  target: Target | null;
  norms: readonly Norm[];
  lang: Lang;
  /** The area drawn bold (e.g. the municipal mean among stations); every other area is drawn thin. */
  highlight?: string;
  height?: number;
}

interface TrendRow {
  year: number;
  value: number | null;
  area: string;
  code: string;
}

const ink = "#1f2a2e";
const targetColour = "#0b6660";
const normColour = "#a11919";

function toRows(points: readonly SeriesPoint[]): TrendRow[] {
  return points
    .map((p) => ({ year: periodYear(p.period), value: p.value, area: p.areaName, code: p.areaCode }))
    .filter((row) => Number.isFinite(row.year))
    .sort((a, b) => a.year - b.year);
}

function xDomain(rows: readonly TrendRow[], target: Target | null): [number, number] | undefined {
  if (rows.length === 0) return undefined;
  const first = rows[0]?.year ?? 0;
  // Stretching to the deadline shows how far the series still has to go.
  const last = Math.max(rows[rows.length - 1]?.year ?? first, target?.deadline ?? first);
  return first === last ? [first - 1, last + 1] : [first, last];
}

export function trendChart(
  points: readonly SeriesPoint[],
  { width, unit, target, norms, lang, highlight, height = 260 }: TrendOptions,
): SVGSVGElement | HTMLElement {
  const rows = toRows(points);
  const bold = highlight === undefined ? rows : rows.filter((row) => row.code === highlight);
  const thin = highlight === undefined ? [] : rows.filter((row) => row.code !== highlight);
  const domain = xDomain(rows, target);
  const span = domain ? domain[1] - domain[0] : 0;
  const format = (value: number) => formatNumber(value, lang);
  const title = (row: TrendRow) => `${row.area}: ${row.value === null ? "–" : format(row.value)} ${unit} (${row.year})`;

  const marks: Plot.Markish[] = [
    Plot.ruleY(norms, { y: "value", stroke: normColour, strokeDasharray: "2 3" }),
    Plot.text(norms, {
      y: "value",
      text: (norm: Norm) => `${pick(norm.label, lang)} (${format(norm.value)})`,
      frameAnchor: "left",
      textAnchor: "start",
      dy: -7,
      fill: normColour,
    }),
  ];
  if (target) {
    marks.push(
      Plot.ruleY([target.value], { stroke: targetColour, strokeDasharray: "6 4", strokeWidth: 1.5 }),
      Plot.text([target.value], {
        y: (value: number) => value,
        text: () => `${translate(lang, "chart.target")} ${format(target.value)} (${target.deadline})`,
        frameAnchor: "right",
        textAnchor: "end",
        dy: -7,
        fill: targetColour,
        fontWeight: 600,
      }),
    );
  }
  if (thin.length > 0) {
    marks.push(
      Plot.lineY(thin, { x: "year", y: "value", z: "code", stroke: "area", strokeWidth: 1.25, strokeOpacity: 0.85 }),
      Plot.dot(thin, { x: "year", y: "value", fill: "area", r: 2, title, tip: true }),
    );
  }
  marks.push(
    Plot.lineY(bold, { x: "year", y: "value", z: "code", stroke: ink, strokeWidth: 3 }),
    Plot.dot(bold, { x: "year", y: "value", fill: ink, r: 3.5, title, tip: true }),
  );
  if (thin.length > 0) {
    // The thin lines have a colour legend; the bold one is named where it ends instead.
    const lastKnown = bold.filter((row) => row.value !== null).slice(-1);
    marks.push(Plot.text(lastKnown, { x: "year", y: "value", text: "area", dx: 6, dy: -8, textAnchor: "start", fill: ink, fontWeight: 600 }));
  }

  return Plot.plot({
    width,
    height,
    marginLeft: 48,
    marginRight: highlight === undefined ? 16 : 72,
    style: { fontSize: "12px", fontFamily: "inherit" },
    x: {
      label: null,
      domain,
      tickFormat: "d",
      ...(domain && span <= 12 ? { ticks: Array.from({ length: span + 1 }, (_, i) => domain[0] + i) } : {}),
    },
    y: { label: unit, grid: true, zero: rows.every((row) => row.value === null || row.value >= 0), tickFormat: format },
    color: thin.length > 0 ? { legend: true, type: "categorical" } : undefined,
    marks,
  });
}

export interface TrendSummaryOptions {
  name: string;
  unit: string;
  lang: Lang;
  /** The area the sentence is about; defaults to the first area in the series. */
  highlight?: string;
}

/**
 * One sentence describing the series, for screen readers and as the chart caption.
 * @example "NO2 jaargemiddelde daalde van 31,2 (2022) naar 27,9 µg/m³ (2025)"
 */
export function trendSummary(points: readonly SeriesPoint[], { name, unit, lang, highlight }: TrendSummaryOptions): string {
  const code = highlight ?? points[0]?.areaCode;
  const known = points
    .filter((p) => p.areaCode === code && p.value !== null)
    .sort((a, b) => periodYear(a.period) - periodYear(b.period) || a.period.localeCompare(b.period));
  const first = known[0];
  const last = known[known.length - 1];
  if (!first || !last || first.value === null || last.value === null) return translate(lang, "chart.none", { name });

  const params = {
    name,
    unit,
    from: formatNumber(first.value, lang),
    to: formatNumber(last.value, lang),
    fromPeriod: first.period,
    toPeriod: last.period,
  };
  if (first === last) return translate(lang, "chart.single", params);
  // Compare what the reader sees, so "daalde van 27,9 naar 27,9" can't happen.
  if (params.from === params.to) return translate(lang, "chart.same", params);
  return translate(lang, last.value < first.value ? "chart.fell" : "chart.rose", params);
}
