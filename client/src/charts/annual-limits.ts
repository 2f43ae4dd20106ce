/**
 * One pollutant's annual mean per station against its standards. Law and advice are drawn as two
 * kinds of line: the EU limit values solid (thick for the one in force, thin for 2030), the WHO
 * guideline dotted in another colour. Each line is labelled, and a bar above the 2030 value carries
 * "▲", so nothing is read from colour alone. Pure: rows and standards in, a Plot element out.
 */
import { Plot } from "./plot.ts";
import { formatNumber } from "../format.ts";
import type { Lang } from "../i18n.ts";
import { normStyle, type NormStyle } from "./norm-style.ts";

export interface AnnualRow {
  name: string;
  value: number;
  fails2030: boolean;
}

export interface StandardLine {
  id: "eu-current" | "eu-2030" | "who-2021";
  kind: "limit" | "guideline";
  value: number;
  label: string;
}

/** How each standard is drawn: the shared rule of every norm chart (norm-style.ts); the legend in views/air-compliance.ts draws the same. */
export const standardLineStyles: Record<StandardLine["id"], NormStyle> = {
  "eu-current": normStyle("eu-current"),
  "eu-2030": normStyle("eu-2030"),
  "who-2021": normStyle("who-2021"),
};

export function annualLimitsChart(rows: readonly AnnualRow[], standards: readonly StandardLine[], { width, lang }: { width: number; lang: Lang }) {
  const format = (value: number) => formatNumber(value, lang, { digits: 1 });
  const top = Math.max(...rows.map((r) => r.value), ...standards.map((s) => s.value)) * 1.1;
  return Plot.plot({
    width,
    height: 70 + rows.length * 28,
    marginLeft: Math.min(200, 20 + 6.5 * Math.max(0, ...rows.map((row) => row.name.length))),
    marginRight: 40,
    marginTop: 30,
    style: { fontSize: "12px", fontFamily: "inherit" },
    x: { label: "µg/m³", grid: true, domain: [0, top], tickFormat: (v: number) => formatNumber(v, lang) },
    y: { domain: rows.map((row) => row.name), label: null },
    marks: [
      Plot.barX(rows, {
        y: "name",
        x: "value",
        fill: (row: AnnualRow) => (row.fails2030 ? "#a11919" : "#0b6660"),
        fillOpacity: 0.75,
        insetTop: 5,
        insetBottom: 5,
      }),
      ...standards.map((standard) => {
        const style = standardLineStyles[standard.id];
        return Plot.ruleX([standard], {
          x: "value",
          stroke: style.stroke,
          strokeWidth: style.width,
          strokeDasharray: style.dash,
          className: `mm-standard-${standard.kind}`,
        });
      }),
      Plot.text(standards, {
        x: "value",
        frameAnchor: "top",
        text: (standard: StandardLine) => `${standard.label} ${format(standard.value)}`,
        dy: -18,
        rotate: 0,
        fontSize: 10,
        fill: (standard: StandardLine) => standardLineStyles[standard.id].stroke,
        stroke: "#ffffff",
        strokeWidth: 3,
        paintOrder: "stroke",
        lineWidth: 8,
      }),
      Plot.text(rows, { y: "name", x: "value", text: (row: AnnualRow) => `${format(row.value)}${row.fails2030 ? " ▲" : ""}`, textAnchor: "start", dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
}
