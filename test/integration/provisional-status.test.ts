/**
 * An indicator resting partly on provisional data says so (issue 18.1): the demo's air quality is
 * validated up to 2024 (RIVM's yearly files), provisional for 2025's months and unvalidated for its
 * last month (the open API). The NO₂ series carries each year's tier; status and provenance name 2025.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { IndicatorSummary, Series } from "../../src/ground/contract/contract.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let policy: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  policy = await login(monitor.url, "policy");
});
afterAll(() => monitor?.close());

const get = async (path: string, lang = "nl") => (await fetch(`${monitor.url}${path}`, { headers: { cookie: policy.cookie, "accept-language": lang } })).json();

describe("tiers of measured data", () => {
  it("marks each year of the NO₂ series with its tier: validated years, then the provisional one", async () => {
    const series = Series.parse(await get("/api/v1/indicators/no2-annual-mean/series"));
    const tiers = Object.fromEntries(series.points.map((p) => [p.period, p.tier]));
    expect(tiers).toEqual({ "2022": "validated", "2023": "validated", "2024": "validated", "2025": "unvalidated" });
    expect(series.provenance.provisionalPeriods).toEqual(["2025"]);
    // The latest year is not validated yet, so neither is the number as a whole.
    expect(series.provenance.qualityTier).toBe("provisional");
  });

  it("says in the status, in both languages, which years rest partly on provisional data", async () => {
    const nl = IndicatorSummary.parse(await get("/api/v1/indicators/no2-annual-mean"));
    expect(nl.status.provisionalPeriods).toEqual(["2025"]);
    expect(nl.status.reason.nl).toMatch(/2025 rust deels op voorlopige, nog niet gevalideerde gegevens\.$/);
    expect(nl.status.reason.en).toMatch(/2025 rests partly on provisional data, not yet validated\.$/);
  });

  it("leaves indicators without measured tiers as they were", async () => {
    const waste = IndicatorSummary.parse(await get("/api/v1/indicators/residual-waste"));
    expect(waste.status.provisionalPeriods).toEqual([]);
    expect(waste.provenance.provisionalPeriods).toEqual([]);
  });
});
