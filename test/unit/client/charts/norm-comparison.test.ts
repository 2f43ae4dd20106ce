/**
 * The rows of the norm comparison (client/src/charts/norm-comparison.ts): recent means near a
 * location, pollutant by pollutant and nearest first, each with its norms as ticks and a mark only
 * for a limit value: "exceeds" for an assessed annual mean above it, "indicative" for any other mean
 * above it; above the WHO guideline alone is no mark.
 */
import { describe, expect, it, vi } from "vitest";

// i18n.ts sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import type { NearbyMeasurement, RecentValue } from "../../../../src/ground/contract/contract-dossier.ts";
import { limitMark, normRows } from "../../../../client/src/charts/norm-comparison.ts";

const label = { nl: "norm", en: "norm" };
const check = (id: string, value: number, mean: number | null) => ({
  norm: { id, label, value },
  kind: id.startsWith("eu-") ? ("limit" as const) : ("guideline" as const),
  above: mean !== null && mean > value,
});
const recent = (
  formula: string,
  window: RecentValue["window"],
  value: number | null,
  norms: [string, number][],
  reading: RecentValue["reading"] = "indicative",
): RecentValue => ({
  formula,
  window,
  value,
  from: null,
  coverage: 1,
  reading,
  norms: norms.map(([id, limit]) => check(id, limit, value)),
});

const measurement = (id: string, name: string, distanceM: number, values: RecentValue[]): NearbyMeasurement => ({
  kind: id.startsWith("NL") ? "station" : "sensor",
  id,
  name,
  distanceM,
  qualityTier: id.startsWith("NL") ? "validated" : "indicative",
  source: id.startsWith("NL") ? "Luchtmeetnet" : "Samen Meten",
  latest: "2025-06-30T10:00:00Z",
  values,
});

const nearby: NearbyMeasurement[] = [
  measurement("SM-77", "Sensor Molenstraat", 180, [
    recent("PM25", "24h", 14.2, [
      ["eu-2030-24h", 25],
      ["who-2021-24h", 15],
    ]),
    recent("PM10", "24h", 51.3, [
      ["eu-2008-24h", 50],
      ["eu-2030-24h", 45],
    ]),
  ]),
  measurement("NL49017", "Stationsweg", 950, [
    recent("NO2", "24h", 38.5, [
      ["eu-2030-24h", 50],
      ["who-2021-24h", 25],
    ]),
    recent(
      "NO2",
      "365d",
      24.1,
      [
        ["eu-2008", 40],
        ["eu-2030", 20],
        ["who-2021", 10],
      ],
      "assessment",
    ),
    recent("PM10", "24h", 22.0, [
      ["eu-2008-24h", 50],
      ["eu-2030-24h", 45],
    ]),
  ]),
  // No mean in the last 24 hours: the sensor has been silent.
  measurement("SM-81", "Sensor Kerkplein", 420, [recent("PM25", "24h", null, [["eu-2030-24h", 25]])]),
];

describe("limitMark", () => {
  it("marks a mean above a limit value, an exceedance only when assessed", () => {
    const norms: [string, number][] = [
      ["eu-2008", 40],
      ["who-2021", 10],
    ];
    expect(limitMark(recent("NO2", "365d", 41, norms, "assessment"))).toBe("exceeds");
    expect(limitMark(recent("NO2", "365d", 41, norms, "indicative"))).toBe("indicative");
  });

  it("never marks a mean above the WHO guideline alone", () => {
    expect(
      limitMark(
        recent(
          "NO2",
          "365d",
          24,
          [
            ["eu-2008", 40],
            ["who-2021", 10],
          ],
          "assessment",
        ),
      ),
    ).toBeNull();
    expect(limitMark(recent("NO2", "24h", 12, []))).toBeNull();
  });
});

describe("normRows", () => {
  it("gives one row per pollutant and place for the window, pollutants in the app's order, nearest first", () => {
    const { rows } = normRows(nearby, "24h", "nl");
    expect(rows.map((row) => [row.key, row.value, row.mark])).toEqual([
      ["NO2 · Stationsweg", 38.5, null],
      ["PM10 · Sensor Molenstraat", 51.3, "indicative"],
      ["PM10 · Stationsweg", 22, null],
      ["PM2,5 · Sensor Molenstraat", 14.2, null],
    ]);
  });

  it("skips a missing mean, and takes only the window asked for", () => {
    expect(normRows(nearby, "24h", "nl").rows.map((row) => row.name)).not.toContain("Sensor Kerkplein");
    const { rows, ticks } = normRows(nearby, "365d", "en");
    expect(rows).toEqual([{ key: "NO2 · Stationsweg", name: "Stationsweg", formula: "NO2", value: 24.1, mark: "exceeds" }]);
    expect(ticks).toEqual([
      { key: "NO2 · Stationsweg", value: 40, normId: "eu-2008" },
      { key: "NO2 · Stationsweg", value: 20, normId: "eu-2030" },
      { key: "NO2 · Stationsweg", value: 10, normId: "who-2021" },
    ]);
  });

  it("gives a norm tick on the row of every value it is held against", () => {
    const { ticks } = normRows(nearby, "24h", "en");
    expect(ticks.filter((tick) => tick.key === "PM2.5 · Sensor Molenstraat")).toEqual([
      { key: "PM2.5 · Sensor Molenstraat", value: 25, normId: "eu-2030-24h" },
      { key: "PM2.5 · Sensor Molenstraat", value: 15, normId: "who-2021-24h" },
    ]);
    expect(ticks).toHaveLength(2 + 2 + 2 + 2);
  });

  it("is empty with nothing nearby", () => {
    expect(normRows([], "24h", "nl")).toEqual({ rows: [], ticks: [] });
  });
});
