/**
 * One run of one pipeline: extract → validate (rejects to quarantine) → staging table → checks →
 * publish in one transaction together with the run record. A run that fails at any point before
 * COMMIT leaves the published table as it was and records why.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Database } from "../../server/db/database.ts";
import { appendRecord, columnsDdl, columnsOf, quote, type Column } from "./columns.ts";
import type { PipelineDefinition } from "./define-pipeline.ts";
import type { FetchJson } from "./fetch-json.ts";
import type { SourceSettings } from "./source.ts";

export type FaultPoint = "after-staging" | "before-commit" | "after-commit";

export interface RunnerDeps {
  db: Database;
  settings: SourceSettings;
  fetchJson: FetchJson;
  clock: () => Date;
  log: (message: string) => void;
  /** Test seam for crash and failure tests: called at named points of every run. */
  fault?: (point: FaultPoint, pipeline: string) => void | Promise<void>;
}

export interface RunResult {
  runId: number;
  status: "succeeded" | "failed";
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  error: string | null;
}

export type Trigger = "schedule" | "manual" | "startup";

export class PipelineBusyError extends Error {
  constructor(readonly pipeline: string) {
    super(`pipeline ${pipeline} is already running`);
  }
}

const RUN_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export interface Runner {
  run(pipeline: PipelineDefinition, trigger: Trigger): Promise<RunResult>;
  isRunning(name: string): boolean;
}

export function createRunner(deps: RunnerDeps): Runner {
  // One process owns the database file, so an in-process set is a sufficient per-pipeline lock.
  const running = new Set<string>();
  return {
    isRunning: (name) => running.has(name),
    async run(pipeline, trigger) {
      if (running.has(pipeline.name)) throw new PipelineBusyError(pipeline.name);
      running.add(pipeline.name);
      try {
        return await deps.db.withConnection((connection) => runOnce(connection, pipeline, trigger, deps), {
          timeoutMs: RUN_TIMEOUT_MS,
        });
      } finally {
        running.delete(pipeline.name);
      }
    },
  };
}

async function runOnce(
  connection: DuckDBConnection,
  pipeline: PipelineDefinition,
  trigger: Trigger,
  deps: RunnerDeps,
): Promise<RunResult> {
  const startedAt = deps.clock();
  const runId = Number(
    (
      await connection.runAndReadAll(
        `INSERT INTO meta.pipeline_runs (pipeline, trigger, status, started_at) VALUES ($1, $2, 'running', $3::TIMESTAMP) RETURNING run_id`,
        [pipeline.name, trigger, startedAt.toISOString()],
      )
    ).getRows()[0]![0],
  );
  const stagingTable = `${pipeline.table}__run_${runId}`;
  const counts = { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 };
  let inTransaction = false;
  try {
    const columns = columnsOf(pipeline.schema);
    await connection.run(`CREATE OR REPLACE TABLE staging.${quote(stagingTable)} (${columnsDdl(columns)})`);
    await extractToStaging(connection, pipeline, columns, stagingTable, runId, counts, deps);
    await deps.fault?.("after-staging", pipeline.name);
    await checkKeys(connection, pipeline, stagingTable);

    await connection.run("BEGIN TRANSACTION");
    inTransaction = true;
    await publish(connection, pipeline, columns, stagingTable);
    await connection.run(
      `INSERT OR REPLACE INTO meta.published (pipeline, table_name, run_id, published_at) VALUES ($1, $2, $3, $4::TIMESTAMP)`,
      [pipeline.name, pipeline.table, runId, deps.clock().toISOString()],
    );
    await finishRun(connection, runId, "succeeded", counts, null, deps.clock());
    await deps.fault?.("before-commit", pipeline.name);
    await connection.run("COMMIT");
    inTransaction = false;
    await deps.fault?.("after-commit", pipeline.name);
    deps.log(`pipeline ${pipeline.name} run ${runId}: ${counts.rowsLoaded} rows published, ${counts.rowsRejected} rejected`);
    return { runId, status: "succeeded", ...counts, error: null };
  } catch (error) {
    if (inTransaction) await connection.run("ROLLBACK");
    const message = error instanceof Error ? error.message : String(error);
    await finishRun(connection, runId, "failed", counts, message, deps.clock());
    deps.log(`pipeline ${pipeline.name} run ${runId} failed, previous data kept: ${message}`);
    return { runId, status: "failed", ...counts, error: message };
  } finally {
    await connection.run(`DROP TABLE IF EXISTS staging.${quote(stagingTable)}`);
  }
}

async function extractToStaging(
  connection: DuckDBConnection,
  pipeline: PipelineDefinition,
  columns: Column[],
  stagingTable: string,
  runId: number,
  counts: { rowsRead: number; rowsLoaded: number; rowsRejected: number },
  deps: RunnerDeps,
): Promise<void> {
  const appender = await connection.createAppender(stagingTable, "staging");
  const quarantine = await connection.createAppender("quarantine", "meta");
  try {
    const context = {
      settings: deps.settings,
      fetchJson: deps.fetchJson,
      now: deps.clock(),
      table: pipeline.table,
      signal: new AbortController().signal,
      query: (sql: string, params: unknown[] = []) =>
        deps.db.query(sql, params as never),
    };
    for await (const page of pipeline.source.extract(context)) {
      page.records.forEach((raw, index) => {
        counts.rowsRead += 1;
        const parsed = pipeline.schema.safeParse(raw);
        if (parsed.success) {
          appendRecord(appender, columns, parsed.data);
          counts.rowsLoaded += 1;
        } else {
          counts.rowsRejected += 1;
          const reason = parsed.error.issues.map((i) => `${i.path.join(".") || "record"}: ${i.message}`).join("; ");
          for (const value of [runId, pipeline.name, page.origin, index, reason, JSON.stringify(raw) ?? "undefined"]) {
            if (typeof value === "number") quarantine.appendBigInt(BigInt(value));
            else quarantine.appendVarchar(value);
          }
          quarantine.endRow();
        }
      });
    }
  } finally {
    appender.closeSync();
    quarantine.closeSync();
  }
}

async function checkKeys(connection: DuckDBConnection, pipeline: PipelineDefinition, stagingTable: string) {
  if (pipeline.key.length === 0) return;
  const key = pipeline.key.map(quote).join(", ");
  const reader = await connection.runAndReadAll(
    `SELECT count(*) - count(DISTINCT (${key})) FROM staging.${quote(stagingTable)}`,
  );
  const duplicates = Number(reader.getRows()[0]![0]);
  if (duplicates > 0) throw new Error(`${duplicates} records repeat a key (${pipeline.key.join(", ")}); nothing published`);
}

async function publish(connection: DuckDBConnection, pipeline: PipelineDefinition, columns: Column[], stagingTable: string) {
  const target = `main.${quote(pipeline.table)}`;
  const staged = `staging.${quote(stagingTable)}`;
  if (pipeline.mode === "replace") {
    await connection.run(`CREATE OR REPLACE TABLE ${target} AS SELECT * FROM ${staged}`);
    return;
  }
  await connection.run(`CREATE TABLE IF NOT EXISTS ${target} (${columnsDdl(columns)})`);
  if (pipeline.mode === "upsert") {
    const match = pipeline.key.map((k) => `${target}.${quote(k)} = ${staged}.${quote(k)}`).join(" AND ");
    await connection.run(`DELETE FROM ${target} USING ${staged} WHERE ${match}`);
  }
  await connection.run(`INSERT INTO ${target} SELECT * FROM ${staged}`);
}

async function finishRun(
  connection: DuckDBConnection,
  runId: number,
  status: "succeeded" | "failed",
  counts: { rowsRead: number; rowsLoaded: number; rowsRejected: number },
  error: string | null,
  finishedAt: Date,
) {
  await connection.run(
    `UPDATE meta.pipeline_runs SET status = $2, finished_at = $3::TIMESTAMP, rows_read = $4, rows_loaded = $5, rows_rejected = $6, error = $7 WHERE run_id = $1`,
    [runId, status, finishedAt.toISOString(), counts.rowsRead, counts.rowsLoaded, counts.rowsRejected, error],
  );
}

/** Runs left "running" by a process that died can never finish: say so at start-up. */
export async function failInterruptedRuns(db: Database, now: Date): Promise<number> {
  const rows = await db.query(
    `UPDATE meta.pipeline_runs SET status = 'failed', finished_at = $1::TIMESTAMP, error = 'interrupted: the process stopped during this run' WHERE status = 'running' RETURNING run_id`,
    [now.toISOString()],
  );
  return rows.length;
}
