/**
 * Yearly trend of one indicator: a line per area, the path from baseline to target with the target
 * point, the forecast band up to the deadline, and each norm as a rule: EU limit values solid, the WHO
 * guideline dotted (norm-style.ts). Pure: data and options in, a Plot element out.
 */
import { Plot, type PlotTypes } from "./plot.ts";
import type { ForecastPoint, Norm, SeriesPoint, Target } from "../../../src/ground/contract/contract.ts";
import { formatNumber, formatQuantity, formatUnit, formatValue, periodYear } from "../format.ts";
import { pick, translate, type Lang } from "../i18n.ts";
import type { ProvenanceNote } from "../../../src/ground/contract/contract-annotations.ts";
import { annotationMarks, yearOf } from "./annotation-marks.ts";
import { normStyle } from "./norm-style.ts";
import { chartColours, forecastMarks, targetMarks, yearsToShow } from "./target-marks.ts";

export interface TrendOptions {
  width: number;
  unit: string;
  target: Target | null;
  norms: readonly Norm[];
  lang: Lang;
  /** The area drawn bold (e.g. the municipality among stations or a chosen district); every other area is drawn thin. */
  highlight?: string;
  /** The status's forecast per year from the latest value to the deadline. */
  forecast?: readonly ForecastPoint[];
  height?: number;
  /** Notes on the data: a rule (or band) at their year, numbered in this order. */
  annotations?: readonly ProvenanceNote[];
}

interface TrendRow {
  year: number;
  value: number | null;
  area: string;
  code: string;
}

const { ink } = chartColours;

function toRows(points: readonly SeriesPoint[]): TrendRow[] {
  return points
    .map((p) => ({ year: periodYear(p.period), value: p.value, area: p.areaName, code: p.areaCode }))
    .filter((row) => Number.isFinite(row.year))
    .sort((a, b) => a.year - b.year);
}

export function trendChart(
  points: readonly SeriesPoint[],
  { width, unit, target, norms, lang, highlight, forecast = [], height = 260, annotations = [] }: TrendOptions,
): SVGSVGElement | HTMLElement {
  const rows = toRows(points);
  const bold = highlight === undefined ? rows : rows.filter((row) => row.code === highlight);
  const thin = highlight === undefined ? [] : rows.filter((row) => row.code !== highlight);
  const domain = yearsToShow(
    rows.map((row) => row.year),
    target,
    forecast,
  );
  const span = domain ? domain[1] - domain[0] : 0;
  // Axis ticks keep the general rule (a tick between two whole counts still needs its tenth); values get their unit's.
  const format = (value: number) => formatNumber(value, lang);
  const title = (row: TrendRow) => `${row.area}: ${row.value === null ? "–" : formatQuantity(row.value, unit, lang)} (${row.year})`;

  const marks: PlotTypes.Markish[] = [
    ...forecastMarks(forecast),
    // One mark per norm, so each rule carries its kind's class and constant stroke-dasharray (norm-style.ts).
    ...norms.map((norm) => {
      const style = normStyle(norm.id);
      return Plot.ruleY([norm], {
        y: "value",
        stroke: style.stroke,
        strokeWidth: style.width,
        strokeDasharray: style.dash,
        className: `mm-norm-${style.kind}`,
      });
    }),
    Plot.text(norms, {
      y: "value",
      text: (norm: Norm) => `${pick(norm.label, lang)} (${format(norm.value)})`,
      frameAnchor: "left",
      textAnchor: "start",
      dy: -7,
      fill: (norm: Norm) => normStyle(norm.id).stroke,
    }),
    ...(target ? targetMarks(target, lang, format) : []),
    ...(domain ? annotationMarks(annotations, yearOf, domain) : []),
  ];
  if (thin.length > 0) {
    marks.push(
      Plot.lineY(thin, { x: "year", y: "value", z: "code", stroke: "area", strokeWidth: 1.75, strokeOpacity: 0.9 }),
      Plot.dot(thin, { x: "year", y: "value", fill: "area", r: 2.5, title, tip: true }),
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
      // Every year when they fit (about 40 px each), else Plot's round steps.
      ...(domain && span <= 12 && width >= 40 * (span + 1)
        ? { ticks: Array.from({ length: span + 1 }, (_, i) => domain[0] + i) }
        : { ticks: Math.max(2, Math.floor(width / 80)) }),
    },
    // No forced zero: the gap between the forecast and the target is the message, and lines don't need a baseline.
    y: { label: formatUnit(unit, lang), grid: true, nice: true, tickFormat: format },
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
    unit: formatUnit(unit, lang, last.value),
    from: formatValue(first.value, unit, lang),
    to: formatValue(last.value, unit, lang),
    fromPeriod: first.period,
    toPeriod: last.period,
  };
  if (first === last) return translate(lang, "chart.single", params);
  // Compare what the reader sees, so "daalde van 27,9 naar 27,9" can't happen.
  if (params.from === params.to) return translate(lang, "chart.same", params);
  return translate(lang, last.value < first.value ? "chart.fell" : "chart.rose", params);
}
