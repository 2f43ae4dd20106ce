/**
 * The go-live check: each pipeline's extract and validation run for real, into a scratch DuckDB
 * database in a fresh temporary folder, which is removed afterwards whatever happens. The real
 * database is not opened, so nothing is published and no run is recorded there. Per pipeline it
 * reports whether the source was reached (or the error, the URL and the setting to change), the rows,
 * the rejects by reason with examples, the checks, and the period the data covers.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PipelineCheck } from "../../ground/contract/contract-go-live.ts";
import { localize } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { LogFn, Logger } from "../../ground/logger.ts";
import { quote } from "../../ground/sql-text.ts";
import type { Column } from "../../pipelines/framework/compile-schema.ts";
import type { PipelineDefinition } from "../../pipelines/framework/define-pipeline.ts";
import type { NoDemoData } from "../../pipelines/framework/demo-data.ts";
import type { FetchJson } from "../../pipelines/framework/fetch-json.ts";
import { createRunner, RunnerStoppedError, type Runner } from "../../pipelines/framework/run-pipeline.ts";
import { dataNow, directSource, type SourceSettings } from "../../pipelines/framework/source.ts";
import { redactUrl } from "../../pipelines/framework/upstream-error.ts";
import { openDatabase, type Database, type Lockdown } from "../../store/database.ts";
import { createPipelineService, type PipelineService } from "./pipeline-service.ts";
import { rejectExamples } from "./reject-examples.ts";
import { settingsToChange, type SettingNames } from "./settings-to-change.ts";

export interface GoLiveCheckDeps {
  /** Registered pipelines, in registry order (see withPrerequisites for a selection). */
  pipelines: readonly PipelineDefinition[];
  settings: SourceSettings;
  /** The upstream client the monitor's runs use (timeouts, retries, wait budget). */
  fetchJson: FetchJson;
  /** The environment variable of each source setting, to name the one to change. */
  settingNames: SettingNames;
  /** The scratch database is locked down as the real one: it reads only the sources' files. */
  lockdown: Lockdown;
  /** Demo mode: pipelines without demo data are skipped, saying so. */
  noDemoData?: NoDemoData;
  clock: () => Date;
  /** The scratch runs log at debug level only: their failures are the report, not the monitor's. */
  logger: Logger;
  /** Where the scratch folder is made; default the system's temp folder. */
  scratchParent?: string;
}

export interface CheckProgress {
  done: number;
  total: number;
  /** The pipeline being checked now; null once all are done. */
  pipeline: string | null;
}

export interface CheckCallbacks {
  onProgress?: (progress: CheckProgress) => void;
  onResult?: (result: PipelineCheck) => void;
  /** Aborting interrupts the pipeline being checked and skips the rest; the scratch folder still goes. */
  signal?: AbortSignal;
}

/** Runs the check; resolves with one result per pipeline tried, once the scratch folder is removed. */
export async function runGoLiveCheck(deps: GoLiveCheckDeps, { onProgress, onResult, signal }: CheckCallbacks = {}): Promise<PipelineCheck[]> {
  const total = deps.pipelines.length;
  const results: PipelineCheck[] = [];
  const dir = await mkdtemp(path.join(deps.scratchParent ?? os.tmpdir(), "mm-go-live-"));
  let db: Database | null = null;
  let runner: Runner | null = null;
  const stop = () => void runner?.stop();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    db = await openDatabase(path.join(dir, "check.duckdb"), { lockdown: deps.lockdown });
    const requests = trackRequests(deps.fetchJson);
    runner = createRunner({
      db,
      settings: deps.settings,
      fetchJson: requests.fetchJson,
      clock: deps.clock,
      logger: debugOnly(deps.logger.child({ goLiveCheck: true })),
      // A backfill from years ago is tried on one slice, not loaded in full.
      sampleSlices: true,
    });
    const runs = createPipelineService(db, runner, () => dataNow(deps.settings, deps.clock));
    for (const [done, pipeline] of deps.pipelines.entries()) {
      if (signal?.aborted) break;
      onProgress?.({ done, total, pipeline: pipeline.name });
      const missing = deps.noDemoData?.get(pipeline.name);
      const result = missing ? skipped(pipeline, missing) : await checkOne(pipeline, { ...deps, db, runner, runs, requests });
      if (!result) break;
      results.push(result);
      onResult?.(result);
    }
    onProgress?.({ done: results.length, total, pipeline: null });
    return results;
  } finally {
    signal?.removeEventListener("abort", stop);
    await runner?.stop();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

interface Scratch extends GoLiveCheckDeps {
  db: Database;
  runner: Runner;
  runs: PipelineService;
  requests: RequestTracker;
}

/** One pipeline's run in the scratch database, described; null when the runner was stopped first. */
async function checkOne(pipeline: PipelineDefinition, scratch: Scratch): Promise<PipelineCheck | null> {
  scratch.requests.reset();
  let result;
  try {
    result = await scratch.runner.run(pipeline, "manual");
  } catch (error) {
    if (error instanceof RunnerStoppedError) return null;
    throw error;
  }
  const detail = await scratch.runs.run(pipeline.name, result.runId, {});
  const asked = scratch.requests.asked();
  const reached = result.status === "succeeded" || result.rowsRead > 0;
  const failedUrl = reached ? null : (asked.last ?? null);
  return {
    pipeline: pipeline.name,
    title: pipeline.title,
    outcome: result.status !== "succeeded" ? "failed" : result.warnings > 0 ? "warned" : "passed",
    source: pipeline.source.describe,
    location: fileOf(pipeline, scratch.settings) ?? asked.firstAnswered ?? null,
    requests: asked.count,
    reached,
    error: detail.error,
    failedUrl,
    settings: detail.error ? settingsToChange(detail.error.en, failedUrl, scratch.settings, scratch.settingNames) : [],
    rowsRead: result.rowsRead,
    rowsLoaded: result.rowsLoaded,
    rowsRejected: result.rowsRejected,
    rowsDuplicate: result.rowsDuplicate,
    rejects: rejectExamples(detail.rejectCounts, detail.rejects),
    checks: detail.checks,
    period: result.status === "succeeded" ? await periodOf(scratch.db, pipeline) : null,
    skipped: null,
  };
}

function skipped(pipeline: PipelineDefinition, missing: string): PipelineCheck {
  return {
    pipeline: pipeline.name,
    title: pipeline.title,
    outcome: "skipped",
    source: pipeline.source.describe,
    location: missing,
    requests: 0,
    reached: false,
    error: null,
    failedUrl: null,
    settings: [],
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    rowsDuplicate: 0,
    rejects: [],
    checks: [],
    period: null,
    skipped: localize(msg("goLive.noDemoData", { missing })),
  };
}

/** The CSV file a pipeline reads; null for any other source (its location is the first URL asked). */
function fileOf(pipeline: PipelineDefinition, settings: SourceSettings): string | null {
  if (pipeline.source.kind === "sliced") return null;
  try {
    const source = directSource(pipeline.source, settings);
    return source.kind === "csv" ? source.file(settings) : null;
  } catch {
    return null;
  }
}

const isTime = (column: Column) => column.type === "DATE" || column.type === "TIMESTAMP";
const isYear = (column: Column) => column.type === "BIGINT" && /^(year|period|\w+_year)$/.test(column.name);

/**
 * The column that dates a pipeline's data: its freshness column; else its first date, timestamp or
 * year key column; else its first date or timestamp column.
 */
export function periodColumn(pipeline: PipelineDefinition): Column | undefined {
  const named = (name: string) => pipeline.columns.find((c) => c.name === name);
  if (pipeline.freshness) return named(pipeline.freshness.column);
  const keys = pipeline.key.flatMap((name) => named(name) ?? []);
  return keys.find(isTime) ?? keys.find(isYear) ?? pipeline.columns.find(isTime);
}

async function periodOf(db: Database, pipeline: PipelineDefinition): Promise<PipelineCheck["period"]> {
  const column = periodColumn(pipeline);
  if (!column) return null;
  const value = (fn: "min" | "max") =>
    column.type === "TIMESTAMP" ? `strftime(${fn}(${quote(column.name)}), '%Y-%m-%dT%H:%M:%SZ')` : `${fn}(${quote(column.name)})::VARCHAR`;
  const sql = `SELECT ${value("min")} AS first, ${value("max")} AS last FROM main.${quote(pipeline.table)}`;
  const [row] = await db.query(sql);
  return row?.first == null || row.last == null ? null : { column: column.name, from: String(row.first), to: String(row.last) };
}

interface RequestTracker {
  fetchJson: FetchJson;
  reset(): void;
  /** Requests made, the first URL that answered and the last URL asked (redacted). */
  asked(): { count: number; firstAnswered: string | undefined; last: string | undefined };
}

/** Counts the requests of the pipeline being checked; a probe that finds nothing (404) is no location. */
function trackRequests(fetchJson: FetchJson): RequestTracker {
  let count = 0;
  let firstAnswered: string | undefined;
  let last: string | undefined;
  return {
    fetchJson: async (url, options) => {
      count += 1;
      last = redactUrl(url);
      const answer = await fetchJson(url, options);
      firstAnswered ??= redactUrl(url);
      return answer;
    },
    reset() {
      count = 0;
      firstAnswered = last = undefined;
    },
    asked: () => ({ count, firstAnswered, last }),
  };
}

/** Every line at debug level: a failed trial run is what the check reports, not an error of the monitor. */
function debugOnly(logger: Logger): Logger {
  const debug = ((first: Record<string, unknown> | string, message?: string) =>
    typeof first === "string" ? logger.debug(first) : logger.debug(first, message ?? "")) as LogFn;
  const quiet: Logger = { fatal: debug, error: debug, warn: debug, info: debug, debug, trace: debug, child: () => quiet };
  return quiet;
}
