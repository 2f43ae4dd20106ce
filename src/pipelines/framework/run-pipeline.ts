/**
 * One run of one pipeline: extract → stage (typed, set-wise) → quarantine rows that break the schema
 * or repeat a key with other values, drop identical copies → fail on breaking drift or too many
 * rejects → publish and run the checks in one transaction with the run record. A run that fails at
 * any point before COMMIT leaves the published table as it was. Stopping the runner (shutdown)
 * interrupts running runs: each rolls back and is recorded `interrupted`, unless it had already
 * reached COMMIT, which is then left to finish.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CheckResult } from "../../ground/contract/contract.ts";
import type { Database } from "../../store/database.ts";
import { isDiskFull } from "../../store/disk-reserve.ts";
import { decimal, localize, type LocalizedText } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { Logger } from "../../ground/logger.ts";
import { assignBuurt } from "./assign-buurt.ts";
import { freshness, unique } from "./checks.ts";
import type { PipelineDefinition } from "./define-pipeline.ts";
import { assertNoBreakingDrift, describeDrift, type Drift } from "./drift.ts";
import { withWaitBudget, type FetchJson } from "./fetch-json.ts";
import { PipelineError } from "./pipeline-error.ts";
import { publishStaging } from "./publish.ts";
import { tableExists } from "../../store/table-exists.ts";
import { createRejectPruner, DEFAULT_REJECTS_RETENTION_DAYS, type RejectSink } from "./reject-store.ts";
import { beginRun, PipelineBusyError, releaseLock } from "./run-lock.ts";
import { dropCsvScratch, stageCsv } from "./stage-csv.ts";
import { recordLocator, stageRecords } from "./stage-records.ts";
import { markSliceLoaded, planSlices } from "./slices.ts";
import { dataNow, directSource, type DirectSource, type ExtractContext, type Slice, type SourceSettings } from "./source.ts";
import { quote } from "../../ground/sql-text.ts";
import { dropMetaColumns, quarantineViolations } from "./validate-staging.ts";
import { countWarnings, keepChecks, recordChecks, runChecks } from "./run-checks.ts";
import { finishRun, updateRunCounts, type RunCounts } from "./run-record.ts";

export { PipelineBusyError };

/** Named points of every run, in order: staged; in the publish transaction before the run record and before COMMIT; committed. */
export const faultPoints = ["after-staging", "before-run-record", "before-commit", "after-commit"] as const;
export type FaultPoint = (typeof faultPoints)[number];

export interface RunnerDeps {
  db: Database;
  settings: SourceSettings;
  fetchJson: FetchJson;
  clock: () => Date;
  logger: Logger;
  /** Called as rows are read, for progress lines. */
  onProgress?: (pipeline: string, rowsRead: number) => void;
  /** Test seam for crash and failure tests: called at named points of every run. */
  fault?: (point: FaultPoint, pipeline: string) => void | Promise<void>;
  /** Called with a storage error (disk full, database invalidated) before the failure is recorded. */
  onStorageError?: (error: unknown) => void;
  /** Rejects (sample and counts) of runs older than this many days are deleted at the start of a run (at most hourly); default 90. */
  rejectsRetentionDays?: number;
  /**
   * A trial (the go-live check): a sliced source loads only its first slice still to load and its
   * "always" slices, so a check of a backfill from 2015 reads one period, not the whole history.
   */
  sampleSlices?: boolean;
}

export class RunnerStoppedError extends Error {
  constructor() {
    super("the monitor is shutting down; start the run again after the restart");
  }
}

export interface RunResult {
  runId: number;
  status: "succeeded" | "failed" | "interrupted";
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Identical copies of a record that arrived more than once, kept once: read = loaded + rejected + duplicate. */
  rowsDuplicate: number;
  /** Published rows replaced by the same key in a better tier (a validated hour for a provisional one). */
  rowsReplaced: number;
  /** Failed warn-level checks, plus one when rows were rejected: a succeeded run with warnings > 0 succeeded with warnings. */
  warnings: number;
  checks: CheckResult[];
  /** In English, for the CLI and logs; the run record has it in Dutch too. */
  error: string | null;
}

export type Trigger = "schedule" | "manual" | "startup" | "cli";

const RUN_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export interface Runner {
  /** Runs to the end; throws PipelineBusyError when the pipeline is already running. */
  run(pipeline: PipelineDefinition, trigger: Trigger, startedBy?: string | null): Promise<RunResult>;
  /**
   * Starts a run and returns once it is recorded, with the run id and the run's completion.
   * `startedBy`: the user who started it by hand, kept with the run record.
   */
  start(pipeline: PipelineDefinition, trigger: Trigger, startedBy?: string | null): Promise<{ runId: number; done: Promise<RunResult> }>;
  isRunning(name: string): boolean;
  /** Refuses new runs (RunnerStoppedError), interrupts the running ones and resolves when they have ended. */
  stop(): Promise<void>;
}

export function createRunner(deps: RunnerDeps): Runner {
  const running = new Map<string, { abort: AbortController; done?: Promise<RunResult> }>();
  let stopped = false;
  const pruneRejects = createRejectPruner(deps.clock, deps.rejectsRetentionDays ?? DEFAULT_REJECTS_RETENTION_DAYS);
  const start: Runner["start"] = async (pipeline, trigger, startedBy = null) => {
    if (stopped) throw new RunnerStoppedError();
    if (running.has(pipeline.name)) throw new PipelineBusyError(pipeline.name);
    const entry: { abort: AbortController; done?: Promise<RunResult> } = { abort: new AbortController() };
    running.set(pipeline.name, entry);
    try {
      const runId = await deps.db.withConnection((c) => beginRun(c, pipeline.name, trigger, deps.clock(), startedBy));
      entry.done = deps.db
        .withConnection((connection) => execute(connection, pipeline, runId, { ...deps, pruneRejects }, entry.abort.signal), { timeoutMs: RUN_TIMEOUT_MS })
        .finally(() => running.delete(pipeline.name));
      return { runId, done: entry.done };
    } catch (error) {
      running.delete(pipeline.name);
      throw error;
    }
  };
  return {
    start,
    isRunning: (name) => running.has(name),
    run: async (pipeline, trigger, startedBy) => (await start(pipeline, trigger, startedBy)).done,
    async stop() {
      stopped = true;
      const entries = [...running.values()];
      for (const entry of entries) entry.abort.abort();
      await Promise.allSettled(entries.map((entry) => entry.done));
    },
  };
}

async function execute(
  connection: DuckDBConnection,
  pipeline: PipelineDefinition,
  runId: number,
  deps: RunnerDeps & { pruneRejects: (connection: DuckDBConnection) => Promise<void> },
  signal: AbortSignal,
): Promise<RunResult> {
  const stagingTable = `__staging_${pipeline.table}_${runId}`;
  const counts: RunCounts = { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsDuplicate: 0, rowsReplaced: 0 };
  const checks: CheckResult[] = [];
  /** The checks of the pass under way: kept in `checks` when it publishes, or when the run fails. */
  let passChecks: CheckResult[] = [];
  const reject: RejectSink = { runId, pipeline: pipeline.name, sampled: 0 };
  const started = performance.now();
  /** One structured line per run, so runs can be counted and timed from the log alone. */
  const outcome = (status: RunResult["status"], warnings: number) => ({
    pipeline: pipeline.name,
    runId,
    status,
    ...counts,
    warnings,
    durationMs: Math.round(performance.now() - started),
  });
  let inTransaction = false;
  // Once COMMIT, or the record of a failure, has started it is left to finish: a run is never cut off half-recorded.
  let finishing = false;
  const interrupt = () => {
    if (!finishing) connection.interrupt();
  };
  signal.addEventListener("abort", interrupt, { once: true });
  const context: ExtractContext = {
    settings: deps.settings,
    // One wait budget per run: all of its requests together wait at most MM_UPSTREAM_MAX_WAIT_MINUTES.
    fetchJson: withWaitBudget(deps.fetchJson),
    now: deps.clock(),
    table: pipeline.table,
    signal,
    query: (sql: string, params: unknown[] = []) => deps.db.query(sql, params as never),
  };

  /**
   * Reads one source (the pipeline's, or one slice of a backfill), validates it and publishes it in
   * one transaction. `slice`: the slice is recorded as loaded with its data and the run's counts so
   * far, and committed; without, the run record is finished in the same transaction. `last`: the
   * run's last pass, which also judges freshness.
   */
  const loadAndPublish = async (source: DirectSource, slice: Slice | null, last = true): Promise<void> => {
    const sliceStarted = performance.now();
    const before = { ...counts };
    passChecks = [];
    const { columns } = pipeline;
    let drift: Drift;
    let locator;
    if (source.kind === "csv") {
      const csv = await stageCsv(connection, source, deps.settings, columns, stagingTable, reject);
      ({ drift, locator } = csv);
      counts.rowsRead += csv.rowsRead;
      counts.rowsRejected += csv.rejectedLines;
      deps.onProgress?.(pipeline.name, counts.rowsRead);
    } else {
      // Counted as pages arrive, so a run failing halfway still says how much it read.
      const onRead = (n: number) => {
        counts.rowsRead = before.rowsRead + n;
        deps.onProgress?.(pipeline.name, counts.rowsRead);
      };
      ({ drift } = await stageRecords(connection, source, context, columns, stagingTable, onRead));
      locator = recordLocator;
    }
    assertNoBreakingDrift(drift);
    if (drift.added.length) {
      passChecks.push({
        name: "schema_drift",
        level: "warn",
        passed: false,
        count: drift.added.length,
        sample: drift.added.slice(0, 5),
        message: localize(msg("check.schemaDrift", { drift: describeDrift(drift) })),
      });
    }
    await deps.fault?.("after-staging", pipeline.name);

    const validated = await quarantineViolations(connection, columns, pipeline.key, stagingTable, locator, reject);
    counts.rowsRejected += validated.rejected;
    counts.rowsDuplicate += validated.duplicates;
    await dropMetaColumns(connection, stagingTable, columns);
    if (pipeline.assignBuurt) passChecks.push(await assignBuurt(connection, stagingTable, pipeline.assignBuurt));
    counts.rowsLoaded = counts.rowsRead - counts.rowsRejected - counts.rowsDuplicate;
    // The share is judged per pass: one bad month of a backfill fails, however clean the years before it.
    const read = counts.rowsRead - before.rowsRead;
    const rejected = counts.rowsRejected - before.rowsRejected;
    const share = read ? rejected / read : 0;
    if (share > pipeline.maxRejectShare) {
      const limit = pipeline.maxRejectShare * 100;
      throw new PipelineError(msg("run.tooManyRejects", { rejected, read, share: decimal(share * 100, 1), limit: decimal(limit), runId }));
    }
    const stagingContext = { connection, table: `main.${quote(stagingTable)}`, key: pipeline.key, previousRows: null, now: deps.clock() };
    if (pipeline.key.length) await runChecks([unique(pipeline.key)], stagingContext, passChecks);

    signal.throwIfAborted();
    await connection.run("BEGIN TRANSACTION");
    inTransaction = true;
    const previousRows = (await tableExists(connection, pipeline.table))
      ? Number((await connection.runAndReadAll(`SELECT count(*)::BIGINT FROM main.${quote(pipeline.table)}`)).getRows()[0]![0])
      : null;
    const published = await publishStaging(connection, pipeline, pipeline.publishedColumns, stagingTable, slice?.covers);
    await published.recordChanges(runId);
    counts.rowsReplaced += published.replaced;
    // An hour that arrived again in a worse tier (the API's copy of a validated hour) is kept once, as a duplicate.
    counts.rowsDuplicate += published.superseded;
    counts.rowsLoaded -= published.superseded;
    // A backfill's early slices are old by nature: freshness is judged once the last one is in.
    const declared = [...pipeline.checks, ...(pipeline.freshness && last ? freshness(pipeline.freshness) : [])];
    await runChecks(
      declared,
      { connection, table: `main.${quote(pipeline.table)}`, key: pipeline.key, previousRows, now: dataNow(deps.settings, deps.clock) },
      passChecks,
    );
    await connection.run(
      `INSERT OR REPLACE INTO meta.published (pipeline, table_name, run_id, published_at, seq) VALUES ($1, $2, $3, $4::TIMESTAMP, nextval('meta.publish_seq'))`,
      [pipeline.name, pipeline.table, runId, deps.clock().toISOString()],
    );
    // A backfill keeps what its passes found wrong, and the last pass's checks in full.
    keepChecks(checks, passChecks, slice !== null);
    passChecks = [];
    await deps.fault?.("before-run-record", pipeline.name);
    if (slice) {
      const loaded = { rowsLoaded: counts.rowsLoaded - before.rowsLoaded, rowsReplaced: counts.rowsReplaced - before.rowsReplaced };
      if (slice.repeat === "once")
        await markSliceLoaded(connection, pipeline.name, slice.id, runId, loaded, (performance.now() - sliceStarted) / 1000, deps.clock());
      await updateRunCounts(connection, runId, counts);
    } else {
      await finishRun(connection, runId, "succeeded", counts, countWarnings(checks, counts), null, deps.clock());
      await recordChecks(connection, reject, checks);
    }
    // A slice's commit is followed by more work, which a shutdown may still interrupt; the run's last commit is not.
    await commit(slice === null);
    await dropScratch(connection, stagingTable, source);
  };

  const commit = async (final: boolean) => {
    await deps.fault?.("before-commit", pipeline.name);
    signal.throwIfAborted();
    finishing = true;
    // Readers wait for the COMMIT and then see the new runs (see src/store/published-runs.ts).
    deps.db.published.begin();
    try {
      await connection.run("COMMIT");
    } finally {
      await deps.db.published.end();
    }
    finishing = final;
    inTransaction = false;
    await deps.fault?.("after-commit", pipeline.name);
  };

  try {
    await deps.pruneRejects(connection);
    // A file that is not there: say where it was looked for and which setting names the folder.
    const missing = pipeline.source.missingData?.(deps.settings);
    if (missing) throw new PipelineError(msg("run.missingFile", { file: missing }));
    if (pipeline.source.kind === "sliced") {
      const slices = await planSlices(connection, pipeline.name, pipeline.source, context);
      const chosen = deps.sampleSlices ? sampleOf(slices) : slices;
      for (const [i, slice] of chosen.entries()) {
        signal.throwIfAborted();
        await loadAndPublish(slice.source, slice, i === chosen.length - 1);
      }
      // The run's own record, once every slice is in.
      await connection.run("BEGIN TRANSACTION");
      inTransaction = true;
      await finishRun(connection, runId, "succeeded", counts, countWarnings(checks, counts), null, deps.clock());
      await recordChecks(connection, reject, checks);
      await commit(true);
    } else {
      await loadAndPublish(directSource(pipeline.source, deps.settings), null);
    }
    finishing = true;
    const warnings = countWarnings(checks, counts);
    const replaced = counts.rowsReplaced ? `, ${counts.rowsReplaced} replaced by a better tier` : "";
    const message = `pipeline ${pipeline.name} run ${runId}: ${counts.rowsLoaded} rows published, ${counts.rowsRejected} rejected${counts.rowsDuplicate ? `, ${counts.rowsDuplicate} duplicates dropped` : ""}${replaced}${warnings ? `, ${warnings} warnings` : ""}`;
    deps.logger[warnings ? "warn" : "info"](outcome("succeeded", warnings), message);
    return { runId, status: "succeeded", ...counts, warnings, checks, error: null };
  } catch (error) {
    finishing = true;
    const { status, message } = describeFailure(error, signal);
    // Before the ROLLBACK: an invalidated database fails that too, and a full disk needs room for the record.
    deps.onStorageError?.(error);
    if (inTransaction) await connection.run("ROLLBACK");
    checks.push(...passChecks);
    const warnings = countWarnings(checks, counts);
    await finishRun(connection, runId, status, counts, warnings, message, deps.clock());
    await recordChecks(connection, reject, checks);
    // A shutdown interrupting a run is expected (warn); a failure needs someone to look (error).
    deps.logger[status === "failed" ? "error" : "warn"](
      { ...outcome(status, warnings), error: message.en },
      `pipeline ${pipeline.name} run ${runId} ${status}, previous data kept: ${message.en}`,
    );
    return { runId, status, ...counts, warnings, checks, error: message.en };
  } finally {
    signal.removeEventListener("abort", interrupt);
    await dropScratch(connection, stagingTable, pipeline.source.kind === "sliced" ? null : directSource(pipeline.source, deps.settings));
    await releaseLock(connection, runId);
  }
}

/** The staging tables of a pass; a CSV source also leaves its reader's scratch. */
async function dropScratch(connection: DuckDBConnection, stagingTable: string, source: DirectSource | null): Promise<void> {
  for (const table of [stagingTable, `${stagingTable}__raw`]) await connection.run(`DROP TABLE IF EXISTS main.${quote(table)}`);
  if (source?.kind === "csv") await dropCsvScratch(connection, stagingTable);
}

/** A trial run's slices: the first still to load, and those read on every run. */
function sampleOf(slices: Slice[]): Slice[] {
  const first = slices.find((s) => s.repeat === "once");
  return slices.filter((s) => s === first || s.repeat === "always");
}

/** Why the run ended without publishing, in both languages; errors from sources and DuckDB keep their own (English) text. */
function describeFailure(error: unknown, signal: AbortSignal): { status: "failed" | "interrupted"; message: LocalizedText } {
  const detail = error instanceof Error ? error.message : String(error);
  if (signal.aborted) return { status: "interrupted", message: localize(msg("run.interrupted")) };
  if (isDiskFull(error)) return { status: "failed", message: localize(msg("run.diskFull", { detail })) };
  if (error instanceof PipelineError) return { status: "failed", message: localize(error.text) };
  return { status: "failed", message: localize(msg("run.failed", { detail })) };
}
