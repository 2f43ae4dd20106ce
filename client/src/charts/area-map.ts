/**
 * A map of points on the wijk and buurt boundaries: Plot's geo mark in a Mercator projection fitted to
 * a domain (the municipality, a buurt or a search circle), no tiles and nothing fetched. Draws an
 * optional search point with its radius circle and an optional highlighted area. Pure apart from the
 * click callbacks it wires.
 */
import { Plot, type PlotTypes } from "./plot.ts";
import type { AreaFeature } from "../area-boundaries.ts";
import { formatNumber } from "../format.ts";
import { translate, type Lang } from "../i18n.ts";
import { circlePolygon, geoBounds, projectionInverter, type LonLatInverter, type StreamProjection } from "./map-geometry.ts";

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  /** Shown as the dot's tooltip. */
  label: string;
}

export interface AreaMapOptions {
  width: number;
  /** At most this tall; a tall domain is fitted inside rather than stretching the page. */
  maxHeight?: number;
  lang: Lang;
  buurten: readonly AreaFeature[];
  wijken: readonly AreaFeature[];
  /** What the projection is fitted to; the municipality's wijken when null. */
  domain: object | null;
  highlight?: AreaFeature | null;
  points: readonly MapPoint[];
  center?: { lat: number; lon: number } | null;
  radiusM?: number | null;
  /** Called with the point under a click anywhere on the map (pick mode). */
  onPick?: (point: { lat: number; lon: number }) => void;
  /** Called with the id of a clicked dot (when not picking). */
  onPoint?: (id: string) => void;
}

export const mapColours = { area: "#f6f8f7", buurt: "#b9c3c1", wijk: "#4d5b60", highlight: "#d9ece9", dot: "#0b6660", centre: "#a11919" };

/** Tags each dot with its id, so a click on it can be resolved. */
function tagWithIds(points: readonly MapPoint[]): PlotTypes.RenderFunction {
  return function (index, scales, values, dimensions, context, next) {
    const group = next?.(index, scales, values, dimensions, context) ?? null;
    group?.querySelectorAll("circle").forEach((circle, i) => {
      const point = points[index[i] ?? -1];
      if (point) circle.setAttribute("data-id", point.id);
    });
    return group;
  };
}

interface Picker {
  invert?: LonLatInverter;
  svg?: SVGSVGElement;
}

/** A mark that draws nothing: it keeps the fitted projection's inverse, which Plot only has while rendering. */
function captureInverse(domain: object, picker: Picker): PlotTypes.RenderFunction {
  return (_index, _scales, _values, _dimensions, context) => {
    const bounds = geoBounds(domain);
    const projection = context.projection as StreamProjection | undefined;
    const invert = projection && bounds ? projectionInverter(projection, bounds) : null;
    if (invert) {
      picker.invert = invert;
      picker.svg = context.ownerSVGElement;
    }
    return null;
  };
}

function wireClicks(chart: SVGSVGElement | HTMLElement, picker: Picker, { onPick, onPoint }: AreaMapOptions) {
  // Plot's return type is a union, so TypeScript can't see that this is a MouseEvent.
  chart.addEventListener("click", (event: Event) => {
    if (!(event instanceof MouseEvent)) return;
    const { svg, invert } = picker;
    if (onPick && svg && invert) {
      const matrix = svg.getScreenCTM();
      if (!matrix) return;
      const { x, y } = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
      onPick(invert(x, y));
      return;
    }
    const id = (event.target as Element | null)?.closest("[data-id]")?.getAttribute("data-id");
    if (id && onPoint) onPoint(id);
  });
}

export function areaMap(options: AreaMapOptions): SVGSVGElement | HTMLElement {
  const { width, maxHeight, lang, buurten, wijken, highlight, points, center, radiusM, onPick, onPoint } = options;
  const circle = center && radiusM ? circlePolygon(center, radiusM) : null;
  const domain = options.domain ?? { type: "FeatureCollection", features: wijken };
  const picker: Picker = {};
  const areaTitle = (feature: AreaFeature) => feature.properties.name;

  const chart = Plot.plot({
    width,
    height: maxHeight === undefined ? undefined : Math.min(maxHeight, width),
    projection: { type: "mercator", domain, inset: 6 },
    style: { fontSize: "12px", fontFamily: "inherit", cursor: onPick ? "crosshair" : onPoint ? "pointer" : "default" },
    marks: [
      Plot.geo(buurten, { fill: mapColours.area, stroke: mapColours.buurt, strokeWidth: 0.6, title: areaTitle }),
      highlight ? Plot.geo([highlight], { fill: mapColours.highlight, stroke: mapColours.wijk, strokeWidth: 2, title: areaTitle }) : null,
      Plot.geo(wijken, { fill: "none", stroke: mapColours.wijk, strokeWidth: 1.2, pointerEvents: "none" }),
      circle
        ? Plot.geo(circle, {
            fill: mapColours.centre,
            fillOpacity: 0.06,
            stroke: mapColours.centre,
            strokeDasharray: "5 3",
            strokeWidth: 1.5,
            pointerEvents: "none",
          })
        : null,
      Plot.dot(points, {
        x: "lon",
        y: "lat",
        r: 4,
        fill: mapColours.dot,
        stroke: "#ffffff",
        strokeWidth: 1,
        title: (point: MapPoint) => point.label,
        render: tagWithIds(points),
      }),
      center
        ? Plot.dot([center], {
            x: "lon",
            y: "lat",
            r: 7,
            symbol: "plus",
            stroke: mapColours.centre,
            strokeWidth: 3,
            title: () =>
              radiusM ? translate(lang, "search.mapCentre", { radius: formatNumber(radiusM, lang, { digits: 0 }) }) : translate(lang, "search.mapPoint"),
          })
        : null,
      onPick ? captureInverse(domain, picker) : null,
    ],
  });
  if (onPick || onPoint) wireClicks(chart, picker, options);
  return chart;
}
