// @vitest-environment jsdom
/**
 * The choropleth (client/src/charts/choropleth.ts): which area gets which fill, the click that selects
 * an area, and the rendered map against a snapshot in test/snapshots/charts/ (see chart-snapshot.ts).
 */
import { describe, expect, it } from "vitest";
import type { AreaValue } from "../../../../src/ground/contract/contract-areas.ts";
import type { AreaFeature, AreaFeatureCollection } from "../../../../client/src/area-boundaries.ts";
import { choropleth, noDataFill } from "../../../../client/src/charts/choropleth.ts";
import { statusFills } from "../../../../client/src/status-colours.ts";
import { expectChartSnapshot } from "./chart-snapshot.ts";
import { loadPlot } from "../../../../client/src/charts/plot.ts";

// Charts use Observable Plot through plot.ts, which the app loads after a page's first paint.
await loadPlot();

type Point = [number, number];

/** Corners of six wijken of the demo municipality, a 3 × 2 block with shared, slightly crooked edges. */
const corners: Point[][] = [
  [
    [5.06, 52.05],
    [5.104, 52.051],
    [5.149, 52.049],
    [5.19, 52.05],
  ],
  [
    [5.06, 52.091],
    [5.101, 52.093],
    [5.152, 52.088],
    [5.19, 52.09],
  ],
  [
    [5.06, 52.13],
    [5.106, 52.13],
    [5.147, 52.131],
    [5.19, 52.13],
  ],
];

const names = ["Zuidrand", "Centrum-Zuid", "Molenwijk", "Binnenstad", "Stationskwartier", "Noorderpark"];

/** Rings clockwise, as loadBoundaries hands them to the chart (d3-geo reads a clockwise ring as its inside). */
function wijk(row: number, column: number): AreaFeature {
  const at = (r: number, c: number) => corners[r]![c]!;
  const index = row * 3 + column;
  const code = `WK99990${index + 1}`;
  return {
    type: "Feature",
    id: code,
    properties: { code, name: names[index]!, level: "wijk", parent: "GM9999" },
    geometry: { type: "Polygon", coordinates: [[at(row, column), at(row + 1, column), at(row + 1, column + 1), at(row, column + 1), at(row, column)]] },
  };
}

const boundaries: AreaFeatureCollection = { type: "FeatureCollection", features: [0, 1].flatMap((row) => [0, 1, 2].map((column) => wijk(row, column))) };

const area = (code: string, value: number | null, suppressed = false): AreaValue => ({
  areaCode: code,
  areaName: names[Number(code.slice(-1)) - 1]!,
  level: "wijk",
  parent: "GM9999",
  value,
  suppressed,
  rate: null,
  rateUnit: null,
  denominator: null,
  smallArea: false,
  rank: null,
  vsCity: value === null ? null : Math.round((value - 27.4) * 10) / 10,
  urbanity: 2,
  similar: null,
  status: null,
  gapToTarget: null,
  forecast: null,
});

/** Share of homes with solar panels (%): Molenwijk is suppressed (too few homes), Noorderpark has no value. */
const solarShare: AreaValue[] = [
  area("WK999901", 38.2),
  area("WK999902", 24.6),
  area("WK999903", null, true),
  area("WK999904", 12.9),
  area("WK999905", 31),
  area("WK999906", null),
];

const options = { width: 480, unit: "%", lang: "nl", selected: "WK999905" } as const;

const pathOf = (chart: Element, code: string) => chart.querySelector(`path[data-code="${code}"]`);

describe("choropleth", () => {
  it("tags every area's path with its code and titles it with the value, 'suppressed' or 'no data'", () => {
    const chart = choropleth(boundaries, solarShare, options);
    const titles = boundaries.features.map((feature) => pathOf(chart, feature.id)?.querySelector("title")?.textContent);
    expect(titles).toEqual([
      "Zuidrand: 38,2 %",
      "Centrum-Zuid: 24,6 %",
      "Molenwijk: onderdrukt",
      "Binnenstad: 12,9 %",
      "Stationskwartier: 31 %",
      "Noorderpark: geen gegevens",
    ]);
  });

  it("hatches a suppressed area, greys an area without a value, and colours the others", () => {
    const chart = choropleth(boundaries, solarShare, options);
    const hatch = chart.querySelector("pattern")?.id;
    expect(hatch).toMatch(/^mm-hatch-\d+$/);
    expect(pathOf(chart, "WK999903")?.closest("[fill]")?.getAttribute("fill")).toBe(`url(#${hatch})`);
    expect(pathOf(chart, "WK999906")?.closest("[fill]")?.getAttribute("fill")).toBe(noDataFill);
    const fills = ["WK999901", "WK999902", "WK999904", "WK999905"].map((code) => pathOf(chart, code)?.getAttribute("fill"));
    expect(new Set(fills).size).toBe(4);
    for (const fill of fills) expect(fill).toMatch(/^(#[0-9a-f]{6}|rgb\(\d+, \d+, \d+\))$/);
  });

  it("gives each map its own hatch pattern, so two maps on one page don't share an id", () => {
    const first = choropleth(boundaries, solarShare, options).querySelector("pattern")?.id;
    const second = choropleth(boundaries, solarShare, options).querySelector("pattern")?.id;
    expect(first).not.toBe(second);
  });

  it("outlines the selected wijk, or every wijk of a selected municipality", () => {
    const outlines = (selected: string | null) =>
      choropleth(boundaries, solarShare, { ...options, selected }).querySelectorAll("[pointer-events='none'] path").length;
    expect(outlines("WK999905")).toBe(1);
    expect(outlines("GM9999")).toBe(6);
    expect(outlines(null)).toBe(0);
  });

  it("calls onSelect with the code of the clicked area", () => {
    const selected: string[] = [];
    const chart = choropleth(boundaries, solarShare, { ...options, onSelect: (code) => selected.push(code) });
    pathOf(chart, "WK999902")?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    pathOf(chart, "WK999903")?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    chart.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(selected).toEqual(["WK999902", "WK999903"]);
  });

  it("has no colour legend when no area has a value", () => {
    const chart = choropleth(boundaries, [area("WK999903", null, true)], options);
    expect(chart.tagName).toBe("svg");
    expect(choropleth(boundaries, solarShare, options).tagName).toBe("FIGURE");
  });

  it("matches its snapshot: six wijken in Dutch, one suppressed, one without a value, one selected", async () => {
    await expectChartSnapshot(choropleth(boundaries, solarShare, options), "choropleth-wijken-nl");
  });
});

describe("choropleth by rate and by status", () => {
  const rated = (code: string, value: number | null, rate: number | null, status: AreaValue["status"]): AreaValue => ({
    ...area(code, value),
    rate,
    rateUnit: "per-1000-inhabitants",
    status,
  });
  const status = (code: NonNullable<AreaValue["status"]>["code"]) => ({ code, reason: { nl: "", en: "" } });
  const complaints = [
    rated("WK999901", 11, 0.81, status("at-risk")),
    rated("WK999902", 5, 0.39, status("achieved")),
    rated("WK999903", 22, 1.43, status("off-track")),
    { ...rated("WK999904", null, null, status("no-data")), suppressed: true },
    rated("WK999905", 7, 1.33, status("off-track")),
    rated("WK999906", null, null, null),
  ];
  const countOptions = { ...options, unit: "klachten", rateLabel: "klachten per 1.000 inwoners" };

  it("shows a count's rate, not the count, with the rate's label", () => {
    const chart = choropleth(boundaries, complaints, countOptions);
    expect(pathOf(chart, "WK999903")?.querySelector("title")?.textContent).toBe("Molenwijk: 1,43 klachten per 1.000 inwoners (niet op koers)");
    expect(chart.textContent).toContain("klachten per 1.000 inwoners");
  });

  it("fills each area with its status's colour, keeps suppressed hatched and areas without status grey, and names the statuses in the legend", () => {
    const chart = choropleth(boundaries, complaints, { ...countOptions, colourBy: "status" });
    const fill = (code: string) => pathOf(chart, code)?.closest("[fill]")?.getAttribute("fill");
    expect(fill("WK999903")).toBe(statusFills["off-track"]);
    expect(fill("WK999905")).toBe(statusFills["off-track"]);
    expect(fill("WK999901")).toBe(statusFills["at-risk"]);
    expect(fill("WK999902")).toBe(statusFills.achieved);
    expect(fill("WK999904")).toMatch(/^url\(#mm-hatch-\d+\)$/);
    expect(fill("WK999906")).toBe(noDataFill);
    // Worst first, in words: the colour is never the only carrier of the status.
    const legend = [...chart.querySelectorAll('span[class$="-swatch"]')].map((swatch) => swatch.textContent?.trim());
    expect(legend).toEqual(["niet op koers", "risico", "behaald"]);
  });
});
