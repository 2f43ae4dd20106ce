/**
 * The rows of the norm comparison (client/src/charts/norm-comparison.ts): recent means near a
 * location, pollutant by pollutant and nearest first, each with its norms as ticks and a flag when
 * any norm is exceeded.
 */
import { describe, expect, it, vi } from "vitest";

// i18n.ts sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import type { NearbyMeasurement, RecentValue } from "../../../../src/ground/contract/contract-dossier.ts";
import { exceedsAny, normRows } from "../../../../client/src/charts/norm-comparison.ts";

const label = { nl: "norm", en: "norm" };
const check = (id: string, value: number, mean: number | null) => ({ norm: { id, label, value }, exceeds: mean !== null && mean > value });
const recent = (formula: string, window: RecentValue["window"], value: number | null, norms: [string, number][]): RecentValue => ({
  formula,
  window,
  value,
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
    recent("NO2", "365d", 24.1, [
      ["eu-2008", 40],
      ["eu-2030", 20],
      ["who-2021", 10],
    ]),
    recent("PM10", "24h", 22.0, [
      ["eu-2008-24h", 50],
      ["eu-2030-24h", 45],
    ]),
  ]),
  // No mean in the last 24 hours: the sensor has been silent.
  measurement("SM-81", "Sensor Kerkplein", 420, [recent("PM25", "24h", null, [["eu-2030-24h", 25]])]),
];

describe("exceedsAny", () => {
  it("is true when any norm is exceeded", () => {
    expect(
      exceedsAny(
        recent("NO2", "24h", 38.5, [
          ["eu-2030-24h", 50],
          ["who-2021-24h", 25],
        ]),
      ),
    ).toBe(true);
    expect(
      exceedsAny(
        recent("NO2", "24h", 12, [
          ["eu-2030-24h", 50],
          ["who-2021-24h", 25],
        ]),
      ),
    ).toBe(false);
    expect(exceedsAny(recent("NO2", "24h", 12, []))).toBe(false);
  });
});

describe("normRows", () => {
  it("gives one row per pollutant and place for the window, pollutants in the app's order, nearest first", () => {
    const { rows } = normRows(nearby, "24h", "nl");
    expect(rows.map((row) => [row.key, row.value, row.exceeds])).toEqual([
      ["NO2 · Stationsweg", 38.5, true],
      ["PM10 · Sensor Molenstraat", 51.3, true],
      ["PM10 · Stationsweg", 22, false],
      ["PM2,5 · Sensor Molenstraat", 14.2, false],
    ]);
  });

  it("skips a missing mean, and takes only the window asked for", () => {
    expect(normRows(nearby, "24h", "nl").rows.map((row) => row.name)).not.toContain("Sensor Kerkplein");
    const { rows, ticks } = normRows(nearby, "365d", "en");
    expect(rows).toEqual([{ key: "NO2 · Stationsweg", name: "Stationsweg", formula: "NO2", value: 24.1, exceeds: true }]);
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
