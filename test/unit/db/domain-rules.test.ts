/**
 * The rules on hours and days live once, as macros in src/store/domain-rules.sql: they hold at the
 * edges (17 or 18 hours, the hour stamped midnight), they are there after the lockdown, and no other
 * SQL writes them out again.
 */
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../../src/store/database.ts";
import { themes } from "../../../src/engine/themes/index.ts";

const root = path.resolve(import.meta.dirname, "../../..");
let db: Database;

beforeAll(async () => {
  db = await openDatabase(":memory:", { maxConnections: 1, lockdown: { allowedDirectories: [os.tmpdir()], memoryLimit: "256MB" } });
});
afterAll(() => db.close());

const one = async (sql: string) => Object.values((await db.query(sql))[0]!)[0];

describe("meta.hour_start: an hourly value is dated by the start of its hour", () => {
  it("puts the value stamped 01:00 in the day it was measured, and the one stamped 00:00 in the day before", async () => {
    expect(await one("SELECT strftime(meta.hour_start(TIMESTAMP '2025-01-02 01:00'), '%Y-%m-%d %H:%M')")).toBe("2025-01-02 00:00");
    expect(await one("SELECT strftime(CAST(meta.hour_start(TIMESTAMP '2025-01-02 01:00') AS DATE), '%Y-%m-%d')")).toBe("2025-01-02");
    expect(await one("SELECT strftime(CAST(meta.hour_start(TIMESTAMP '2025-01-02 00:00') AS DATE), '%Y-%m-%d')")).toBe("2025-01-01");
  });

  it("puts the value stamped midnight on New Year's Day in the year before", async () => {
    expect(await one("SELECT year(meta.hour_start(TIMESTAMP '2025-01-01 00:00'))")).toBe(2024);
    expect(await one("SELECT year(meta.hour_start(TIMESTAMP '2025-01-01 01:00'))")).toBe(2025);
  });
});

describe("meta.is_valid_day: a daily mean counts with at least 18 of its 24 hours", () => {
  it.each([
    [0, false],
    [17, false],
    [18, true],
    [24, true],
  ])("%i hours: %s", async (hours, valid) => {
    expect(await one(`SELECT meta.is_valid_day(${hours})`)).toBe(valid);
  });

  it("decides which days the stations' daily means count, with the midnight value in the day before", async () => {
    // 1 January: values stamped 01:00–17:00 (17) and 2 January 00:00 (the 18th); 2 January: 01:00–17:00 (17).
    await db.query("CREATE TABLE main.air_quality_measurements (station_number VARCHAR, formula VARCHAR, value DOUBLE, timestamp_measured TIMESTAMP)");
    await db.query(`INSERT INTO main.air_quality_measurements
      SELECT 'NL99001', 'PM10', 10, TIMESTAMP '2025-01-01 00:00' + to_hours(h) FROM range(1, 18) t(h)
      UNION ALL SELECT 'NL99001', 'PM10', 10, TIMESTAMP '2025-01-02 00:00'
      UNION ALL SELECT 'NL99001', 'PM10', 30, TIMESTAMP '2025-01-02 00:00' + to_hours(h) FROM range(1, 18) t(h)`);
    // Dated by their end instead, 1 January would have 17 hours and 2 January 18 (mean 28.9).
    expect(await db.query("SELECT count(*) AS n FROM main.air_quality_measurements")).toEqual([{ n: 35 }]);
    const dailyMeans = readFileSync(path.join(root, "src/engine/stations/sql/daily-means.sql"), "utf8");
    expect(await db.query(dailyMeans, { station: "NL99001" })).toEqual([{ formula: "PM10", year: 2025, mean: 10 }]);
    await db.query("DROP TABLE main.air_quality_measurements");
  });
});

/** Every .sql file under src/, with its path. */
function sqlFiles(dir = path.join(root, "src")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sqlFiles(file) : entry.name.endsWith(".sql") ? [file] : [];
  });
}

describe("the rules are written out once", () => {
  const rulesFile = path.join(root, "src/store/domain-rules.sql");
  const code = (sql: string) => sql.replace(/--.*$/gm, "");
  /** Every SQL text but the rules: the .sql files, and each indicator's SQL (written in its file). */
  const others = [
    ...sqlFiles()
      .filter((f) => f !== rulesFile)
      .map((f) => ({ name: path.relative(root, f), sql: code(readFileSync(f, "utf8")) })),
    ...themes.flatMap((t) => t.indicators).map((i) => ({ name: `indicator ${i.id}`, sql: code(i.sql) })),
  ];
  const sqlOf = (name: string) => others.find((o) => o.name === name)!.sql;

  it("finds the SQL", () => {
    expect(others.map((o) => o.name)).toEqual(
      expect.arrayContaining(["src/engine/stations/sql/daily-means.sql", "src/engine/alerts/sql/latest-daily-means.sql", "indicator no2-annual-mean"]),
    );
  });

  it("has no other SQL count 18 hours or take an hour off a timestamp", () => {
    for (const { name, sql } of others) {
      expect(sql, name).not.toMatch(/>=\s*18\b/);
      expect(sql, name).not.toMatch(/INTERVAL\s*'?1'?\s*HOURS?\b/i);
    }
  });

  it("has every daily or annual mean of hourly values use the macros", () => {
    for (const name of ["src/engine/stations/sql/daily-means.sql", "src/engine/alerts/sql/latest-daily-means.sql"]) {
      expect(sqlOf(name), name).toMatch(/meta\.is_valid_day\(count\(\*\)\)/);
      expect(sqlOf(name), name).toMatch(/meta\.hour_start\(timestamp_measured\)/);
    }
    for (const id of ["no2-annual-mean", "pm25-annual-mean", "pm10-annual-mean"]) {
      expect(sqlOf(`indicator ${id}`)).toMatch(/year\(meta\.hour_start\(timestamp_measured\)\)/);
    }
  });
});
