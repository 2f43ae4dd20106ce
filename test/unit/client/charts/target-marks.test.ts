/**
 * The marks every trend chart shares (client/src/charts/target-marks.ts): the years a chart must
 * cover, and when a forecast adds marks. How the marks look, and the target's label, are checked on
 * the rendered trend chart (trend.test.ts and its snapshot).
 */
import { describe, expect, it, vi } from "vitest";

// i18n.ts sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import type { ForecastPoint, Target } from "../../../../src/ground/contract/contract.ts";
import { forecastMarks, yearsToShow } from "../../../../client/src/charts/target-marks.ts";
import { loadPlot } from "../../../../client/src/charts/plot.ts";

// Charts use Observable Plot through plot.ts, which the app loads after a page's first paint.
await loadPlot();

const target: Target = { value: 20, deadline: 2030, baselineYear: 2019, baselineValue: 28.3, label: { nl: "Schone Lucht Akkoord", en: "Clean Air Agreement" } };
const forecast = (years: number[]): ForecastPoint[] => years.map((year) => ({ year, value: 21, low: 19, high: 23 }));

describe("yearsToShow", () => {
  it("spans the series alone when there is no target or forecast", () => {
    expect(yearsToShow([2017, 2015, 2025], null, [])).toEqual([2015, 2025]);
  });

  it("stretches to the baseline year and the deadline", () => {
    expect(yearsToShow([2021, 2022, 2023], target, [])).toEqual([2019, 2030]);
  });

  it("stretches to the end of the forecast, even past the deadline", () => {
    expect(yearsToShow([2021, 2025], null, forecast([2025, 2026, 2032]))).toEqual([2021, 2032]);
    expect(yearsToShow([2021, 2025], target, forecast([2025, 2035]))).toEqual([2019, 2035]);
  });

  it("widens a single year to the years either side, so the axis has a span", () => {
    expect(yearsToShow([2025], null, [])).toEqual([2024, 2026]);
    expect(yearsToShow([2025, 2025], null, forecast([2025]))).toEqual([2024, 2026]);
  });

  it("is undefined without a series, even with a target or forecast", () => {
    expect(yearsToShow([], target, forecast([2026]))).toBeUndefined();
    expect(yearsToShow([], null, [])).toBeUndefined();
  });
});

describe("forecastMarks", () => {
  it("adds nothing without a forecast, and a band and a line with one", () => {
    expect(forecastMarks([])).toEqual([]);
    expect(forecastMarks(forecast([2026, 2027]))).toHaveLength(2);
  });
});
