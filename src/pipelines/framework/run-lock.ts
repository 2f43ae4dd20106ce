/**
 * The per-pipeline lock lives in the database next to the run record, taken in one transaction with
 * the run's creation: a second run of the same pipeline is refused, from any connection.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Database } from "../../store/database.ts";
import { localize } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";

export class PipelineBusyError extends Error {
  constructor(readonly pipeline: string) {
    super(`pipeline ${pipeline} is already running`);
  }
}

/** Creates the run record (with who started it by hand, if anyone) and takes the lock; throws PipelineBusyError when the lock is held. */
export async function beginRun(
  connection: DuckDBConnection,
  pipeline: string,
  trigger: string,
  startedAt: Date,
  startedBy: string | null = null,
): Promise<number> {
  await connection.run("BEGIN TRANSACTION");
  try {
    const held = await connection.runAndReadAll("SELECT run_id FROM meta.pipeline_locks WHERE pipeline = $1", [pipeline]);
    if (held.getRows().length) throw new PipelineBusyError(pipeline);
    const reader = await connection.runAndReadAll(
      `INSERT INTO meta.pipeline_runs (pipeline, trigger, status, started_at, started_by) VALUES ($1, $2, 'running', $3::TIMESTAMP, $4) RETURNING run_id`,
      [pipeline, trigger, startedAt.toISOString(), startedBy],
    );
    const runId = Number(reader.getRows()[0]![0]);
    await connection.run("INSERT INTO meta.pipeline_locks VALUES ($1, $2, $3::TIMESTAMP)", [pipeline, runId, startedAt.toISOString()]);
    await connection.run("COMMIT");
    return runId;
  } catch (error) {
    // A failed COMMIT has already rolled back, and a second ROLLBACK would hide why it failed.
    await connection.run("ROLLBACK").catch(() => {});
    // Two connections racing for the same lock row: the loser sees a conflict, which means busy.
    if (error instanceof PipelineBusyError || /conflict|constraint/i.test(String(error))) throw new PipelineBusyError(pipeline);
    throw error;
  }
}

export async function releaseLock(connection: DuckDBConnection, runId: number): Promise<void> {
  await connection.run("DELETE FROM meta.pipeline_locks WHERE run_id = $1", [runId]);
}

/**
 * At start-up: runs left `running` by a process that died can never finish. They become
 * `abandoned`, their locks are released, and their scratch tables are dropped.
 */
export async function abandonInterruptedRuns(db: Database, now: Date): Promise<number> {
  const abandoned = localize(msg("run.abandoned"));
  const rows = await db.query(
    `UPDATE meta.pipeline_runs SET status = 'abandoned', finished_at = $1::TIMESTAMP, error = $2, error_nl = $3 WHERE status = 'running' RETURNING run_id`,
    [now.toISOString(), abandoned.en, abandoned.nl],
  );
  await db.query("DELETE FROM meta.pipeline_locks");
  const scratch = await db.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_name LIKE '\\_\\_staging\\_%' ESCAPE '\\'",
  );
  for (const { table_name } of scratch) await db.query(`DROP TABLE IF EXISTS main."${String(table_name).replaceAll('"', '""')}"`);
  return rows.length;
}
