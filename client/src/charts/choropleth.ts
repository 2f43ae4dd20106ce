/**
 * Choropleth of one indicator over wijken or buurten: Plot's `geo` mark on the boundaries, projected
 * to fit them (no tiles, nothing fetched). Coloured by value (a count's rate, so areas of different
 * size compare) or by status against the area target. Suppressed areas are hatched, areas without a
 * value are pale grey, and the chosen area is outlined. Pure apart from the click callback it wires.
 */
import { Plot, type PlotTypes } from "./plot.ts";
import type { StatusCode } from "../../../src/ground/contract/contract.ts";
import type { AreaValue } from "../../../src/ground/contract/contract-areas.ts";
import { comparedValue, formatRate, statusSeverity, type ColourBy } from "../area-figures.ts";
import type { AreaFeature, AreaFeatureCollection } from "../area-boundaries.ts";
import { formatNumber, formatQuantity, formatUnit } from "../format.ts";
import { translate, type Lang } from "../i18n.ts";
import { statusFills } from "../status-colours.ts";
import { chartColours } from "./target-marks.ts";

export interface ChoroplethOptions {
  width: number;
  unit: string;
  lang: Lang;
  /** An area code; its feature, or the features inside it, are outlined. */
  selected: string | null;
  /** Called with the code of a clicked area. */
  onSelect?: (code: string) => void;
  /** For a count compared as a rate: the rate's unit in words; the map then shows rates, not counts. */
  rateLabel?: string | null;
  /** "value" (the default): a colour scale of the values; "status": one colour per status, with its word in the legend. */
  colourBy?: ColourBy;
}

export const noDataFill = "#f1f3f3";
let patterns = 0;

const svgNs = "http://www.w3.org/2000/svg";

function svgElement(name: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/** An SVG pattern of diagonal lines, for the suppressed areas; the id is unique in the document. */
function hatchPattern(id: string): PlotTypes.RenderFunction {
  return () => {
    const pattern = svgElement("pattern", { id, patternUnits: "userSpaceOnUse", width: 6, height: 6, patternTransform: "rotate(45)" });
    pattern.append(
      svgElement("rect", { width: 6, height: 6, fill: "#e4e4e4" }),
      svgElement("line", { x1: 1, y1: 0, x2: 1, y2: 6, stroke: "#4d5b60", "stroke-width": 1.6 }),
    );
    const defs = svgElement("defs", {});
    defs.append(pattern);
    return defs;
  };
}

/** Plot draws one path per index entry, in order: tag each with its area code so a click can be resolved. */
function tagWithCodes(features: readonly AreaFeature[]): PlotTypes.RenderFunction {
  return function (index, scales, values, dimensions, context, next) {
    const group = next?.(index, scales, values, dimensions, context) ?? null;
    group?.querySelectorAll("path").forEach((path, i) => {
      const feature = features[index[i] ?? -1];
      if (feature) path.setAttribute("data-code", feature.id);
    });
    return group;
  };
}

export function choropleth(
  boundaries: AreaFeatureCollection,
  values: readonly AreaValue[],
  { width, unit, lang, selected, onSelect, rateLabel = null, colourBy = "value" }: ChoroplethOptions,
): SVGSVGElement | HTMLElement {
  const byCode = new Map(values.map((value) => [value.areaCode, value]));
  const valueOf = (feature: AreaFeature) => byCode.get(feature.id);
  const rated = rateLabel !== null;
  const shownValue = (feature: AreaFeature) => {
    const area = valueOf(feature);
    return area && !area.suppressed ? comparedValue(area, rated) : null;
  };
  const statusOf = (feature: AreaFeature): StatusCode | undefined => (valueOf(feature)?.suppressed ? undefined : valueOf(feature)?.status?.code);
  const byStatus = colourBy === "status";
  const known = boundaries.features.filter((feature) => (byStatus ? statusOf(feature) !== undefined : shownValue(feature) !== null));
  const suppressed = boundaries.features.filter((feature) => valueOf(feature)?.suppressed === true);
  const missing = boundaries.features.filter((feature) => !known.includes(feature) && !suppressed.includes(feature));
  const outlined = boundaries.features.filter((feature) => feature.id === selected || feature.properties.parent === selected);
  // Legend thresholds keep the general rule (they fall between whole counts); an area's value gets its unit's.
  const format = (value: number) => formatNumber(value, lang);
  const quantity = (value: number) => (rated ? `${formatRate(value, lang)} ${rateLabel}` : formatQuantity(value, unit, lang));
  const title = (feature: AreaFeature) => {
    const area = valueOf(feature);
    const value = shownValue(feature);
    const status = statusOf(feature);
    const text = area?.suppressed ? translate(lang, "map.legendSuppressed") : value === null ? translate(lang, "map.legendNoData") : quantity(value);
    return `${feature.properties.name}: ${text}${status ? ` (${translate(lang, `status.${status}`)})` : ""}`;
  };
  const statuses = [...new Set(known.map(statusOf))].filter((code) => code !== undefined).sort((a, b) => statusSeverity[a] - statusSeverity[b]);
  const color: PlotTypes.ScaleOptions | undefined =
    known.length === 0
      ? undefined
      : byStatus
        ? {
            type: "ordinal",
            domain: statuses,
            range: statuses.map((code) => statusFills[code]),
            legend: true,
            tickFormat: (code: StatusCode) => translate(lang, `status.${code}`),
          }
        : { type: "quantize", n: 5, scheme: "blues", legend: true, label: rated ? rateLabel : formatUnit(unit, lang), tickFormat: format };
  const hatchId = `mm-hatch-${++patterns}`;
  const areaStyle = { stroke: "#7d8a8e", strokeWidth: 0.75, title } as const;

  const chart = Plot.plot({
    width,
    projection: { type: "mercator", domain: boundaries },
    style: { fontSize: "12px", fontFamily: "inherit", cursor: onSelect ? "pointer" : "default" },
    color,
    marks: [
      hatchPattern(hatchId),
      Plot.geo(known, { ...areaStyle, fill: byStatus ? statusOf : shownValue, render: tagWithCodes(known) }),
      Plot.geo(suppressed, { ...areaStyle, fill: `url(#${hatchId})`, render: tagWithCodes(suppressed) }),
      Plot.geo(missing, { ...areaStyle, fill: noDataFill, render: tagWithCodes(missing) }),
      Plot.geo(outlined, { fill: "none", stroke: chartColours.ink, strokeWidth: 3, pointerEvents: "none" }),
    ],
  });
  if (onSelect) {
    chart.addEventListener("click", (event) => {
      const code = (event.target as Element | null)?.closest("[data-code]")?.getAttribute("data-code");
      if (code) onSelect(code);
    });
  }
  return chart;
}
