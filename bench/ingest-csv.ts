/**
 * ingest: a 10-million-row CSV of hourly measurements (1 % deliberately bad rows) through the real
 * pipeline framework (pinned dialect, typed read with store_rejects, set-wise rules, quarantine,
 * atomic publish), against DuckDB's own `CREATE TABLE … AS SELECT * FROM read_csv(…)` of the same
 * file, measured in the same run.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { z } from "zod";
import { definePipeline } from "../src/pipelines/framework/define-pipeline.ts";
import { createFetchJson } from "../src/pipelines/framework/fetch-json.ts";
import { createRunner } from "../src/pipelines/framework/run-pipeline.ts";
import { csvFile } from "../src/pipelines/sources/files.ts";
import { openDatabase } from "../src/store/database.ts";
import { silentLogger } from "../src/ground/logger.ts";

/** Every 200th row has a value that is not a number, every 200th (offset) one out of range: 1 % bad. */
export async function writeCsv(file: string, rows: number): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(`COPY (
    SELECT 'NL' || lpad((i % 500)::VARCHAR, 5, '0') AS station_number,
           ['NO2', 'PM10', 'PM25', 'O3'][(i // 500) % 4 + 1] AS formula,
           CASE WHEN i % 200 = 7 THEN 'n/a' WHEN i % 200 = 107 THEN '5000' ELSE round(5 + (hash(i) % 600) / 10, 1)::VARCHAR END AS value,
           strftime(TIMESTAMP '2020-01-01 01:00:00' + to_hours((i // 2000)::BIGINT), '%Y-%m-%dT%H:%M:%S+00:00') AS timestamp_measured
    FROM range(${rows}) t(i)
  ) TO '${file}' (HEADER, DELIMITER ',')`);
  connection.closeSync();
  instance.closeSync();
}

export async function benchIngestCsv({ rows = 10_000_000 } = {}) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-csv-"));
  try {
    const file = path.join(tmp, "measurements.csv");
    await writeCsv(file, rows);

    const raw = await DuckDBInstance.create(path.join(tmp, "raw.duckdb"));
    const connection = await raw.connect();
    let started = performance.now();
    await connection.run(`CREATE TABLE raw AS SELECT * FROM read_csv('${file}')`);
    const rawSeconds = (performance.now() - started) / 1000;
    connection.closeSync();
    raw.closeSync();

    const pipeline = definePipeline({
      name: "bench-measurements",
      title: { nl: "Benchmark", en: "Benchmark" },
      schedule: "0 0 * * *",
      source: csvFile(file),
      schema: z.object({
        station_number: z.string().regex(/^NL\d{5}$/),
        formula: z.enum(["NO2", "PM10", "PM25", "O3"]),
        value: z.number().min(-20).max(2000),
        timestamp_measured: z.iso.datetime({ offset: true }),
      }),
      mode: "replace",
      attribution: { source: "benchmark", licence: "CC0" },
    });
    const db = await openDatabase(path.join(tmp, "pipeline.duckdb"));
    const runner = createRunner({
      db,
      settings: { luchtmeetnet: { baseUrl: "" } },
      fetchJson: createFetchJson(),
      clock: () => new Date(),
      logger: silentLogger,
    });
    started = performance.now();
    const result = await runner.run(pipeline, "manual");
    const pipelineSeconds = (performance.now() - started) / 1000;
    db.close();
    if (result.status !== "succeeded") throw new Error(`bench pipeline failed: ${result.error}`);
    return {
      bench: "ingest",
      rows: result.rowsRead,
      loaded: result.rowsLoaded,
      rejected: result.rowsRejected,
      fileMB: Math.round(statSync(file).size / 2 ** 20),
      pipelineSeconds: Number(pipelineSeconds.toFixed(2)),
      rawSeconds: Number(rawSeconds.toFixed(2)),
      ratio: Number((pipelineSeconds / rawSeconds).toFixed(2)),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
