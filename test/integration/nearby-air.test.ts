/**
 * Air quality near a location on the demo monitor (real DuckDB, real HTTP): reference stations and
 * citizen sensors apart; the legal summary counts only the stations' annual means over at least 90% of
 * the year's hours, checked here against the measurements in the database; the WHO guideline is
 * counted apart; a sensor, however high, never adds to the legal count.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LocationDossier, type NearbyMeasurement } from "../../src/ground/contract/contract-dossier.ts";
import { summarizeNearby } from "../../src/engine/dossiers/nearby-air.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let permit: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  permit = await login(monitor.url, "permit");
});
afterAll(() => monitor?.close());

async function dossierAt(point: { lat: number; lon: number }) {
  const response = await fetch(`${monitor.url}/api/v1/locations/dossier?lat=${point.lat}&lon=${point.lon}&radius=300`, { headers: { cookie: permit.cookie } });
  expect(response.status).toBe(200);
  return LocationDossier.parse(await response.json());
}

/** A point among the sensors, so the dossier has both groups. */
async function aSensorPoint() {
  const rows = await monitor.db.query("SELECT lat, lon FROM main.air_quality_sensors ORDER BY datastream_id LIMIT 1");
  return { lat: Number(rows[0]!.lat), lon: Number(rows[0]!.lon) };
}

describe("air quality nearby", () => {
  it("gives the reference stations and the citizen sensors apart, sensors only ever indicative", async () => {
    const { nearby } = await dossierAt(await aSensorPoint());
    expect(nearby.stations.length).toBeGreaterThan(0);
    expect(nearby.sensors.length).toBeGreaterThan(0);
    expect(nearby.stations.every((s) => s.kind === "station" && s.qualityTier === "provisional")).toBe(true);
    expect(nearby.sensors.every((s) => s.kind === "sensor" && s.qualityTier === "indicative")).toBe(true);
    for (const sensor of nearby.sensors) for (const value of sensor.values) expect(value.reading, sensor.id).toBe("indicative");
    // A 24-hour mean is never an assessment: the 24-hour limit value allows days above it.
    for (const station of nearby.stations) for (const value of station.values.filter((v) => v.window === "24h")) expect(value.reading).toBe("indicative");
  });

  it("assesses a station's annual mean only over at least 90% of the year's hours, as the measurements say", async () => {
    const { nearby } = await dossierAt(await aSensorPoint());
    for (const station of nearby.stations) {
      const rows = await monitor.db.query(
        `WITH l AS (SELECT max(timestamp_measured) AS t FROM main.air_quality_measurements WHERE station_number = $id)
         SELECT formula, count(DISTINCT date_trunc('hour', timestamp_measured)) FILTER (WHERE value IS NOT NULL) AS hours, avg(value) AS mean
         FROM main.air_quality_measurements, l WHERE station_number = $id AND timestamp_measured > l.t - INTERVAL 365 DAY GROUP BY formula`,
        { id: station.id },
      );
      for (const row of rows) {
        const value = station.values.find((v) => v.formula === row.formula && v.window === "365d")!;
        expect(value.value).toBeCloseTo(Number(row.mean), 0);
        expect(value.coverage).toBeCloseTo(Math.min(1, Number(row.hours) / 8760), 2);
        expect(value.reading, `${station.id} ${String(row.formula)}`).toBe(Number(row.hours) / 8760 >= 0.9 ? "assessment" : "indicative");
      }
    }
  });

  it("counts legal limit values and the WHO guideline apart, stations only", async () => {
    const { nearby } = await dossierAt(await aSensorPoint());
    const { legal, guideline } = nearby.summary;
    expect(legal.length).toBeGreaterThan(0);
    expect(legal.every((c) => c.norm.id.startsWith("eu-"))).toBe(true);
    expect(guideline.every((c) => c.norm.id.startsWith("who-"))).toBe(true);
    for (const count of [...legal, ...guideline]) {
      const assessed = nearby.stations.flatMap((s) =>
        s.values.filter((v) => v.formula === count.formula && v.window === "365d" && v.value !== null && v.reading === "assessment"),
      );
      expect(count.of).toBe(assessed.length);
      expect(count.above).toBe(assessed.filter((v) => v.value! > count.norm.value).length);
      expect(count.of).toBeLessThanOrEqual(nearby.stations.length);
    }
    // The demo's stations have four years of hours: NO₂ is assessed at every nearby station.
    expect(legal.find((c) => c.formula === "NO2" && c.norm.id === "eu-2008")!.of).toBe(nearby.stations.length);
  });

  it("does not count a sensor above the limit value, here the demo's own sensors pushed far above it", async () => {
    const { nearby } = await dossierAt(await aSensorPoint());
    const pushed: NearbyMeasurement[] = nearby.sensors.map((sensor) => ({
      ...sensor,
      values: sensor.values.map((v) => ({ ...v, value: 999, norms: v.norms.map((check) => ({ ...check, above: true })) })),
    }));
    expect(summarizeNearby([...nearby.stations, ...pushed])).toEqual(nearby.summary);
  });
});
