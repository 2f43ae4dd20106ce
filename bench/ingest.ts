/**
 * ingest-http: the air-quality-measurements pipeline over the demo (HTTP paging on loopback, records
 * staged as JSON text, set-wise validation, atomic publish) against DuckDB's own read_json of the
 * same files, measured in the same run.
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

export async function benchIngest(demoDir: string) {
  const manifest = readDemoManifest(demoDir);
  if (!manifest) throw new Error(`no demo data in ${demoDir}; run npm run demo:generate`);
  const upstreamDir = path.join(demoDir, manifest.luchtmeetnet.dir);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-"));
  try {
    const raw = await DuckDBInstance.create(path.join(tmp, "raw.duckdb"));
    const connection = await raw.connect();
    let started = performance.now();
    await connection.run(`CREATE TABLE m AS SELECT unnest(data, recursive := true) FROM read_json('${path.join(upstreamDir, "measurements", "*.json")}')`);
    const baselineMs = performance.now() - started;
    const rawRows = Number((await connection.runAndReadAll("SELECT count(*) FROM m")).getRows()[0]![0]);
    connection.closeSync();
    raw.closeSync();

    // The demo's own wiring: its loopback upstream, the real runner, a fresh database.
    const config = loadConfig({}, { MM_DB: path.join(tmp, "pipeline.duckdb"), MM_DEMO: true, MM_DEMO_DIR: demoDir });
    const context = await openPipelineContext({ config, clock: () => new Date(), log: () => {} });
    await context.runner.run(airQualityStations, "manual");
    started = performance.now();
    const result = await context.runner.run(airQualityMeasurements, "manual");
    const pipelineMs = performance.now() - started;
    await context.close();
    return {
      bench: "ingest-http",
      rows: result.rowsLoaded,
      baselineRows: rawRows,
      pipelineMs: Math.round(pipelineMs),
      baselineReadJsonMs: Math.round(baselineMs),
      ratio: Number((pipelineMs / baselineMs).toFixed(2)),
      rowsPerSecond: Math.round(result.rowsLoaded / (pipelineMs / 1000)),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
