/**
 * The compliance computation on a real DuckDB with hand-built hours: a year below the data-capture
 * rule is not judged on its mean, a day of 17 hours is no day and one of 18 is, and exceedances are
 * counted against what each limit value allows (too many fail even with too few data).
 */
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AirCompliance, ComponentCompliance } from "../../../src/ground/contract/contract-air.ts";
import { BadParameter } from "../../../src/ground/domain-errors.ts";
import { createAirCompliance } from "../../../src/engine/stations/air-compliance.ts";
import { openDatabase, type Database } from "../../../src/store/database.ts";

let db: Database;
let answer: AirCompliance;
const service = () => createAirCompliance(db);

/** Hourly values stamped with the end of their hour (as Luchtmeetnet does), `count` hours from `firstEnd`. */
const hours = (station: string, formula: string, firstEnd: string, count: number, value: number, tier = "validated") =>
  db.query(
    `INSERT INTO main.air_quality_measurements
     SELECT $station, $formula, $value, $first::TIMESTAMP + to_hours(h::INTEGER), $tier FROM range(0, $count::INTEGER) t(h)`,
    { station, formula, value, first: firstEnd, count, tier },
  );
const setHours = (station: string, formula: string, fromEnd: string, toEnd: string, value: number) =>
  db.query(
    `UPDATE main.air_quality_measurements SET value = $value
     WHERE station_number = $station AND formula = $formula AND timestamp_measured BETWEEN $from::TIMESTAMP AND $to::TIMESTAMP`,
    { station, formula, value, from: fromEnd, to: toEnd },
  );

beforeAll(async () => {
  db = await openDatabase(":memory:", { maxConnections: 1, lockdown: { allowedDirectories: [os.tmpdir()], memoryLimit: "256MB" } });
  await db.query(
    "CREATE TABLE main.air_quality_stations (number VARCHAR, location VARCHAR, type VARCHAR, lat DOUBLE, lon DOUBLE, components VARCHAR[], buurt_code VARCHAR)",
  );
  await db.query(`INSERT INTO main.air_quality_stations VALUES
    ('NL99000', 'Park', 'background', 52.1, 5.1, ['NO2'], NULL),
    ('NL99001', 'Street', 'traffic', 52.0, 5.0, ['NO2'], 'BU99990101'),
    ('NL99002', 'Harbour', 'industrial', 52.2, 5.2, ['NO2', 'PM10'], NULL)`);
  await db.query(
    "CREATE TABLE main.air_quality_measurements (station_number VARCHAR, formula VARCHAR, value DOUBLE, timestamp_measured TIMESTAMP, tier VARCHAR)",
  );
  // NL99000: every hour of 2025 at 15 µg/m³ (the first ends at 01:00 on 1 January, the last at midnight on New Year's Eve).
  await hours("NL99000", "NO2", "2025-01-01 01:00", 8760, 15);
  // NL99001: every hour of 2025 at 25, one provisional month; 20 days at 60 (18 allowed above 50 from 2030);
  // 4 hours at 250 on 4 days, so no day's mean goes above 50 (3 allowed above 200 from 2030, 18 now); and 2 days of 2026.
  await hours("NL99001", "NO2", "2025-01-01 01:00", 31 * 24, 25, "provisional");
  await hours("NL99001", "NO2", "2025-02-01 01:00", 8760 - 31 * 24, 25);
  await setHours("NL99001", "NO2", "2025-03-01 01:00", "2025-03-21 00:00", 60);
  for (const day of ["01", "02", "03", "04"]) await setHours("NL99001", "NO2", `2025-06-${day} 09:00`, `2025-06-${day} 09:00`, 250);
  await hours("NL99001", "NO2", "2026-01-01 01:00", 48, 30, "unvalidated");
  // NL99002 NO₂: 1 March has 17 hours, 2 March 18, all at 100 µg/m³.
  await hours("NL99002", "NO2", "2025-03-01 01:00", 17, 100, "unvalidated");
  await hours("NL99002", "NO2", "2025-03-02 01:00", 18, 100, "unvalidated");
  // NL99002 PM10: the first 310 days of 2025 (84.9 % of the hours) at 10, with 36 days at 55.
  await hours("NL99002", "PM10", "2025-01-01 01:00", 310 * 24, 10);
  await setHours("NL99002", "PM10", "2025-04-01 01:00", "2025-05-07 00:00", 55);
  // What the service reads first: which runs have published the two tables.
  await db.query(`INSERT INTO meta.pipeline_runs (run_id, pipeline, trigger, status, started_at, finished_at) VALUES
    (1, 'air-quality-stations', 'cli', 'succeeded', TIMESTAMP '2026-01-02 00:00', TIMESTAMP '2026-01-02 00:01'),
    (2, 'air-quality-measurements', 'cli', 'succeeded', TIMESTAMP '2026-01-02 00:00', TIMESTAMP '2026-01-02 00:01')`);
  await db.query(`INSERT INTO meta.published (pipeline, table_name, run_id, published_at) VALUES
    ('air-quality-stations', 'air_quality_stations', 1, TIMESTAMP '2026-01-02 00:01'),
    ('air-quality-measurements', 'air_quality_measurements', 2, TIMESTAMP '2026-01-02 00:01')`);
  db.published.begin();
  await db.published.end();
  answer = await service().compliance(undefined, {});
});
afterAll(() => db?.close());

const component = (station: string, formula: string): ComponentCompliance =>
  answer.stations.find((s) => s.number === station)!.components.find((c) => c.formula === formula)!;
const verdict = (station: string, formula: string, id: string) => component(station, formula).standards.find((s) => s.id === id)!;

describe("the year", () => {
  it("defaults to the latest year whose annual means can be judged, not the year just begun", () => {
    expect(answer.years).toEqual([2026, 2025]);
    expect(answer.year).toBe(2025);
  });

  it("refuses a year without measurements, naming the years there are", async () => {
    const refusal = await service()
      .compliance(2019, {})
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BadParameter);
    expect((refusal as BadParameter).parameter).toBe("year");
    expect((refusal as BadParameter).detail).toContain("2026, 2025");
  });

  it("judges the year just begun on nothing: too few hours for any annual mean", async () => {
    const early = await service().compliance(2026, {});
    const no2 = early.stations[0]!.components[0]!;
    expect(no2).toMatchObject({ formula: "NO2", hours: 48, annualMean: null, annualMeanValid: false, tier: "unvalidated" });
    expect(no2.standards.map((s) => s.complies)).toEqual([null, null, null]);
  });
});

describe("data coverage", () => {
  it("gives the annual mean with enough hours, and the weakest tier among them", () => {
    expect(component("NL99000", "NO2")).toMatchObject({ hours: 8760, coverage: 1, annualMeanValid: true, annualMean: 15, validDays: 365, tier: "validated" });
    expect(component("NL99001", "NO2")).toMatchObject({ annualMeanValid: true, tier: "provisional" });
  });

  it("gives no annual mean below 85 % of the hours, and cannot judge a standard on it", () => {
    const pm10 = component("NL99002", "PM10");
    expect(pm10).toMatchObject({ hours: 7440, annualMean: null, annualMeanValid: false, validDays: 310 });
    expect(pm10.coverage).toBeCloseTo(0.8493, 4);
    expect(verdict("NL99002", "PM10", "who-2021")).toMatchObject({ kind: "guideline", complies: null });
    expect(verdict("NL99002", "PM10", "who-2021").reason!.en).toBe("too few measurements to judge: 84.9 % of the hours measured, at least 85 % needed");
  });

  it("counts a day with 18 hours and not one with 17", () => {
    const no2 = component("NL99002", "NO2");
    expect(no2.validDays).toBe(1);
    expect(no2.daily).toEqual([expect.objectContaining({ normId: "eu-2030-24h", count: 1, allowed: 18 })]);
    expect(no2.standards.map((s) => s.complies)).toEqual([null, null, null]);
  });
});

describe("exceedances against what is allowed", () => {
  it("counts days above each daily value and hours above each hourly value", () => {
    const no2 = component("NL99001", "NO2");
    expect(no2.daily.map(({ normId, standard, count, allowed }) => ({ normId, standard, count, allowed }))).toEqual([
      { normId: "eu-2030-24h", standard: "eu-2030", count: 20, allowed: 18 },
    ]);
    expect(no2.hourly.map(({ normId, standard, count, allowed }) => ({ normId, standard, count, allowed }))).toEqual([
      { normId: "eu-2008-1h", standard: "eu-current", count: 4, allowed: 18 },
      { normId: "eu-2030-1h", standard: "eu-2030", count: 4, allowed: 3 },
    ]);
  });

  it("fails 2030 on the mean, the days and the hours, while complying with the limit values in force", () => {
    expect(verdict("NL99001", "NO2", "eu-current")).toMatchObject({ kind: "limit", complies: true, reason: null });
    const eu2030 = verdict("NL99001", "NO2", "eu-2030");
    expect(eu2030.complies).toBe(false);
    expect(eu2030.reason!.en).toMatch(
      /^annual mean \d+\.\d µg\/m³ above 20 µg\/m³; 20 times above 50 µg\/m³ \(daily mean\), 18 allowed; 4 times above 200 µg\/m³ \(hourly value\), 3 allowed$/,
    );
    expect(eu2030.reason!.nl).toContain("20 keer boven 50 µg/m³ (daggemiddelde), 18 toegestaan");
  });

  it("fails on more exceedance days than allowed even with too few data, and leaves the rest unjudged", () => {
    const pm10 = component("NL99002", "PM10");
    expect(pm10.daily.map(({ normId, count, allowed }) => [normId, count, allowed])).toEqual([
      ["eu-2008-24h", 36, 35],
      ["eu-2030-24h", 36, 18],
    ]);
    expect(verdict("NL99002", "PM10", "eu-current").complies).toBe(false);
    expect(verdict("NL99002", "PM10", "eu-2030").complies).toBe(false);
  });

  it("lists the stations failing a 2030 value first", () => {
    expect(answer.stations.map((s) => [s.number, s.failsEu2030])).toEqual([
      ["NL99001", true],
      ["NL99002", true],
      ["NL99000", false],
    ]);
  });
});
