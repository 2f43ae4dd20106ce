/** What the analyst sees of the pipelines: registry, run history, checks, rejects, freshness. */
import type { PipelineSummary, QuarantinedRow, RunDetail, RunSummary } from "../../ground/contract/contract.ts";
import type { Database, QueryOptions, Row } from "../../store/database.ts";
import { Conflict, NotFound, Unavailable } from "../../ground/domain-errors.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { storedText } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { PipelineDefinition } from "../../pipelines/framework/define-pipeline.ts";
import type { NoDemoData } from "../../pipelines/framework/demo-data.ts";
import { nextRunAt } from "../../pipelines/framework/cron-schedule.ts";
import { createFreshnessJudge, type FreshnessOptions, type JudgedFreshness } from "./pipeline-freshness.ts";
import { REJECT_SAMPLE_SIZE } from "../../pipelines/framework/reject-store.ts";
import { readPublishChanges } from "../../pipelines/framework/publish-changes.ts";
import { backfillProgress } from "../../pipelines/framework/slices.ts";
import { PipelineBusyError, RunnerStoppedError, type Runner } from "../../pipelines/framework/run-pipeline.ts";
import { findPipeline, pipelines } from "../../pipelines/index.ts";

export type { JudgedFreshness } from "./pipeline-freshness.ts";

const iso = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ')`;
const RUN_COLUMNS = `run_id, pipeline, trigger, status, ${iso("started_at")} AS started_at, ${iso("finished_at")} AS finished_at,
  rows_read, rows_loaded, rows_rejected, rows_duplicate, rows_replaced, coalesce(warnings, 0) AS warnings, error, error_nl, started_by`;
const LATEST_RUNS_SQL = `SELECT ${RUN_COLUMNS} FROM meta.pipeline_runs QUALIFY row_number() OVER (PARTITION BY pipeline ORDER BY run_id DESC) = 1`;
const RUNS_SQL = `SELECT ${RUN_COLUMNS} FROM meta.pipeline_runs WHERE pipeline = $1 ORDER BY run_id DESC LIMIT $2`;
const RUN_SQL = `SELECT ${RUN_COLUMNS} FROM meta.pipeline_runs WHERE pipeline = $1 AND run_id = $2`;
/** A run's stored rejected rows (meta.rejects), in the order of the file or pages they came from. */
const REJECTS_SQL = "SELECT origin, line, column_name, reason, reason_nl, raw FROM meta.rejects WHERE run_id = $1 ORDER BY origin, line";
const REJECT_SAMPLE_SQL = `${REJECTS_SQL} LIMIT $2`;

const toReject = (r: Row): QuarantinedRow => ({
  origin: String(r.origin),
  line: r.line === null ? null : Number(r.line),
  column: (r.column_name as string | null) ?? null,
  reason: storedText(String(r.reason), r.reason_nl as string | null),
  raw: String(r.raw),
});

const countOf = (value: unknown) => (value === null || value === undefined ? null : Number(value));

const toRun = (r: Row): RunSummary => {
  const [read, rejected] = [countOf(r.rows_read), countOf(r.rows_rejected)];
  return {
    runId: Number(r.run_id),
    pipeline: String(r.pipeline),
    trigger: r.trigger as RunSummary["trigger"],
    status: r.status as RunSummary["status"],
    startedAt: String(r.started_at),
    finishedAt: (r.finished_at as string | null) ?? null,
    rowsRead: (r.rows_read as number | null) ?? null,
    rowsLoaded: (r.rows_loaded as number | null) ?? null,
    rowsRejected: (r.rows_rejected as number | null) ?? null,
    rowsDuplicate: (r.rows_duplicate as number | null) ?? null,
    rowsReplaced: (r.rows_replaced as number | null) ?? null,
    warnings: Number(r.warnings),
    error: r.error === null || r.error === undefined ? null : storedText(String(r.error), r.error_nl as string | null),
    rowsRejectedShare: read && rejected !== null ? rejected / read : null,
    startedBy: (r.started_by as string | null) ?? null,
  };
};

/**
 * `noDemoData`: the pipelines the demo has no data for (findNoDemoData), listed as such; none by default.
 * `clock`: the wall clock freshness is judged by, also on the demo's snapshot (`freshnessOptions.snapshotUntil`).
 */
export function createPipelineService(
  db: Database,
  runner: Runner,
  clock: () => Date,
  noDemoData: NoDemoData = new Map(),
  freshnessOptions: FreshnessOptions = {},
) {
  function resolve(name: string): PipelineDefinition {
    const pipeline = findPipeline(name);
    if (!pipeline) throw new NotFound(msg("unknown.pipeline", { name: quoted(name) }));
    return pipeline;
  }

  // One judgement of freshness for the view, /readyz, /metrics and the alerts (pipeline-freshness.ts).
  const freshnessOf = createFreshnessJudge(db, clock, freshnessOptions).judge;

  return {
    async list(options: QueryOptions): Promise<PipelineSummary[]> {
      const last = await db.query(LATEST_RUNS_SQL, [], options);
      const published = await db.published.settled();
      const locks = await db.query("SELECT pipeline FROM meta.pipeline_locks", [], options);
      const backfills = await backfillProgress(db, options);
      const summaries = [];
      for (const pipeline of pipelines) {
        const lastRun = last.find((r) => r.pipeline === pipeline.name);
        const publishedRun = published.get(pipeline.name);
        summaries.push({
          name: pipeline.name,
          title: pipeline.title,
          schedule: pipeline.schedule,
          source: pipeline.source.describe,
          table: pipeline.table,
          mode: pipeline.mode,
          running: runner.isRunning(pipeline.name) || locks.some((l) => l.pipeline === pipeline.name),
          lastRun: lastRun ? toRun(lastRun) : null,
          publishedRunId: publishedRun?.runId ?? null,
          freshness: (await freshnessOf(pipeline, publishedRun, options)).freshness,
          // The scheduler leaves out a pipeline the demo has no data for.
          nextRunAt: noDemoData.has(pipeline.name) ? null : nextRunAt(pipeline.schedule, clock()),
          noDemoData: noDemoData.has(pipeline.name),
          backfill: backfills.get(pipeline.name) ?? null,
        });
      }
      return summaries;
    },

    /**
     * Each pipeline's freshness, judged as in list(), with the age in hours (null when unknown):
     * for GET /readyz, the metrics and the pipeline-stale alerts, without the run history.
     */
    async freshness(options: QueryOptions): Promise<({ name: string; backfilling: boolean } & JudgedFreshness)[]> {
      const published = await db.published.settled();
      const backfills = await backfillProgress(db, options);
      const result = [];
      for (const pipeline of pipelines) {
        const backfill = backfills.get(pipeline.name);
        const backfilling = backfill !== undefined && backfill.slicesDone < backfill.slicesTotal;
        result.push({ name: pipeline.name, backfilling, ...(await freshnessOf(pipeline, published.get(pipeline.name), options)) });
      }
      return result;
    },

    async runs(name: string, limit: number, options: QueryOptions): Promise<RunSummary[]> {
      resolve(name);
      const rows = await db.query(RUNS_SQL, [name, limit], options);
      return rows.map(toRun);
    },

    async run(name: string, runId: number, options: QueryOptions): Promise<RunDetail> {
      resolve(name);
      const rows = await db.query(RUN_SQL, [name, runId], options);
      if (!rows[0]) throw new NotFound(msg("unknown.run", { name: quoted(name), runId }));
      const checks = await db.query(
        "SELECT name, level, passed, count, sample, message, message_nl FROM meta.check_results WHERE run_id = $1 ORDER BY rowid",
        [runId],
        options,
      );
      // Runs recorded before the sample was bounded may hold more rows: they show a sample's worth.
      const rejects = await db.query(REJECT_SAMPLE_SQL, [runId, REJECT_SAMPLE_SIZE], options);
      const counts = await db.query(
        "SELECT column_name, reason, reason_nl, sum(rejected)::BIGINT AS n FROM meta.reject_counts WHERE run_id = $1 GROUP BY ALL ORDER BY n DESC, column_name NULLS FIRST, reason",
        [runId],
        options,
      );
      // Runs recorded before the counts were kept have all their rows in the sample.
      const total = counts.length
        ? counts.reduce((sum, c) => sum + Number(c.n), 0)
        : Number((await db.query("SELECT count(*) AS n FROM meta.rejects WHERE run_id = $1", [runId], options))[0]?.n ?? 0);
      return {
        ...toRun(rows[0]),
        checks: checks.map((c) => ({
          name: String(c.name),
          level: c.level as "error" | "warn",
          passed: Boolean(c.passed),
          count: Number(c.count),
          sample: (c.sample as string[]) ?? [],
          message: storedText(String(c.message), c.message_nl as string | null),
        })),
        rejects: rejects.map(toReject),
        rejectsTotal: total,
        rejectsSampleCut: total > rejects.length,
        rejectCounts: counts.map((c) => ({
          column: (c.column_name as string | null) ?? null,
          reason: storedText(String(c.reason), c.reason_nl as string | null),
          rows: Number(c.n),
        })),
        changes: await readPublishChanges(db, runId, options),
      };
    },

    /**
     * Every rejected row a run kept (meta.rejects: the sample, normally all but the rows past the first
     * 1,000), for the CSV download; 404 for a run the pipeline does not have.
     */
    async rejects(name: string, runId: number, options: QueryOptions): Promise<{ rows: QuarantinedRow[]; rowsRejected: number | null }> {
      resolve(name);
      const run = await db.query("SELECT rows_rejected FROM meta.pipeline_runs WHERE pipeline = $1 AND run_id = $2", [name, runId], options);
      if (!run[0]) throw new NotFound(msg("unknown.run", { name: quoted(name), runId }));
      const rows = (await db.query(REJECTS_SQL, [runId], options)).map(toReject);
      return { rows, rowsRejected: countOf(run[0].rows_rejected) };
    },

    /** Starts a run now; resolves once it is recorded, while the run continues in the background. `startedBy`: the user who asked. */
    async start(name: string, startedBy: string | null = null): Promise<number> {
      const pipeline = resolve(name);
      try {
        const { runId, done } = await runner.start(pipeline, "manual", startedBy);
        // The outcome is in the run record; a rejection here would be a bug in the runner itself.
        done.catch(() => undefined);
        return runId;
      } catch (error) {
        if (error instanceof PipelineBusyError) throw new Conflict(msg("pipeline.busy", { name: error.pipeline }));
        if (error instanceof RunnerStoppedError) throw new Unavailable(msg("pipeline.shuttingDown"));
        throw error;
      }
    },
  };
}

export type PipelineService = ReturnType<typeof createPipelineService>;
