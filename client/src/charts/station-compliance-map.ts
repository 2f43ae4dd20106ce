/**
 * The stations on the wijk and buurt boundaries, each marked by its EU 2030 verdict: a red triangle
 * fails, a green circle meets it, a grey square cannot be judged, so the verdict is read from the
 * shape as well as the colour. Offline like area-map.ts: boundaries from the API, no tiles. Pure.
 */
import { Plot } from "./plot.ts";
import type { AreaFeature } from "../area-boundaries.ts";
import { mapColours } from "./area-map.ts";

export type Verdict2030 = "fails" | "complies" | "unknown";

export interface VerdictPoint {
  number: string;
  name: string;
  lat: number;
  lon: number;
  verdict: Verdict2030;
  /** The dot's tooltip. */
  label: string;
}

export const verdictMarks: Record<Verdict2030, { symbol: string; fill: string; glyph: string }> = {
  fails: { symbol: "triangle", fill: "#a11919", glyph: "▲" },
  complies: { symbol: "circle", fill: "#0b6660", glyph: "●" },
  unknown: { symbol: "square", fill: "#7a8588", glyph: "■" },
};

export function stationComplianceMap(
  points: readonly VerdictPoint[],
  { width, wijken, buurten }: { width: number; wijken: readonly AreaFeature[]; buurten: readonly AreaFeature[] },
): SVGSVGElement | HTMLElement {
  const domain = { type: "FeatureCollection", features: wijken };
  return Plot.plot({
    width,
    height: Math.min(420, width),
    projection: { type: "mercator", domain, inset: 10 },
    style: { fontSize: "12px", fontFamily: "inherit" },
    symbol: { domain: Object.keys(verdictMarks), range: Object.values(verdictMarks).map((m) => m.symbol) },
    marks: [
      Plot.geo(buurten, { fill: mapColours.area, stroke: mapColours.buurt, strokeWidth: 0.6 }),
      Plot.geo(wijken, { fill: "none", stroke: mapColours.wijk, strokeWidth: 1.2 }),
      Plot.dot(points, {
        x: "lon",
        y: "lat",
        r: 7,
        symbol: "verdict",
        fill: (point: VerdictPoint) => verdictMarks[point.verdict].fill,
        stroke: "#ffffff",
        strokeWidth: 1.5,
        title: (point: VerdictPoint) => point.label,
      }),
      Plot.text(points, {
        x: "lon",
        y: "lat",
        text: "name",
        dy: -13,
        fontSize: 11,
        stroke: "#ffffff",
        strokeWidth: 3,
        paintOrder: "stroke",
        fill: "#1f2a2e",
      }),
    ],
  });
}
