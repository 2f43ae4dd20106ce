/**
 * The parts a municipal total adds up from (CO₂ by sector, renewable energy by source), stacked per
 * year, with a legend. Okabe–Ito colours, which stay apart for the common kinds of colour blindness.
 * Pure: points and options in, a Plot element out.
 */
import { Plot } from "./plot.ts";
import type { IndicatorParts } from "../../../src/ground/contract/contract-why.ts";
import { formatValue } from "../format.ts";
import { pick, type Lang } from "../i18n.ts";

type PartPoint = IndicatorParts["points"][number];

/** Okabe & Ito (2008), without black (the ink of axes and text). */
export const partColours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"] as const;

/** The parts' names in a stable order: the largest in the latest period at the bottom of the stack. */
export function partOrder(points: readonly PartPoint[], lang: Lang): string[] {
  const latest = points.reduce((max, p) => (p.period > max ? p.period : max), "");
  const names = [...new Set(points.map((p) => pick(p.name, lang)))];
  const valueOf = (name: string) => points.find((p) => p.period === latest && pick(p.name, lang) === name)?.value ?? 0;
  return names.sort((a, b) => valueOf(b) - valueOf(a));
}

export function stackedPartsChart(
  points: readonly PartPoint[],
  { width, unit, lang }: { width: number; unit: string; lang: Lang },
): SVGSVGElement | HTMLElement {
  const order = partOrder(points, lang);
  const name = (p: PartPoint) => pick(p.name, lang);
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 48,
    style: { fontSize: "12px", fontFamily: "inherit" },
    x: { type: "band", label: null, tickFormat: (period: string) => (width < 480 && Number(period) % 2 === 1 ? "" : period) },
    y: { label: unit, grid: true, tickFormat: (v: number) => formatValue(v, unit, lang) },
    color: { domain: order, range: partColours.slice(0, Math.max(order.length, 1)), legend: true },
    marks: [
      Plot.barY(points, {
        x: "period",
        y: "value",
        fill: name,
        order,
        title: (p: PartPoint) => `${p.period} · ${name(p)}: ${formatValue(p.value, unit, lang)} ${unit}`,
      }),
      Plot.ruleY([0]),
    ],
  });
}
