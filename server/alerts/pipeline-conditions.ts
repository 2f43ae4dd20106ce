/**
 * pipeline-failed: a pipeline whose last finished run failed (a run still going, interrupted by a
 * shutdown or abandoned after a crash changes nothing). pipeline-stale: a published dataset whose
 * newest record is older than the pipeline's error threshold (its freshness rule's errorAfterHours),
 * judged against the data clock, as GET /api/v1/pipelines and /readyz do.
 */
import { judgeFreshness, latestIsoSql } from "../../pipelines/framework/checks.ts";
import { quote } from "../../pipelines/framework/sql-text.ts";
import { pipelines } from "../../pipelines/index.ts";
import type { Database } from "../db/database.ts";
import type { PublishedRuns } from "../db/published-runs.ts";
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

export async function readFailedRuns(db: Database): Promise<FailedRun[]> {
  const rows = await db.query(LAST_FINISHED_SQL, [], { timeoutMs: 30_000 });
  return rows
    .filter((r) => r.status === "failed")
    .map((r) => ({ pipeline: String(r.pipeline), runId: Number(r.run_id), error: String(r.error ?? ""), errorNl: String(r.error_nl ?? r.error ?? ""), finishedAt: String(r.finished_at) }));
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
        message: {
          nl: `Pipeline ${title.nl} (${run.pipeline}) is mislukt in run ${run.runId}; de vorige gegevens blijven staan. Fout: ${run.errorNl}`,
          en: `Pipeline ${title.en} (${run.pipeline}) failed in run ${run.runId}; the previous data is kept. Error: ${run.error}`,
        },
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

/** Reads each published dataset's newest timestamp once per published run. */
export function createStalenessReader(db: Database) {
  const latestByRun = new Map<string, string | null>();
  return async (published: PublishedRuns, now: Date): Promise<StaleDataset[]> => {
    const stale: StaleDataset[] = [];
    for (const pipeline of pipelines) {
      const run = published.get(pipeline.name);
      const rule = pipeline.freshness;
      if (!run || !rule) continue;
      const key = `${pipeline.name}|${run.runId}`;
      if (!latestByRun.has(key)) {
        const rows = await db.query(latestIsoSql(rule.column, `main.${quote(pipeline.table)}`), [], { timeoutMs: 30_000 });
        for (const old of latestByRun.keys()) if (old.startsWith(`${pipeline.name}|`)) latestByRun.delete(old);
        latestByRun.set(key, (rows[0]?.latest as string | null) ?? null);
      }
      const latest = latestByRun.get(key);
      if (!latest) continue;
      const { status, ageHours } = judgeFreshness(latest, now, rule);
      if (status === "stale") stale.push({ pipeline: pipeline.name, latest, ageHours: Math.round(ageHours), errorAfterHours: rule.errorAfterHours });
    }
    return stale;
  };
}

export function staleConditions(rule: Extract<AlertRule, { kind: "pipeline-stale" }>, stale: StaleDataset[]): AlertCondition[] {
  return stale
    .filter((s) => selects(rule.pipelines, s.pipeline))
    .map((s) => ({
      rule: rule.id,
      kind: rule.kind,
      subject: s.pipeline,
      message: {
        nl: `De gegevens van pipeline ${s.pipeline} zijn verouderd: het nieuwste record (${s.latest}) is ${s.ageHours} uur oud, de grens is ${s.errorAfterHours} uur.`,
        en: `The data of pipeline ${s.pipeline} is stale: its newest record (${s.latest}) is ${s.ageHours} hours old, the limit is ${s.errorAfterHours} hours.`,
      },
      details: { pipeline: s.pipeline, latest: s.latest, ageHours: s.ageHours, errorAfterHours: s.errorAfterHours },
    }));
}
