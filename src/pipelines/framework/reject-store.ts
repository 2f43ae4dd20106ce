/**
 * What a run keeps of the rows it rejected: for all of them, how many per column and reason
 * (meta.reject_counts); the rows themselves — origin, line, column, reason, raw value — for a sample
 * of the first REJECT_SAMPLE_SIZE (meta.rejects). A source that breaks every row of every hourly run
 * then adds a bounded sample per run instead of its whole input; samples are kept for the newest
 * SAMPLED_RUNS_KEPT runs of a pipeline, and samples and counts go once their run is older than
 * MM_REJECTS_RETENTION_DAYS (at the start of a run, at most once an hour).
 */
import type { DuckDBConnection } from "@duckdb/node-api";

/** Rejected rows kept per run: enough to see what is wrong with a source, bounded whatever it sends. */
export const REJECT_SAMPLE_SIZE = 1000;
/** The first rows of each column and reason go into the sample first, so a rare reason keeps an example beside a flood of another. */
const FIRST_OF_EACH_REASON = 10;
/** A longer raw value (a GeoJSON feature with its polygon) is kept cut, ending in "…". */
export const RAW_MAX_CHARS = 4000;
export const DEFAULT_REJECTS_RETENTION_DAYS = 90;
/**
 * Samples kept per pipeline, newest runs first: a day of an hourly source. A source that breaks every
 * run would otherwise keep a sample per run for the whole retention period (2,160 of them hourly);
 * older runs keep their counts until the retention period ends.
 */
export const SAMPLED_RUNS_KEPT = 24;

/** The run the rejects belong to, and how much of its sample is taken. */
export interface RejectSink {
  runId: number;
  pipeline: string;
  /** Rows of this run in meta.rejects so far. */
  sampled: number;
}

/**
 * Records rejected rows given as an SQL relation with the columns `r` (read order), `origin`,
 * `line`, `column_name`, `reason` and `reason_nl` (why this row, which may quote its value), `kind`
 * and `kind_nl` (the reason it is counted under, without the row's own values) and `raw`. Every row
 * is counted; rows go into the sample while it has room. Returns the number of rows.
 */
export async function storeRejects(connection: DuckDBConnection, sink: RejectSink, rows: string): Promise<number> {
  const counted = await connection.runAndReadAll(
    `INSERT INTO meta.reject_counts (run_id, pipeline, column_name, reason, reason_nl, rejected)
     SELECT $1, $2, column_name, kind, kind_nl, count(*) FROM (${rows}) GROUP BY column_name, kind, kind_nl
     RETURNING rejected`,
    [sink.runId, sink.pipeline],
  );
  const total = counted.getRows().reduce((sum, [n]) => sum + Number(n), 0);
  const room = REJECT_SAMPLE_SIZE - sink.sampled;
  if (total === 0 || room <= 0) return total;
  await connection.run(
    `INSERT INTO meta.rejects (run_id, pipeline, origin, line, column_name, reason, raw, reason_nl)
     SELECT $1, $2, origin, line, column_name, reason,
            CASE WHEN length(raw) > ${RAW_MAX_CHARS} THEN left(raw, ${RAW_MAX_CHARS}) || '…' ELSE raw END, reason_nl
     FROM (SELECT *, row_number() OVER (PARTITION BY column_name, kind ORDER BY r) AS nth FROM (${rows}))
     ORDER BY nth > ${FIRST_OF_EACH_REASON}, r
     LIMIT ${room}`,
    [sink.runId, sink.pipeline],
  );
  sink.sampled += Math.min(total, room);
  return total;
}

/** Deletes the sample and counts of every run that started before `before`, and samples beyond the newest SAMPLED_RUNS_KEPT of a pipeline. */
export async function pruneRejects(connection: DuckDBConnection, before: Date): Promise<void> {
  for (const table of ["meta.rejects", "meta.reject_counts"]) {
    await connection.run(`DELETE FROM ${table} WHERE run_id IN (SELECT run_id FROM meta.pipeline_runs WHERE started_at < $1::TIMESTAMP)`, [
      before.toISOString(),
    ]);
  }
  await connection.run(
    `DELETE FROM meta.rejects WHERE run_id IN (
       SELECT run_id FROM (SELECT run_id, row_number() OVER (PARTITION BY pipeline ORDER BY run_id DESC) AS newest FROM (SELECT DISTINCT run_id, pipeline FROM meta.rejects))
       WHERE newest > $1)`,
    [SAMPLED_RUNS_KEPT],
  );
}

const HOUR_MS = 3_600_000;

/**
 * pruneRejects for a runner: at most once an hour by its clock, and one at a time. The scheduler may
 * start several runs at once, and two deletes of the same rows in overlapping transactions conflict.
 */
export function createRejectPruner(clock: () => Date, retentionDays: number): (connection: DuckDBConnection) => Promise<void> {
  let last = -Infinity;
  let pruning: Promise<void> | null = null;
  return async (connection) => {
    // A failure of the prune in progress fails the run that started it, and is recorded there.
    if (pruning) return pruning.catch(() => undefined);
    const now = clock().getTime();
    if (now - last < HOUR_MS) return;
    last = now;
    pruning = pruneRejects(connection, new Date(now - retentionDays * 24 * HOUR_MS)).finally(() => (pruning = null));
    return pruning;
  };
}
