/**
 * The bookkeeping of a backfill in slices (a sliced source, source.ts): which slices the plan holds,
 * which are loaded (recorded in the slice's own publish transaction, so "loaded" can never point at
 * data that is not there), and the progress the analyst sees. A restart plans again and skips the
 * loaded slices: the backfill resumes where it stopped.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Database, QueryOptions } from "../../store/database.ts";
import type { BackfillProgress } from "../../ground/contract/contract.ts";
import type { ExtractContext, Slice, SlicedSource } from "./source.ts";

/** Asks the source for its plan, given what is loaded, and stores it: "once" slices, in order. */
export async function planSlices(connection: DuckDBConnection, pipeline: string, source: SlicedSource, context: ExtractContext): Promise<Slice[]> {
  const loadedRows = await connection.runAndReadAll("SELECT slice_id FROM meta.pipeline_slices WHERE pipeline = $1 AND run_id IS NOT NULL", [pipeline]);
  const loaded = new Set(loadedRows.getRows().map(([id]) => String(id)));
  const plan = await source.plan(context, loaded);
  const once = plan.filter((s) => s.repeat === "once");
  await connection.run("BEGIN TRANSACTION");
  try {
    // The plan is the truth: a slice it no longer holds (a provisional month now inside a validated year) goes.
    await connection.run(`DELETE FROM meta.pipeline_slices WHERE pipeline = $1 AND NOT list_contains(CAST($2::JSON AS VARCHAR[]), slice_id)`, [
      pipeline,
      JSON.stringify(once.map((s) => s.id)),
    ]);
    for (const [position, slice] of once.entries()) {
      await connection.run(
        `INSERT INTO meta.pipeline_slices (pipeline, slice_id, label, position) VALUES ($1, $2, $3, $4)
         ON CONFLICT (pipeline, slice_id) DO UPDATE SET label = excluded.label, position = excluded.position`,
        [pipeline, slice.id, slice.label, position],
      );
    }
    await connection.run("COMMIT");
  } catch (error) {
    await connection.run("ROLLBACK").catch(() => {});
    throw error;
  }
  return plan.filter((s) => s.repeat === "always" || !loaded.has(s.id));
}

/** Inside the slice's publish transaction: the slice is loaded, by this run, with these rows. */
export async function markSliceLoaded(
  connection: DuckDBConnection,
  pipeline: string,
  sliceId: string,
  runId: number,
  rows: { rowsLoaded: number; rowsReplaced: number },
  seconds: number,
  now: Date,
): Promise<void> {
  await connection.run(
    `UPDATE meta.pipeline_slices SET run_id = $3, rows_loaded = $4, rows_replaced = $5, seconds = $6, loaded_at = $7::TIMESTAMP
     WHERE pipeline = $1 AND slice_id = $2`,
    [pipeline, sliceId, runId, rows.rowsLoaded, rows.rowsReplaced, seconds, now.toISOString()],
  );
}

/** Progress of every sliced pipeline that has a plan, by pipeline name. */
export async function backfillProgress(db: Database, options?: QueryOptions): Promise<Map<string, BackfillProgress>> {
  const rows = await db.query(
    `SELECT pipeline,
            count(run_id)::INTEGER AS done,
            count(*)::INTEGER AS total,
            coalesce(sum(rows_loaded), 0)::BIGINT AS rows_loaded,
            avg(seconds) AS mean_seconds,
            arg_min(label, position) FILTER (WHERE run_id IS NULL) AS next
     FROM meta.pipeline_slices GROUP BY pipeline`,
    [],
    options,
  );
  return new Map(
    rows.map((r) => {
      const done = Number(r.done);
      const total = Number(r.total);
      const mean = r.mean_seconds === null ? null : Number(r.mean_seconds);
      return [
        String(r.pipeline),
        {
          slicesDone: done,
          slicesTotal: total,
          rowsLoaded: Number(r.rows_loaded),
          next: (r.next as string | null) ?? null,
          secondsLeft: mean === null ? null : Math.round(mean * (total - done)),
        },
      ];
    }),
  );
}
