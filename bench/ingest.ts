/**
 * Ingest: the air-quality-measurements pipeline over the demo (HTTP paging on loopback, zod
 * validation, appender, atomic publish) against DuckDB's own read_json of the same files, measured
 * in the same run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { readDemoManifest } from "../data/demo/generate-demo.ts";
import { createFetchJson } from "../pipelines/framework/fetch-json.ts";
import { startRecordedServer } from "../pipelines/framework/recorded-server.ts";
import { createRunner } from "../pipelines/framework/run-pipeline.ts";
import { pipelines } from "../pipelines/index.ts";
import { openDatabase } from "../server/db/database.ts";

export async function benchIngest(demoDir: string) {
  const manifest = readDemoManifest(demoDir);
  if (!manifest) throw new Error(`no demo data in ${demoDir}; run npm run demo:generate`);
  const upstreamDir = path.join(demoDir, manifest.luchtmeetnet.dir);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-"));
  try {
    const raw = await DuckDBInstance.create(path.join(tmp, "raw.duckdb"));
    const connection = await raw.connect();
    let started = performance.now();
    await connection.run(
      `CREATE TABLE m AS SELECT unnest(data, recursive := true) FROM read_json('${path.join(upstreamDir, "measurements", "*.json")}')`,
    );
    const baselineMs = performance.now() - started;
    const rawRows = Number((await connection.runAndReadAll("SELECT count(*) FROM m")).getRows()[0]![0]);
    connection.closeSync();
    raw.closeSync();

    const db = await openDatabase(path.join(tmp, "pipeline.duckdb"));
    const upstream = await startRecordedServer(upstreamDir);
    const settings = { luchtmeetnet: { baseUrl: upstream.url, from: manifest.luchtmeetnet.from, to: manifest.luchtmeetnet.to } };
    const runner = createRunner({ db, settings, fetchJson: createFetchJson(), clock: () => new Date(), log: () => {} });
    await runner.run(pipelines.find((p) => p.name === "air-quality-stations")!, "manual");
    started = performance.now();
    const result = await runner.run(pipelines.find((p) => p.name === "air-quality-measurements")!, "manual");
    const pipelineMs = performance.now() - started;
    await upstream.close();
    db.close();
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
