/** A real DuckDB file and a runner, without the HTTP app: for tests of the pipeline framework. */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { createFetchJson } from "../../src/pipelines/framework/fetch-json.ts";
import { createRunner, type Runner, type RunnerDeps } from "../../src/pipelines/framework/run-pipeline.ts";
import type { SourceSettings } from "../../src/pipelines/framework/source.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { silentLogger } from "../../src/ground/logger.ts";
import { clock } from "./test-server.ts";

export const fixturesDir = path.resolve(import.meta.dirname, "../fixtures");

export interface Harness {
  db: Database;
  runner: Runner;
  close(): void;
}

export async function openHarness(settings: Partial<SourceSettings> = {}, deps: Partial<RunnerDeps> = {}): Promise<Harness> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-pipeline-"));
  const db = await openDatabase(path.join(tmp, "p.duckdb"));
  const runner = createRunner({
    db,
    settings: { luchtmeetnet: { baseUrl: "http://127.0.0.1:9" }, filesDir: fixturesDir, ...settings },
    fetchJson: createFetchJson({ baseDelayMs: 5, retries: 2 }),
    clock,
    logger: silentLogger,
    ...deps,
  });
  return {
    db,
    runner,
    close() {
      db.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** The record schema of the measurement fixtures. */
export const measurementSchema = z.object({
  station_number: z.string().regex(/^NL\d{5}$/),
  formula: z.enum(["NO2", "PM10"]),
  value: z.number().min(0).max(500),
  timestamp_measured: z.iso.datetime({ offset: true }),
});

/** A table's version, independent of row order: its row count and the sum of its rows' hashes. */
export async function fingerprint(db: Database, table: string): Promise<string> {
  const rows = await db.query(`SELECT count(*) AS n, sum(hash(t))::VARCHAR AS h FROM main."${table}" t`);
  return `${rows[0]!.n}:${rows[0]!.h}`;
}

/** The fingerprint of every published table, by table name. */
export async function fingerprintAll(db: Database): Promise<Record<string, string>> {
  const tables = await db.query("SELECT table_name FROM meta.published ORDER BY table_name");
  const entries = await Promise.all(tables.map(async ({ table_name }) => [table_name, await fingerprint(db, String(table_name))] as const));
  return Object.fromEntries(entries);
}
