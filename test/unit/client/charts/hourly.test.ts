// @vitest-environment jsdom
/**
 * The hourly chart (client/src/charts/hourly.ts): the pollutant order, the text and table alternatives
 * (summary sentences, daily means over Dutch calendar days), and the rendered chart against a snapshot
 * in test/snapshots/charts/ (see chart-snapshot.ts).
 */
import { describe, expect, it } from "vitest";
import { dailyMeans, hourlyChart, hourlySummary, orderFormulas, type FormulaNorm, type HourlyRow } from "../../../../client/src/charts/hourly.ts";
import { expectChartSnapshot } from "./chart-snapshot.ts";
import { loadPlot } from "../../../../client/src/charts/plot.ts";

// Charts use Observable Plot through plot.ts, which the app loads after a page's first paint.
await loadPlot();

/** A typical weekday at a traffic station, 00:00–23:00 Dutch time: NO2 peaks with the rush hours, PM10 is flatter. */
const no2Day = [14, 12, 11, 11, 13, 19, 31, 44, 48, 39, 32, 29, 28, 29, 31, 36, 43, 47, 41, 33, 27, 23, 19, 16];
const pm10Day = [16, 15, 15, 14, 15, 17, 21, 26, 27, 24, 22, 21, 20, 21, 22, 24, 27, 28, 26, 23, 21, 19, 18, 17];
/** Monday 3 to Sunday 9 March 2025: a windy Wednesday, a still Friday, a quiet weekend. */
const dayOffsets = [0, 3, -6, 2, 11, 4, -5];

const hourMs = 3_600_000;
/** 00:00 on Monday 3 March 2025 in Amsterdam (CET, UTC+1). */
const weekStart = Date.UTC(2025, 2, 2, 23);
const isoHour = (hour: number) => new Date(weekStart + hour * hourMs).toISOString().replace(".000Z", "Z");

/** A week of hourly values as the API sends them; NO2 misses Wednesday 10:00–15:00 (the analyser was serviced). */
const week: HourlyRow[] = dayOffsets.flatMap((offset, day) =>
  no2Day.flatMap((no2, hour) => {
    const time = isoHour(day * 24 + hour);
    const pm10 = { time, formula: "PM10", value: pm10Day[hour]! + Math.round(offset / 2) };
    const serviced = day === 2 && hour >= 10 && hour <= 15;
    return serviced ? [pm10] : [{ time, formula: "NO2", value: no2 + offset }, pm10];
  }),
);

const eu2030 = { nl: "EU-grenswaarde 2030 (2024/2881)", en: "EU limit value 2030 (2024/2881)" };
const norms: FormulaNorm[] = [
  { formula: "NO2", norm: { id: "eu-2030-24h", label: eu2030, value: 50 } },
  { formula: "PM10", norm: { id: "eu-2030-24h", label: eu2030, value: 45 } },
  { formula: "PM25", norm: { id: "eu-2030-24h", label: eu2030, value: 25 } },
];

describe("orderFormulas", () => {
  it("puts the pollutants in the order the app shows them, unknown ones after, alphabetically, without repeats", () => {
    expect(orderFormulas(["O3", "PM25", "NO2", "PM10"])).toEqual(["NO2", "PM10", "PM25", "O3"]);
    expect(orderFormulas(["SO2", "PM10", "CO", "PM10", "NO2"])).toEqual(["NO2", "PM10", "CO", "SO2"]);
    expect(orderFormulas([])).toEqual([]);
  });
});

describe("hourlySummary", () => {
  it("gives per pollutant the number of hours, the mean and the highest hour in Dutch time", () => {
    expect(week).toHaveLength(7 * 24 * 2 - 6);
    expect(hourlySummary(week, "nl")).toEqual([
      "NO2: 162 uurwaarden, gemiddeld 29,6, hoogste 59 µg/m³ op 7 mrt 2025, 08:00.",
      "PM10: 168 uurwaarden, gemiddeld 21,6, hoogste 34 µg/m³ op 7 mrt 2025, 17:00.",
    ]);
    expect(hourlySummary(week, "en")[0]).toBe("NO2: 162 hourly values, mean 29.6, highest 59 µg/m³ at 7 Mar 2025, 08:00.");
  });

  it("writes PM2.5 the way people read it, and nothing for no rows", () => {
    expect(hourlySummary([{ time: "2025-03-03T12:00:00Z", formula: "PM25", value: 8.25 }], "nl")).toEqual([
      "PM2,5: 1 uurwaarden, gemiddeld 8,3, hoogste 8,3 µg/m³ op 3 mrt 2025, 13:00.",
    ]);
    expect(hourlySummary([], "nl")).toEqual([]);
  });
});

describe("dailyMeans", () => {
  it("averages per Dutch calendar day, not per UTC day", () => {
    // 23:00 UTC is already the next day in Amsterdam (UTC+1 in winter).
    const rows: HourlyRow[] = [
      { time: "2025-03-02T22:00:00Z", formula: "NO2", value: 10 },
      { time: "2025-03-02T23:00:00Z", formula: "NO2", value: 20 },
      { time: "2025-03-03T22:00:00Z", formula: "NO2", value: 30 },
      { time: "2025-03-03T23:00:00Z", formula: "NO2", value: 40 },
    ];
    const { formulas, days } = dailyMeans(rows, "nl");
    expect(formulas).toEqual(["NO2"]);
    expect(days.map((day) => [day.key, day.label, day.means.get("NO2")])).toEqual([
      ["2025-03-02", "zo 2 mrt", 10],
      ["2025-03-03", "ma 3 mrt", 25],
      ["2025-03-04", "di 4 mrt", 40],
    ]);
  });

  it("counts the hours of the day that changes to summer time (23 of them) as one day", () => {
    // 30 March 2025: 00:00 CET is 23:00 UTC the day before, 23:00 CEST is 21:00 UTC.
    const rows: HourlyRow[] = Array.from({ length: 23 }, (_, i) => ({
      time: new Date(Date.UTC(2025, 2, 29, 23) + i * hourMs).toISOString(),
      formula: "PM10",
      value: i,
    }));
    const { days } = dailyMeans(rows, "en");
    expect(days.map((day) => [day.key, day.label, day.means.get("PM10")])).toEqual([["2025-03-30", "Sun 30 Mar", 11]]);
  });

  it("gives a day a mean only for the pollutants measured on it", () => {
    const { formulas, days } = dailyMeans(week, "nl");
    expect(formulas).toEqual(["NO2", "PM10"]);
    expect(days).toHaveLength(7);
    // Wednesday: the 18 hours measured around the service window, 383 µg/m³ in all.
    expect(days[2]?.means.get("NO2")).toBeCloseTo(383 / 18, 10);
    expect([...(days[0]?.means.keys() ?? [])]).toEqual(["NO2", "PM10"]);
  });
});

describe("hourlyChart", () => {
  it("breaks the NO2 line at the missing hours instead of drawing across them", () => {
    const chart = hourlyChart(week, { width: 640, norms, lang: "nl" });
    const lines = [...chart.querySelectorAll("[aria-label='line'] path")].map((path) => path.getAttribute("d") ?? "");
    expect(lines).toHaveLength(2);
    // A path starts with one M; a gap starts another.
    expect(lines.map((d) => d.split("M").length - 1)).toEqual([2, 1]);
  });

  it("draws a panel per pollutant measured, with only those pollutants' norms", () => {
    const chart = hourlyChart(week, { width: 640, norms, lang: "nl" });
    const panels = [...chart.querySelectorAll("[aria-label='fy-axis tick label'] text")].map((text) => text.textContent);
    expect(panels).toEqual(["NO2", "PM10"]);
    const normLabels = [...chart.querySelectorAll("text")].map((text) => text.textContent).filter((text) => text?.startsWith("EU"));
    expect(normLabels).toEqual(["EU-grenswaarde 2030 (2024/2881) (50)", "EU-grenswaarde 2030 (2024/2881) (45)"]);
  });

  it("matches its snapshot: a week of NO2 and PM10 in Dutch, with a gap in NO2", async () => {
    await expectChartSnapshot(hourlyChart(week, { width: 640, norms, lang: "nl" }), "hourly-week-nl");
  });
});
