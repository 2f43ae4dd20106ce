/**
 * A database written before tables were named after their pipelines (air_stations,
 * air_measurements) is renamed once at start-up: the same data and run history, served under the new
 * names, with the same answers, and nothing run again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, inject, it } from "vitest";
import airQualityMeasurements from "../../src/pipelines/air-quality-measurements.ts";
import airQualityStations from "../../src/pipelines/air-quality-stations.ts";
import { loadConfig } from "../../src/app/config.ts";
import { openDatabase } from "../../src/store/database.ts";
import { startMonitor, type Monitor } from "../../src/app/start-monitor.ts";
import { fingerprintAll } from "../support/pipeline-harness.ts";
import { clock, login } from "../support/test-server.ts";

const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-legacy-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs SQL on the file directly, as the older version's own writes would have. */
async function onFile(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(file);
  try {
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    connection.closeSync();
    return rows;
  } finally {
    instance.closeSync();
  }
}

const mainTables = (file: string) => onFile(file, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name");

async function stationAnswers(monitor: Monitor) {
  const permit = await login(monitor.url, "permit");
  const get = async (url: string) => {
    const response = await fetch(`${monitor.url}${url}`, { headers: { cookie: permit.cookie } });
    expect(response.status, url).toBe(200);
    return response.text();
  };
  return {
    list: await get("/api/v1/stations"),
    detail: await get("/api/v1/stations/NL99001?days=7"),
    export: await get("/api/v1/stations/NL99001/measurements?from=2025-12-01&to=2026-01-01"),
    indicator: await get("/api/v1/indicators/no2-annual-mean/series?by=breakdown"),
  };
}

describe("a database with the tables' old names", () => {
  it("is renamed once at start-up and serves the same data and answers under the new names", async () => {
    const config = loadConfig({}, { PORT: 0, MM_DB: path.join(tmp, "old.duckdb"), MM_DEMO: true, MM_DEMO_DIR: inject("demoDir"), MM_DB_RESERVE_MB: 0 });
    let monitor = await startMonitor({ config, clock, log: () => {}, runAtStart: false, schedule: false });
    let before;
    try {
      for (const pipeline of [airQualityStations, airQualityMeasurements]) expect((await monitor.runner.run(pipeline, "manual")).status).toBe("succeeded");
      before = {
        fingerprints: await fingerprintAll(monitor.db),
        runs: await monitor.db.query("SELECT run_id, pipeline, status FROM meta.pipeline_runs ORDER BY run_id"),
        answers: await stationAnswers(monitor),
      };
    } finally {
      await monitor.close();
    }
    expect(Object.keys(before.fingerprints)).toEqual(["air_quality_measurements", "air_quality_stations"]);

    // The same file as the older version left it: its tables, and the record of them, under the old names.
    await onFile(
      config.MM_DB,
      `ALTER TABLE main.air_quality_stations RENAME TO air_stations;
       ALTER TABLE main.air_quality_measurements RENAME TO air_measurements;
       UPDATE meta.published SET table_name = 'air_stations' WHERE table_name = 'air_quality_stations';
       UPDATE meta.published SET table_name = 'air_measurements' WHERE table_name = 'air_quality_measurements';
       SELECT 1`,
    );
    expect(await mainTables(config.MM_DB)).toEqual([{ table_name: "air_measurements" }, { table_name: "air_stations" }]);

    const lines: string[] = [];
    monitor = await startMonitor({ config, clock, log: (line) => lines.push(line), runAtStart: false, schedule: false });
    try {
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringContaining("table air_stations renamed to air_quality_stations, after the pipeline that publishes it"),
          expect.stringContaining("table air_measurements renamed to air_quality_measurements, after the pipeline that publishes it"),
        ]),
      );
      expect(await monitor.db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name")).toEqual([
        { table_name: "air_quality_measurements" },
        { table_name: "air_quality_stations" },
      ]);
      expect(await fingerprintAll(monitor.db)).toEqual(before.fingerprints);
      expect(await monitor.db.query("SELECT run_id, pipeline, status FROM meta.pipeline_runs ORDER BY run_id")).toEqual(before.runs);
      expect(await stationAnswers(monitor)).toEqual(before.answers);
    } finally {
      await monitor.close();
    }

    // Once: the next open finds nothing to rename.
    const reopened = await openDatabase(config.MM_DB);
    try {
      expect(reopened.renamedTables).toEqual([]);
      expect(await reopened.query("SELECT pipeline, table_name FROM meta.published ORDER BY pipeline")).toEqual([
        { pipeline: "air-quality-measurements", table_name: "air_quality_measurements" },
        { pipeline: "air-quality-stations", table_name: "air_quality_stations" },
      ]);
    } finally {
      await reopened.close();
    }
  });

  it("leaves both tables as they are when the new name is taken already, and serves the new one", async () => {
    const file = path.join(tmp, "both.duckdb");
    await (await openDatabase(file)).close();
    await onFile(
      file,
      `CREATE TABLE main.air_stations AS SELECT 'old' AS number;
       CREATE TABLE main.air_quality_stations AS SELECT 'new' AS number;
       SELECT 1`,
    );
    const db = await openDatabase(file);
    try {
      expect(db.renamedTables).toEqual([]);
      expect(await db.query("SELECT number FROM main.air_quality_stations")).toEqual([{ number: "new" }]);
      expect(await db.query("SELECT number FROM main.air_stations")).toEqual([{ number: "old" }]);
    } finally {
      await db.close();
    }
  });
});
