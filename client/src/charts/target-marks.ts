/**
 * The marks that put a series in the light of its target: the straight path from baseline to target,
 * the target itself, and the trend forecast's band up to the deadline. Shared by every trend chart,
 * so the overview's report and the indicator page draw the target the same way.
 */
import { Plot, type PlotTypes } from "./plot.ts";
import type { ForecastPoint, Target } from "../../../src/ground/contract/contract.ts";
import { translate, type Lang } from "../i18n.ts";

export const chartColours = {
  ink: "#1f2a2e",
  target: "#0b6660",
  norm: "#a11919",
  band: "#5b7fa6",
} as const;

/** The plan's trajectory (baseline → target) as a dashed line, and the target as a labelled diamond. */
export function targetMarks(target: Target, lang: Lang, format: (value: number) => string): PlotTypes.Markish[] {
  const path = [
    { year: target.baselineYear, value: target.baselineValue },
    { year: target.deadline, value: target.value },
  ];
  return [
    Plot.lineY(path, { x: "year", y: "value", stroke: chartColours.target, strokeDasharray: "6 4", strokeWidth: 1.5, className: "mm-trajectory" }),
    Plot.dot([target], { x: "deadline", y: "value", symbol: "diamond", r: 6, fill: chartColours.target, stroke: "#fff", className: "mm-target" }),
    Plot.text([target], {
      x: "deadline",
      y: "value",
      text: () => `${translate(lang, "chart.target")} ${format(target.value)} (${target.deadline})`,
      textAnchor: "end",
      dx: -9,
      dy: -11,
      fill: chartColours.target,
      fontWeight: 600,
      stroke: "#fff",
      strokeWidth: 3,
      paintOrder: "stroke",
    }),
  ];
}

/** The 80 % forecast interval as a shaded band, the forecast itself as a dashed line. */
export function forecastMarks(path: readonly ForecastPoint[]): PlotTypes.Markish[] {
  if (path.length === 0) return [];
  return [
    Plot.areaY(path, { x: "year", y1: "low", y2: "high", fill: chartColours.band, fillOpacity: 0.28, className: "mm-forecast-band" }),
    Plot.lineY(path, { x: "year", y: "value", stroke: chartColours.band, strokeWidth: 2, strokeDasharray: "3 3", className: "mm-forecast" }),
  ];
}

/** Years a trend chart must cover: the series, the baseline, the deadline and the forecast. */
export function yearsToShow(seriesYears: readonly number[], target: Target | null, forecast: readonly ForecastPoint[]): [number, number] | undefined {
  const years = [...seriesYears, ...forecast.map((point) => point.year)];
  if (target) years.push(target.baselineYear, target.deadline);
  if (seriesYears.length === 0) return undefined;
  const first = Math.min(...years);
  const last = Math.max(...years);
  return first === last ? [first - 1, last + 1] : [first, last];
}
