/**
 * backfill: the air-quality-measurements pipeline over the demo (RIVM bulk files, latin-1 and wide,
 * a slice per validated year and provisional month, then the open API's recent month, over HTTP on
 * loopback; records staged as JSON text, set-wise validation, tier precedence, a publish per slice)
 * against DuckDB's own read_csv and UNPIVOT of the same bulk files, measured in the same run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { readDemoManifest } from "../data/demo/generate-demo.ts";
import { loadConfig } from "../src/app/config.ts";
import { openPipelineContext } from "../src/app/start-monitor.ts";
import airQualityMeasurements from "../src/pipelines/air-quality-measurements.ts";
import airQualityStations from "../src/pipelines/air-quality-stations.ts";

export async function benchBackfill(demoDir: string) {
  const manifest = readDemoManifest(demoDir);
  if (!manifest) throw new Error(`no demo data in ${demoDir}; run npm run demo:generate`);
  const files = path.join(demoDir, manifest.rivm.dir, "**", "*.csv");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-"));
  try {
    const raw = await DuckDBInstance.create(path.join(tmp, "raw.duckdb"));
    const connection = await raw.connect();
    let started = performance.now();
    // The same files, read as directly as DuckDB can: seven metadata rows skipped, every station column unpivoted.
    await connection.run(
      `CREATE TABLE m AS
       SELECT * FROM (UNPIVOT (SELECT * FROM read_csv('${files}', delim = ';', skip = 7, header = true, encoding = 'latin-1', all_varchar = true, union_by_name = true))
                      ON COLUMNS('^NL') INTO NAME station VALUE value)
       WHERE value <> ''`,
    );
    const baselineMs = performance.now() - started;
    const baselineRows = Number((await connection.runAndReadAll("SELECT count(*) FROM m")).getRows()[0]![0]);
    connection.closeSync();
    raw.closeSync();

    // The demo's own wiring: its loopback upstream, the real runner, a fresh database.
    const config = loadConfig({}, { MM_DB: path.join(tmp, "pipeline.duckdb"), MM_DEMO: true, MM_DEMO_DIR: demoDir });
    const context = await openPipelineContext({ config, clock: () => new Date(), log: () => {} });
    await context.runner.run(airQualityStations, "manual");
    started = performance.now();
    const result = await context.runner.run(airQualityMeasurements, "manual");
    const pipelineMs = performance.now() - started;
    const slices = await context.db.query("SELECT count(*)::INTEGER AS n FROM meta.pipeline_slices WHERE run_id IS NOT NULL");
    await context.close();
    if (result.status !== "succeeded") throw new Error(`the backfill failed: ${result.error}`);
    return {
      bench: "backfill",
      slices: Number(slices[0]!.n),
      rows: result.rowsLoaded,
      baselineRows,
      pipelineMs: Math.round(pipelineMs),
      baselineReadCsvMs: Math.round(baselineMs),
      ratio: Number((pipelineMs / baselineMs).toFixed(2)),
      rowsPerSecond: Math.round(result.rowsLoaded / (pipelineMs / 1000)),
      baselineRowsPerSecond: Math.round(baselineRows / (baselineMs / 1000)),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
