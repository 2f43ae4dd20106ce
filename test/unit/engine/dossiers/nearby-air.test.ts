/**
 * The summary of air quality nearby (src/engine/dossiers/nearby-air.ts): only a reference station's
 * assessed annual mean counts against a limit value; the WHO guideline is counted apart; a short
 * series is indicative; a citizen sensor is never counted, however high its mean.
 */
import { describe, expect, it } from "vitest";
import type { NearbyMeasurement, RecentValue } from "../../../../src/ground/contract/contract-dossier.ts";
import { summarizeNearby } from "../../../../src/engine/dossiers/nearby-air.ts";
import { annualNorms } from "../../../../src/engine/themes/norms.ts";

const annual = (formula: string, value: number, reading: RecentValue["reading"]): RecentValue => ({
  formula,
  window: "365d",
  value,
  from: "2025-01-01T00:00:00Z",
  coverage: reading === "assessment" ? 0.97 : 0.4,
  reading,
  norms: annualNorms[formula]!.map((norm) => ({ norm, kind: norm.id.startsWith("eu-") ? "limit" : "guideline", above: value > norm.value })),
});
const daily = (formula: string, value: number): RecentValue => ({ ...annual(formula, value, "indicative"), window: "24h", norms: [] });

const place = (kind: NearbyMeasurement["kind"], id: string, values: RecentValue[]): NearbyMeasurement => ({
  kind,
  id,
  name: id,
  distanceM: 100,
  qualityTier: kind === "station" ? "provisional" : "indicative",
  source: kind === "station" ? "Luchtmeetnet" : "Samen Meten",
  latest: "2026-01-01T00:00:00Z",
  values,
});

const stations = [
  place("station", "NL1", [annual("NO2", 22, "assessment"), daily("NO2", 80)]),
  place("station", "NL2", [annual("NO2", 45, "assessment")]),
  place("station", "NL3", [annual("NO2", 31, "assessment")]),
  // Less than 90% of the year's hours: shown, not counted.
  place("station", "NL4", [annual("NO2", 60, "indicative")]),
];

describe("summarizeNearby", () => {
  it("counts assessed annual means against each limit value, the WHO guideline apart", () => {
    const { legal, guideline } = summarizeNearby(stations);
    expect(legal.map((c) => [c.formula, c.norm.id, c.above, c.of, c.indicative])).toEqual([
      ["NO2", "eu-2008", 1, 3, 1],
      ["NO2", "eu-2030", 3, 3, 1],
    ]);
    expect(guideline.map((c) => [c.formula, c.norm.id, c.above, c.of, c.indicative])).toEqual([["NO2", "who-2021", 3, 3, 1]]);
    expect(legal.every((c) => c.period === "365d")).toBe(true);
  });

  it("never counts a 24-hour mean, however high", () => {
    expect(summarizeNearby([place("station", "NL9", [daily("NO2", 300)])])).toEqual({ legal: [], guideline: [] });
  });

  it("does not count a sensor above the limit value, not even one wrongly marked an assessment", () => {
    const sensor = place("sensor", "SM-1", [annual("PM25", 90, "indicative"), annual("NO2", 90, "assessment")]);
    expect(summarizeNearby([...stations, sensor])).toEqual(summarizeNearby(stations));
  });
});
