/**
 * Wires one monitor: the database, demo upstream and accounts (demo mode only), the pipeline runner
 * and scheduler, and the HTTP server. main.ts calls it with real dependencies; tests with a fixed
 * clock, fast retries and fault hooks.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { findNoDemoData } from "../pipelines/framework/demo-data.ts";
import { createFetchJson, type FetchJson, type FetchJsonOptions } from "../pipelines/framework/fetch-json.ts";
import type { Intercept } from "../pipelines/framework/recorded-server.ts";
import { abandonInterruptedRuns } from "../pipelines/framework/run-lock.ts";
import { createRunner, type RunResult, type Runner, type RunnerDeps } from "../pipelines/framework/run-pipeline.ts";
import { schedulePipelines, type Scheduler } from "../pipelines/framework/scheduler.ts";
import { dataNow, type SourceSettings } from "../pipelines/framework/source.ts";
import { pipelines } from "../pipelines/index.ts";
import { checkColumnMappings } from "../pipelines/framework/column-mapping.ts";
import { createApp, type AppDeps } from "./app.ts";
import { createAlertMonitor, type AlertMonitor } from "../engine/alerts/alert-monitor.ts";
import { loadAlertRules } from "../engine/alerts/alert-rules.ts";
import { watchRuns } from "../engine/alerts/watch-runs.ts";
import type { WebhookSettings } from "../engine/alerts/webhook.ts";
import { disableDemoAccounts, ensureDemoUsers, listAccounts } from "../engine/auth/users.ts";
import { backupDir, type Config } from "./config.ts";
import { openDatabase, type Database } from "../store/database.ts";
import { recordWalRecovery } from "../store/wal-recovery.ts";
import { stateFromConfig } from "./state-from-config.ts";
import type { StateDb } from "../store/state/state-db.ts";
import { describeStateUrl } from "../store/state/state-url.ts";
import { startDemoUpstream, type DemoUpstream } from "./demo.ts";
import { handleStorageErrors, prepareDiskReserve } from "../store/disk-reserve.ts";
import { closeGracefully, type CloseOptions } from "./graceful-close.ts";
import { startWriterSnapshots } from "./writer-snapshots.ts";
import { listen } from "./listen.ts";
import type { SnapshotWriter } from "../store/snapshots/snapshot-writer.ts";
import { lineLogger, type Logger } from "../ground/logger.ts";
import { createReadiness } from "../engine/operations/readiness.ts";
import { createPipelineService } from "../engine/pipelines/pipeline-service.ts";
import type { GoLiveCheckDeps } from "../engine/pipelines/go-live-check.ts";
import { createGoLiveChecks } from "../engine/pipelines/go-live-checks.ts";
import type { SettingNames } from "../engine/pipelines/settings-to-change.ts";
import type { Lockdown } from "../store/database.ts";
import type { PipelineDefinition } from "../pipelines/framework/define-pipeline.ts";
import { createIndicatorService, type IndicatorService, type Municipality } from "../engine/themes/indicator-service.ts";
import { loadPolicyPlan } from "../engine/themes/policy-plan.ts";

export interface MonitorDeps {
  config: Config;
  clock: () => Date;
  /** The JSON logger (src/app/main.ts); without one, messages go to `log` as plain lines. */
  logger?: Logger;
  /** Plain message lines from info up, for tests and command-line tools; dropped when neither is given. */
  log?: (line: string) => void;
  /** How pipelines read upstream APIs; default: from the MM_UPSTREAM_* settings, with `upstream` over them. */
  fetchJson?: FetchJson;
  /** Test overrides of the upstream client's settings (e.g. a short backoff); the rest comes from config. */
  upstream?: FetchJsonOptions;
  fault?: RunnerDeps["fault"];
  /** Demo mode only: passed to the demo upstream. */
  intercept?: Intercept;
  onProgress?: RunnerDeps["onProgress"];
  /** Run the pipelines at start (default true) and on their cron schedules (default true). */
  runAtStart?: boolean;
  schedule?: boolean;
  /** Called when DuckDB has invalidated the database (a failed checkpoint): main.ts restarts the process. */
  onFatal?: (reason: string) => void;
  /** How alert webhooks are sent (tests: a short retry backoff); the URL and secret come from config. */
  alertWebhook?: Pick<WebhookSettings, "fetch" | "retryDelaysMs">;
  /** Passed to createApp: runs first on every request (tests watch the answers with it). */
  observe?: AppDeps["observe"];
}

export interface Monitor {
  url: string;
  app: Express;
  db: Database;
  /** Sessions, accounts, throttle, audit log and alerts: PostgreSQL with MM_STATE_URL, else `db` itself. */
  state: StateDb;
  runner: Runner;
  /** Alert evaluation (src/engine/alerts): after every run and on a timer. */
  alerts: AlertMonitor;
  /** With MM_SNAPSHOT_DIR: the readers' snapshot after every publish (docs/decisions/0029-reader-snapshots.md). */
  snapshots: SnapshotWriter | null;
  /** The indicators, computed once per publish for the API and the alerts. */
  indicators: IndicatorService;
  settings: SourceSettings;
  municipality: Municipality;
  demo: DemoUpstream | null;
  /** The start-up runs; awaited before serving when nothing was published yet. */
  startupRuns: Promise<RunResult[]>;
  /** Graceful: see closeGracefully (no drain by default). */
  close(options?: CloseOptions): Promise<void>;
}

/** Every live source's base URL comes from configuration, so air-gapped installs and tests can redirect it. */
function liveSettings(config: Config): SourceSettings {
  return {
    luchtmeetnet: { baseUrl: config.MM_LUCHTMEETNET_URL, stations: config.MM_LUCHTMEETNET_STATIONS?.split(",") },
    rivm: { baseUrl: config.MM_RIVM_URL, historyFrom: config.MM_HISTORY_FROM, timeOffset: config.MM_RIVM_TIME_OFFSET },
    pdok: { baseUrl: config.MM_PDOK_URL, municipalityCode: config.MM_MUNICIPALITY_CODE },
    bag: { baseUrl: config.MM_BAG_URL, bbox: config.MM_BAG_BBOX as [number, number, number, number] | undefined },
    cbs: {
      baseUrl: config.MM_CBS_URL,
      table: config.MM_CBS_TABLE,
      municipalityCode: config.MM_MUNICIPALITY_CODE,
      v3BaseUrl: config.MM_CBS_V3_URL,
      tables: config.MM_CBS_TABLES,
    },
    sensorthings: { baseUrl: config.MM_SENSORTHINGS_URL, bbox: config.MM_SENSORTHINGS_BBOX as [number, number, number, number] | undefined },
    // Only with a key: without one, the Klimaatmonitor's datasets read their CSV exports.
    ...(config.MM_KLIMAATMONITOR_KEY
      ? {
          klimaatmonitor: {
            baseUrl: config.MM_KLIMAATMONITOR_URL,
            apiKey: config.MM_KLIMAATMONITOR_KEY,
            municipalityCode: config.MM_MUNICIPALITY_CODE,
            variablesFile: config.MM_KLIMAATMONITOR_VARIABLES,
          },
        }
      : {}),
    filesDir: config.MM_FILES_DIR,
    // Register exports in a VTH system's own columns: every mapping is checked here, so a broken one fails at boot.
    ...(config.MM_REGISTER_MAPPINGS ? { registerMappings: checkColumnMappings(config.MM_REGISTER_MAPPINGS, pipelines) } : {}),
  };
}

/**
 * The environment variable behind each live source setting, by its path in SourceSettings (as
 * liveSettings above fills it): the go-live check names the one to change when a source fails.
 */
export const liveSettingNames: SettingNames = {
  "luchtmeetnet.baseUrl": "MM_LUCHTMEETNET_URL",
  "luchtmeetnet.stations": "MM_LUCHTMEETNET_STATIONS",
  "rivm.baseUrl": "MM_RIVM_URL",
  "rivm.historyFrom": "MM_HISTORY_FROM",
  "pdok.baseUrl": "MM_PDOK_URL",
  "pdok.municipalityCode": "MM_MUNICIPALITY_CODE",
  "bag.baseUrl": "MM_BAG_URL",
  "bag.bbox": "MM_BAG_BBOX",
  "cbs.baseUrl": "MM_CBS_URL",
  "cbs.table": "MM_CBS_TABLE",
  "cbs.v3BaseUrl": "MM_CBS_V3_URL",
  "cbs.municipalityCode": "MM_MUNICIPALITY_CODE",
  "sensorthings.baseUrl": "MM_SENSORTHINGS_URL",
  "klimaatmonitor.baseUrl": "MM_KLIMAATMONITOR_URL",
  "klimaatmonitor.municipalityCode": "MM_MUNICIPALITY_CODE",
  "klimaatmonitor.variablesFile": "MM_KLIMAATMONITOR_VARIABLES",
  registerMappings: "MM_REGISTER_MAPPINGS",
  filesDir: "MM_FILES_DIR",
};

/** In demo mode every source is a folder of MM_DEMO_DIR. */
const demoSettingNames = (names: SettingNames): SettingNames => Object.fromEntries(Object.keys(names).map((path) => [path, "MM_DEMO_DIR"]));

/** The upstream client's limits from configuration: timeouts, and how long one run may wait between retries. */
export function upstreamOptions(config: Config, clock: () => Date): FetchJsonOptions {
  return {
    timeoutMs: config.MM_UPSTREAM_TIMEOUT_SECONDS * 1000,
    idleTimeoutMs: config.MM_UPSTREAM_IDLE_SECONDS * 1000,
    maxWaitMs: config.MM_UPSTREAM_MAX_WAIT_MINUTES * 60_000,
    clock,
  };
}

const loggerOf = (deps: MonitorDeps): Logger => deps.logger ?? lineLogger(deps.log ?? (() => {}));

/**
 * Where the pipelines read (the demo files over loopback, or the live sources) and the upstream
 * client, without the database: the go-live check needs no more (`npm run pipelines -- check`).
 */
export async function openSources(deps: MonitorDeps) {
  const { config, clock } = deps;
  const logger = loggerOf(deps);
  const sources = config.MM_SOURCES ?? (config.MM_DEMO ? "demo" : "live");
  const demo = sources === "demo" ? await startDemoUpstream(config.MM_DEMO_DIR, logger, deps.intercept) : null;
  const settings: SourceSettings = demo?.settings ?? liveSettings(config);
  const municipality: Municipality = demo?.municipality ?? { code: config.MM_MUNICIPALITY_CODE, name: config.MM_MUNICIPALITY_NAME };
  logger.info(`sources: ${sources === "demo" ? `demo files in ${config.MM_DEMO_DIR}` : `live (${municipality.code} ${municipality.name})`}`);
  const noDemoData = findNoDemoData(pipelines, settings, sources);
  for (const [name, missing] of noDemoData) logger.info(`pipeline ${name}: no demo data (${missing} is missing); not run at start or on its schedule`);
  return {
    demo,
    settings,
    municipality,
    noDemoData,
    fetchJson: deps.fetchJson ?? createFetchJson({ ...upstreamOptions(config, clock), ...deps.upstream }),
    settingNames: demo ? demoSettingNames(liveSettingNames) : liveSettingNames,
    // The only files SQL may read are the sources' own (CSV, JSON and GeoJSON exports); it writes only backups.
    lockdown: {
      allowedDirectories: [settings.filesDir ?? config.MM_FILES_DIR, backupDir(config), ...(config.MM_SNAPSHOT_DIR ? [config.MM_SNAPSHOT_DIR] : [])],
      memoryLimit: config.MM_DB_MEMORY_LIMIT,
    } satisfies Lockdown,
    async close() {
      await demo?.server.close();
    },
  };
}
export type Sources = Awaited<ReturnType<typeof openSources>>;

/** The go-live check of `selection` (default every pipeline) on these sources. */
export function goLiveCheckDeps(
  sources: Sources,
  { clock, logger }: { clock: () => Date; logger: Logger },
  selection: readonly PipelineDefinition[] = pipelines,
): GoLiveCheckDeps {
  const { settings, fetchJson, settingNames, lockdown, noDemoData } = sources;
  return { pipelines: selection, settings, fetchJson, settingNames, lockdown, noDemoData, clock, logger };
}

/** The database, sources and runner, without HTTP: shared by the server and the pipelines CLI. */
export async function openPipelineContext(deps: MonitorDeps) {
  const { config, clock } = deps;
  const logger = loggerOf(deps);
  const sources = await openSources({ ...deps, logger });
  const { demo, settings, municipality, noDemoData } = sources;
  // What runs by itself (at start, on the schedule, in a rebuild); a pipeline without demo data only runs when asked.
  const automatic = pipelines.filter((pipeline) => !noDemoData.has(pipeline.name));
  const reserve = prepareDiskReserve(config.MM_DB, config.MM_DB_RESERVE_MB, logger);
  let db: Database;
  try {
    db = await openDatabase(config.MM_DB, { defaultTimeoutMs: config.MM_QUERY_TIMEOUT_MS, lockdown: sources.lockdown });
  } catch (error) {
    await demo?.server.close();
    throw error;
  }
  for (const { from, to } of db.renamedTables) logger.info(`table ${from} renamed to ${to}, after the pipeline that publishes it`);
  if (db.walSetAside) for (const line of await recordWalRecovery(db, db.walSetAside, clock())) logger.warn(line);
  const abandoned = await abandonInterruptedRuns(db, clock());
  if (abandoned) logger.warn(`${abandoned} pipeline run(s) were cut off by the last shutdown and are marked abandoned`);
  const state = await stateFromConfig(config, db, logger, async () => {
    await demo?.server.close();
    await db.close();
  });
  if (config.MM_STATE_URL) logger.info(`state: sessions, accounts, audit log and alerts in ${describeStateUrl(config.MM_STATE_URL)}`);
  // Demo accounts are made (or disabled) in whichever database holds the accounts.
  if (config.MM_DEMO) await ensureDemoUsers(state, clock());
  else {
    const disabled = await disableDemoAccounts(state);
    if (disabled.length) logger.warn(`WARNING: demo accounts still had the demo password outside demo mode and are now disabled: ${disabled.join(", ")}`);
    if (!config.MM_OIDC_ISSUER && (await listAccounts(state)).every((account) => account.disabled))
      logger.warn("no active accounts: add one with `npm run users -- add <name> --role admin` (password on stdin)");
  }
  const runner = createRunner({
    db,
    settings,
    fetchJson: sources.fetchJson,
    clock,
    logger,
    fault: deps.fault,
    onProgress: deps.onProgress,
    onStorageError: handleStorageErrors(reserve, logger, deps.onFatal),
    rejectsRetentionDays: config.MM_REJECTS_RETENTION_DAYS,
  });
  return {
    db,
    state,
    runner,
    settings,
    municipality,
    demo,
    noDemoData,
    automatic,
    sources,
    async close() {
      await demo?.server.close();
      await state.close();
      await db.close();
    },
  };
}

export async function startMonitor(deps: MonitorDeps): Promise<Monitor> {
  const { config, clock } = deps;
  const logger = loggerOf(deps);
  const plan = loadPolicyPlan(config.MM_POLICY_PLAN);
  const alertRules = loadAlertRules(config.MM_ALERTS);
  const context = await openPipelineContext({ ...deps, logger });
  const { db, state, settings, municipality, demo, noDemoData, automatic } = context;
  const dataClock = () => dataNow(settings, clock);
  // One indicator service for the API and the alerts, so a publish computes the indicators once.
  const indicators = createIndicatorService(db, plan, municipality, dataClock);
  const webhook = config.MM_ALERT_WEBHOOK_URL ? { url: config.MM_ALERT_WEBHOOK_URL, secret: config.MM_ALERT_WEBHOOK_SECRET, ...deps.alertWebhook } : null;
  // Every run that ends (a publish or a failure) asks for an evaluation; the run never waits for it.
  // (No run starts before `alerts` exists: the start-up runs and the scheduler come below.)
  const runner = watchRuns(context.runner, () => alerts.request());
  // One pipeline service for the API, /readyz, /metrics and the alerts: one freshness judgement, one cache.
  // Freshness by the wall clock, also on the demo's frozen snapshot (docs/decisions/0027-freshness-from-release-schedules.md).
  const pipelineService = createPipelineService(db, runner, clock, noDemoData, { snapshotUntil: settings.asOf ?? null });
  const alerts = createAlertMonitor({ db, state, rules: alertRules, indicators, pipelines: pipelineService, clock, logger, webhook, baseUrl: config.MM_URL });
  // Subscribed before the start-up runs, so that their publishes reach the readers too.
  const snapshots = config.MM_SNAPSHOT_DIR ? await startWriterSnapshots(db, config.MM_SNAPSHOT_DIR, logger) : null;

  // A backfill (a sliced source: years of history) may take hours: it runs after the others, and a
  // first start serves once those are in, while the backfill publishes slice by slice.
  const backfills = automatic.filter((pipeline) => pipeline.source.kind === "sliced");
  const others = automatic.filter((pipeline) => pipeline.source.kind !== "sliced");
  let othersDone: Promise<unknown> = Promise.resolve();
  const runAll = async () => {
    const results = [];
    let release = () => {};
    othersDone = new Promise<void>((resolve) => (release = resolve));
    try {
      for (const pipeline of others) results.push(await runner.run(pipeline, "startup"));
    } finally {
      release();
    }
    for (const pipeline of backfills) results.push(await runner.run(pipeline, "startup"));
    return results;
  };
  let startupRuns: Promise<RunResult[]> = Promise.resolve([]);
  if (deps.runAtStart ?? true) {
    const nothingPublished = (await db.published.settled()).size === 0;
    startupRuns = runAll();
    startupRuns.catch((error) => logger.error({ err: error }, `start-up runs failed: ${error.message}`));
    // First start: load before serving, so the first screen has data (a backfill goes on behind). Later starts catch up in the background.
    if (nothingPublished) await Promise.race([othersDone, startupRuns]);
  }

  const readiness = createReadiness();
  // The go-live check runs beside the monitor, in a scratch database of its own (POST /api/v1/pipelines/checks).
  const checks = createGoLiveChecks(goLiveCheckDeps(context.sources, { clock, logger }));
  const app = createApp({
    config,
    db,
    state,
    plan,
    municipality,
    clock,
    logger,
    runner,
    dataClock,
    readiness,
    indicators,
    pipelines: pipelineService,
    checks,
    observe: deps.observe,
  });
  const server: Server = await listen(app, config);
  const scheduler: Scheduler | null = (deps.schedule ?? true) ? schedulePipelines(automatic, runner, logger) : null;
  alerts.request();
  alerts.startTimer(config.MM_ALERT_INTERVAL_MINUTES * 60_000);

  return {
    url: `http://${config.HOST}:${(server.address() as AddressInfo).port}`,
    app,
    db,
    state,
    runner,
    alerts,
    snapshots,
    indicators,
    settings,
    municipality,
    demo,
    startupRuns,
    close: (options) =>
      closeGracefully(
        {
          server,
          readiness,
          scheduler,
          background: alerts,
          runner,
          pending: startupRuns,
          db,
          closeRest: async () => {
            await snapshots?.stop();
            await checks.stop();
            await context.close();
          },
          logger,
        },
        options,
      ),
  };
}
