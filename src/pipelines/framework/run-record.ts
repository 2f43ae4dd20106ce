/** The run record's counts and its end (meta.pipeline_runs), written in the run's own transaction. */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { LocalizedText } from "../../ground/i18n/localize.ts";

export interface RunCounts {
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rowsDuplicate: number;
  rowsReplaced: number;
}

export async function finishRun(
  connection: DuckDBConnection,
  runId: number,
  status: "succeeded" | "failed" | "interrupted",
  counts: RunCounts,
  warnings: number,
  error: LocalizedText | null,
  finishedAt: Date,
) {
  await updateRunCounts(connection, runId, counts);
  await connection.run(`UPDATE meta.pipeline_runs SET status = $2, finished_at = $3::TIMESTAMP, warnings = $4, error = $5, error_nl = $6 WHERE run_id = $1`, [
    runId,
    status,
    finishedAt.toISOString(),
    warnings,
    error?.en ?? null,
    error?.nl ?? null,
  ]);
}

/** The counts so far: a backfill updates them with every slice it publishes. */
export async function updateRunCounts(connection: DuckDBConnection, runId: number, counts: RunCounts) {
  await connection.run(
    `UPDATE meta.pipeline_runs SET rows_read = $2, rows_loaded = $3, rows_rejected = $4, rows_duplicate = $5, rows_replaced = $6 WHERE run_id = $1`,
    [runId, counts.rowsRead, counts.rowsLoaded, counts.rowsRejected, counts.rowsDuplicate, counts.rowsReplaced],
  );
}
