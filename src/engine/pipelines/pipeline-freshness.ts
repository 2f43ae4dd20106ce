/**
 * A published dataset's freshness as the API shows it, judged by the wall clock with the one
 * judgement of release-schedule.ts: from the data's own newest period when the pipeline declares
 * one (and the column holds a value), else from the last publish against the cron schedule. The
 * pipeline view, /readyz, /metrics and the pipeline-stale alerts all read it through the pipeline
 * service, so they never disagree.
 */
import type { Freshness } from "../../ground/contract/contract.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import type { PublishedRun } from "../../store/published-runs.ts";
import { latestPeriodSql } from "../../pipelines/framework/checks.ts";
import type { PipelineDefinition } from "../../pipelines/framework/define-pipeline.ts";
import { cadenceOf, judgeFreshness, releases, type FreshnessInput } from "../../pipelines/framework/release-schedule.ts";
import { quote } from "../../ground/sql-text.ts";

/** A dataset's freshness as the API shows it, and its age the status was judged on. */
export interface JudgedFreshness {
  freshness: Freshness;
  ageHours: number | null;
}

export interface FreshnessOptions {
  /**
   * The demo's snapshot date (settings.asOf): its data ends there and is judged by the wall clock
   * all the same; the API says so, and /readyz does not hold a snapshot's age against it.
   */
  snapshotUntil?: string | null;
}

export function createFreshnessJudge(db: Database, clock: () => Date, { snapshotUntil = null }: FreshnessOptions = {}) {
  // The newest period of a published dataset changes only with a publish: read once per published version.
  const latestByVersion = new Map<string, { version: string; latest: string | null }>();

  async function latestOf(pipeline: PipelineDefinition, published: PublishedRun, options: QueryOptions): Promise<string | null> {
    const rule = pipeline.freshness!;
    const cached = latestByVersion.get(pipeline.name);
    if (cached?.version === published.version) return cached.latest;
    const rows = await db.query(latestPeriodSql(rule.column, rule.period, `main.${quote(pipeline.table)}`), [], options);
    const latest = (rows[0]?.latest as string | null) ?? null;
    latestByVersion.set(pipeline.name, { version: published.version, latest });
    return latest;
  }

  /** What to judge: the newest period, or the publish when the pipeline declares none or its column holds no value. */
  async function inputOf(pipeline: PipelineDefinition, published: PublishedRun, options: QueryOptions): Promise<FreshnessInput> {
    const rule = pipeline.freshness;
    const latest = rule ? await latestOf(pipeline, published, options) : null;
    if (rule && latest !== null) return { release: rule.release, schedule: pipeline.schedule, basis: rule.period, latest };
    return { release: releases.onSchedule, schedule: pipeline.schedule, basis: "publish", latest: published.finishedAt };
  }

  return {
    async judge(pipeline: PipelineDefinition, published: PublishedRun | undefined, options: QueryOptions): Promise<JudgedFreshness> {
      const release = pipeline.freshness?.release ?? releases.onSchedule;
      const judged = published
        ? judgeFreshness(await inputOf(pipeline, published, options), clock())
        : {
            status: "unknown" as const,
            basis: null,
            latest: null,
            cadence: cadenceOf(release),
            expectedBy: null,
            ageHours: null,
            warnAfterHours: null,
            errorAfterHours: null,
          };
      return { freshness: { ...judged, snapshotUntil }, ageHours: judged.ageHours };
    },
  };
}

export type FreshnessJudge = ReturnType<typeof createFreshnessJudge>;
