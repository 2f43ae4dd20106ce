/**
 * pipeline-failed: a pipeline whose last finished run failed (a run still going, interrupted by a
 * shutdown or abandoned after a crash changes nothing). pipeline-stale: a published dataset older
 * than its source's release schedule allows (its newest period, or for records without one its last
 * publish, past errorAfterHours), judged by the pipeline service against the wall clock, as GET
 * /api/v1/pipelines, /readyz and /metrics are; also on the demo's frozen snapshot, which does not
 * hold /readyz back but is stale all the same.
 */
import { pipelines } from "../../pipelines/index.ts";
import type { Database } from "../../store/database.ts";
import { localize, storedText } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { PipelineService } from "../pipelines/pipeline-service.ts";
import type { AlertCondition } from "./alert-condition.ts";
import { selects, type AlertRule } from "./alert-rules.ts";

const LAST_FINISHED_SQL = `SELECT pipeline, run_id, status, error, error_nl, strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished_at
  FROM meta.pipeline_runs WHERE status IN ('succeeded', 'failed')
  QUALIFY row_number() OVER (PARTITION BY pipeline ORDER BY run_id DESC) = 1`;

export interface FailedRun {
  pipeline: string;
  runId: number;
  /** In English, as the webhook's details carry it. */
  error: string;
  /** In Dutch, for the Dutch message; the English text for runs recorded before there was one. */
  errorNl: string;
  finishedAt: string;
}

export async function readFailedRuns(db: Database, signal: AbortSignal): Promise<FailedRun[]> {
  const rows = await db.query(LAST_FINISHED_SQL, [], { signal, timeoutMs: 30_000 });
  return rows
    .filter((r) => r.status === "failed")
    .map((r) => ({
      pipeline: String(r.pipeline),
      runId: Number(r.run_id),
      error: String(r.error ?? ""),
      errorNl: String(r.error_nl ?? r.error ?? ""),
      finishedAt: String(r.finished_at),
    }));
}

export function failedConditions(rule: Extract<AlertRule, { kind: "pipeline-failed" }>, failed: FailedRun[]): AlertCondition[] {
  return failed
    .filter((run) => selects(rule.pipelines, run.pipeline))
    .map((run) => {
      const title = pipelines.find((p) => p.name === run.pipeline)?.title ?? { nl: run.pipeline, en: run.pipeline };
      return {
        rule: rule.id,
        kind: rule.kind,
        subject: run.pipeline,
        message: localize(msg("alert.pipelineFailed", { title, pipeline: run.pipeline, runId: run.runId, error: storedText(run.error, run.errorNl) })),
        details: { pipeline: run.pipeline, runId: run.runId, error: run.error, finishedAt: run.finishedAt },
      };
    });
}

export interface StaleDataset {
  pipeline: string;
  latest: string;
  ageHours: number;
  errorAfterHours: number;
}

/**
 * The published datasets judged stale by the pipeline service (the judgement GET /api/v1/pipelines,
 * /readyz and the metrics show), so an alert and readiness never disagree about a dataset.
 */
export async function readStaleDatasets(pipelines: Pick<PipelineService, "freshness">, signal: AbortSignal): Promise<StaleDataset[]> {
  const all = await pipelines.freshness({ signal, timeoutMs: 30_000 });
  return all.flatMap(({ name, freshness, ageHours }) =>
    freshness.status === "stale" && freshness.latest && ageHours !== null && freshness.errorAfterHours !== null
      ? [{ pipeline: name, latest: freshness.latest, ageHours: Math.round(ageHours), errorAfterHours: freshness.errorAfterHours }]
      : [],
  );
}

export function staleConditions(rule: Extract<AlertRule, { kind: "pipeline-stale" }>, stale: StaleDataset[]): AlertCondition[] {
  return stale
    .filter((s) => selects(rule.pipelines, s.pipeline))
    .map((s) => ({
      rule: rule.id,
      kind: rule.kind,
      subject: s.pipeline,
      message: localize(msg("alert.pipelineStale", { pipeline: s.pipeline, latest: s.latest, age: s.ageHours, limit: s.errorAfterHours })),
      details: { pipeline: s.pipeline, latest: s.latest, ageHours: s.ageHours, errorAfterHours: s.errorAfterHours },
    }));
}
