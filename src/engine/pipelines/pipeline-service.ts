/** What the analyst sees of the pipelines: registry, run history, checks, rejects, freshness. */
import type { Freshness, PipelineSummary, RunDetail, RunSummary } from "../../ground/contract/contract.ts";
import type { Database, QueryOptions, Row } from "../../store/database.ts";
import type { PublishedRun } from "../../store/published-runs.ts";
import { Conflict, NotFound, Unavailable } from "../../ground/domain-errors.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { storedText } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { PipelineDefinition } from "../../pipelines/framework/define-pipeline.ts";
import type { NoDemoData } from "../../pipelines/framework/demo-data.ts";
import { judgeFreshness, latestIsoSql } from "../../pipelines/framework/checks.ts";
import { REJECT_SAMPLE_SIZE } from "../../pipelines/framework/reject-store.ts";
import { backfillProgress } from "../../pipelines/framework/slices.ts";
import { PipelineBusyError, RunnerStoppedError, type Runner } from "../../pipelines/framework/run-pipeline.ts";
import { quote } from "../../ground/sql-text.ts";
import { findPipeline, pipelines } from "../../pipelines/index.ts";

/** A dataset's freshness as the API shows it, and its age the status was judged on. */
export interface JudgedFreshness {
  freshness: Freshness;
  ageHours: number | null;
}

const iso = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ')`;
const RUN_COLUMNS = `run_id, pipeline, trigger, status, ${iso("started_at")} AS started_at, ${iso("finished_at")} AS finished_at,
  rows_read, rows_loaded, rows_rejected, rows_duplicate, rows_replaced, coalesce(warnings, 0) AS warnings, error, error_nl`;
const LATEST_RUNS_SQL = `SELECT ${RUN_COLUMNS} FROM meta.pipeline_runs QUALIFY row_number() OVER (PARTITION BY pipeline ORDER BY run_id DESC) = 1`;
const RUNS_SQL = `SELECT ${RUN_COLUMNS} FROM meta.pipeline_runs WHERE pipeline = $1 ORDER BY run_id DESC LIMIT $2`;
const RUN_SQL = `SELECT ${RUN_COLUMNS} FROM meta.pipeline_runs WHERE pipeline = $1 AND run_id = $2`;

const toRun = (r: Row): RunSummary => ({
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
});

/** `noDemoData`: the pipelines the demo has no data for (findNoDemoData), listed as such; none by default. */
export function createPipelineService(db: Database, runner: Runner, now: () => Date, noDemoData: NoDemoData = new Map()) {
  function resolve(name: string): PipelineDefinition {
    const pipeline = findPipeline(name);
    if (!pipeline) throw new NotFound(msg("unknown.pipeline", { name: quoted(name) }));
    return pipeline;
  }

  // The newest timestamp of a published dataset changes only with a publish: read once per published run.
  const latestByRun = new Map<string, { runId: number; latest: string | null }>();

  async function latestOf(pipeline: PipelineDefinition, column: string, runId: number, options: QueryOptions): Promise<string | null> {
    const cached = latestByRun.get(pipeline.name);
    if (cached?.runId === runId) return cached.latest;
    const rows = await db.query(latestIsoSql(column, `main.${quote(pipeline.table)}`), [], options);
    const latest = (rows[0]?.latest as string | null) ?? null;
    latestByRun.set(pipeline.name, { runId, latest });
    return latest;
  }

  async function freshnessOf(pipeline: PipelineDefinition, published: PublishedRun | undefined, options: QueryOptions): Promise<JudgedFreshness> {
    const rule = pipeline.freshness;
    if (!rule) return { freshness: { status: "unknown", latest: null, warnAfterHours: null, errorAfterHours: null }, ageHours: null };
    const limits = { warnAfterHours: rule.warnAfterHours, errorAfterHours: rule.errorAfterHours };
    if (!published) return { freshness: { status: "unknown", latest: null, ...limits }, ageHours: null };
    const latest = await latestOf(pipeline, rule.column, published.runId, options);
    if (!latest) return { freshness: { status: "unknown", latest, ...limits }, ageHours: null };
    const { status, ageHours } = judgeFreshness(latest, now(), rule);
    return { freshness: { status, latest, ...limits }, ageHours };
  }

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
      const rejects = await db.query(
        "SELECT origin, line, column_name, reason, reason_nl, raw FROM meta.rejects WHERE run_id = $1 ORDER BY origin, line LIMIT $2",
        [runId, REJECT_SAMPLE_SIZE],
        options,
      );
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
        rejects: rejects.map((r) => ({
          origin: String(r.origin),
          line: r.line === null ? null : Number(r.line),
          column: (r.column_name as string | null) ?? null,
          reason: storedText(String(r.reason), r.reason_nl as string | null),
          raw: String(r.raw),
        })),
        rejectsTotal: total,
        rejectsSampleCut: total > rejects.length,
        rejectCounts: counts.map((c) => ({
          column: (c.column_name as string | null) ?? null,
          reason: storedText(String(c.reason), c.reason_nl as string | null),
          rows: Number(c.n),
        })),
      };
    },

    /** Starts a run now; resolves once it is recorded, while the run continues in the background. */
    async start(name: string): Promise<number> {
      const pipeline = resolve(name);
      try {
        const { runId, done } = await runner.start(pipeline, "manual");
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
