// @vitest-environment jsdom
/**
 * The trend chart (client/src/charts/trend.ts): its one-sentence summary, and the rendered chart
 * against a snapshot in test/snapshots/charts/ (see chart-snapshot.ts).
 */
import { describe, expect, it } from "vitest";
import type { ForecastPoint, Norm, SeriesPoint, Target } from "../../../../src/ground/contract/contract.ts";
import { trendChart, trendSummary } from "../../../../client/src/charts/trend.ts";
import { expectChartSnapshot } from "./chart-snapshot.ts";
import { loadPlot } from "../../../../client/src/charts/plot.ts";

// Charts use Observable Plot through plot.ts, which the app loads after a page's first paint.
await loadPlot();

const point = (period: string, value: number | null, area = { code: "GM9999", name: "Groenmeer" }): SeriesPoint => ({
  period,
  areaCode: area.code,
  areaName: area.name,
  level: area.code.startsWith("GM") ? "gemeente" : "station",
  value,
  suppressed: false,
  coverage: value === null ? 0.61 : 0.97,
  tier: null,
});

/** NO2 annual means of the demo municipality: a dip in 2020, and no valid mean for 2016 (too little coverage). */
const no2: SeriesPoint[] = [
  ["2015", 31.4],
  ["2016", null],
  ["2017", 29.9],
  ["2018", 29.1],
  ["2019", 28.3],
  ["2020", 24.2],
  ["2021", 25.6],
  ["2022", 25.1],
  ["2023", 23.8],
  ["2024", 23.1],
  ["2025", 22.4],
].map(([period, value]) => point(period as string, value as number | null));

const target: Target = { value: 20, deadline: 2030, baselineYear: 2019, baselineValue: 28.3, label: { nl: "Schone Lucht Akkoord", en: "Clean Air Agreement" } };

const forecast: ForecastPoint[] = [
  { year: 2025, value: 22.4, low: 22.4, high: 22.4 },
  { year: 2026, value: 21.8, low: 20.9, high: 22.7 },
  { year: 2027, value: 21.2, low: 19.9, high: 22.5 },
  { year: 2028, value: 20.6, low: 18.9, high: 22.3 },
  { year: 2029, value: 20.0, low: 17.8, high: 22.2 },
  { year: 2030, value: 19.4, low: 16.8, high: 22.0 },
];

const norms: Norm[] = [
  { id: "eu-2008", label: { nl: "EU-grenswaarde (2008/50/EG)", en: "EU limit value (2008/50/EC)" }, value: 40 },
  { id: "eu-2030", label: { nl: "EU-grenswaarde 2030 (2024/2881)", en: "EU limit value 2030 (2024/2881)" }, value: 20 },
];

describe("trendSummary", () => {
  const options = { name: "NO2 jaargemiddelde", unit: "µg/m³", lang: "nl" } as const;

  it("says from where to where the first area went, with Dutch decimal commas, skipping years without a value", () => {
    expect(trendSummary(no2, options)).toBe("NO2 jaargemiddelde daalde van 31,4 (2015) naar 22,4 µg/m³ (2025)");
    expect(trendSummary([point("2015", null), ...no2.slice(2)], { ...options, name: "NO2", lang: "en" })).toBe(
      "NO2 fell from 29.9 (2017) to 22.4 µg/m³ (2025)",
    );
  });

  it("sorts the points by period, so the order the API sends them in doesn't matter", () => {
    expect(trendSummary([...no2].reverse(), options)).toBe(trendSummary(no2, options));
  });

  it("says 'rose' for a rise and 'stayed' when the rounded values are equal", () => {
    expect(trendSummary([point("2020", 10), point("2024", 12.25)], options)).toBe("NO2 jaargemiddelde steeg van 10 (2020) naar 12,3 µg/m³ (2024)");
    expect(trendSummary([point("2020", 27.91), point("2024", 27.94)], options)).toBe("NO2 jaargemiddelde bleef gelijk op 27,9 µg/m³ (2020–2024)");
  });

  it("describes the highlighted area rather than the first", () => {
    const station = { code: "NL49017", name: "Groenmeer-Stationsweg" };
    const points = [...no2, point("2023", 34.2, station), point("2025", 30.1, station)];
    expect(trendSummary(points, { ...options, highlight: "NL49017" })).toBe("NO2 jaargemiddelde daalde van 34,2 (2023) naar 30,1 µg/m³ (2025)");
  });

  it("has a sentence for a single value and for no value at all", () => {
    expect(trendSummary([point("2025", 22.4)], options)).toBe("NO2 jaargemiddelde: 22,4 µg/m³ (2025); nog geen reeks");
    expect(trendSummary([point("2025", null)], options)).toBe("Geen gegevens voor NO2 jaargemiddelde");
    expect(trendSummary([], { ...options, lang: "en" })).toBe("No data for NO2 jaargemiddelde");
  });
});

describe("trendChart", () => {
  const yearLabels = (chart: Element) => [...chart.querySelectorAll("[aria-label='x-axis tick label'] text")].map((text) => text.textContent);

  it("labels every year when they fit, and covers the target's deadline and the forecast", () => {
    const recent = no2.slice(4);
    expect(yearLabels(trendChart(recent, { width: 640, unit: "µg/m³", target: null, norms: [], lang: "nl" }))).toEqual([
      "2019",
      "2020",
      "2021",
      "2022",
      "2023",
      "2024",
      "2025",
    ]);
    // 2015–2030 is 16 years: too many for one label each, so Plot's round steps, up to the deadline.
    const labels = yearLabels(trendChart(no2, { width: 640, unit: "µg/m³", target, norms, forecast, lang: "nl" }));
    expect(labels).toEqual(["2016", "2018", "2020", "2022", "2024", "2026", "2028", "2030"]);
  });

  it("draws the target, the trajectory and the forecast band only when there are some", () => {
    const full = trendChart(no2, { width: 640, unit: "µg/m³", target, norms, forecast, lang: "nl" });
    for (const mark of [".mm-target", ".mm-trajectory", ".mm-forecast-band", ".mm-forecast"]) expect(full.querySelector(mark), mark).not.toBeNull();
    const bare = trendChart(no2, { width: 640, unit: "µg/m³", target: null, norms: [], lang: "nl" });
    for (const mark of [".mm-target", ".mm-trajectory", ".mm-forecast-band", ".mm-forecast"]) expect(bare.querySelector(mark), mark).toBeNull();
  });

  it("labels the target with its value and deadline in the chart's language", () => {
    const label = (lang: "nl" | "en") =>
      [...trendChart(no2, { width: 640, unit: "µg/m³", target: { ...target, value: 20.5 }, norms, forecast, lang }).querySelectorAll("text")]
        .map((text) => text.textContent)
        .find((text) => text?.endsWith("(2030)"));
    expect(label("nl")).toBe("doel 20,5 (2030)");
    expect(label("en")).toBe("target 20.5 (2030)");
  });

  it("formats the y axis in the chart's language", () => {
    const chart = trendChart([point("2024", 23.25), point("2025", 22.5)], { width: 640, unit: "µg/m³", target: null, norms: [], lang: "nl" });
    const labels = [...chart.querySelectorAll("[aria-label='y-axis tick label'] text")].map((text) => text.textContent);
    expect(labels.some((label) => label?.includes(","))).toBe(true);
    expect(labels.some((label) => label?.includes("."))).toBe(false);
  });

  it("draws the EU limit values solid and the WHO guideline dotted in another colour, never alike", () => {
    const who: Norm = { id: "who-2021", label: { nl: "WHO-advieswaarde (2021)", en: "WHO guideline (2021)" }, value: 10 };
    const chart = trendChart(no2, { width: 640, unit: "µg/m³", target, norms: [...norms, who], forecast, lang: "nl" });
    const rule = (group: Element) => ({ stroke: group.getAttribute("stroke"), dash: group.getAttribute("stroke-dasharray") ?? "none" });
    const limits = [...chart.querySelectorAll("g.mm-norm-limit")].map(rule);
    const guidelines = [...chart.querySelectorAll("g.mm-norm-guideline")].map(rule);
    expect(limits).toHaveLength(2);
    expect(guidelines).toHaveLength(1);
    for (const limit of limits) {
      expect(limit.dash).toBe("none");
      expect(guidelines[0]!.dash).not.toBe(limit.dash);
      expect(guidelines[0]!.stroke).not.toBe(limit.stroke);
    }
  });

  it("matches its snapshot: NO2 2015–2025 in Dutch with the target, the forecast band and two norms", async () => {
    await expectChartSnapshot(trendChart(no2, { width: 640, unit: "µg/m³", target, norms, forecast, lang: "nl" }), "trend-no2-nl");
  });

  it("matches its snapshot: stations against the municipality in English, with a legend", async () => {
    const stations = [
      { code: "NL49017", name: "Stationsweg" },
      { code: "NL49021", name: "Parklaan" },
    ];
    const points = [
      ...no2.slice(6),
      ...[34.2, 33.0, 31.6, 30.9, 30.1].map((value, i) => point(String(2021 + i), value, stations[0])),
      ...[19.8, 19.1, 18.0, null, 17.2].map((value, i) => point(String(2021 + i), value, stations[1])),
    ];
    const chart = trendChart(points, { width: 480, unit: "µg/m³", target: null, norms: norms.slice(1), highlight: "GM9999", lang: "en" });
    await expectChartSnapshot(chart, "trend-stations-en");
  });
});
