/**
 * A reader (MM_MODE=reader, docs/decisions/0029-reader-snapshots.md): serves the newest snapshot the
 * writer left in MM_SNAPSHOT_DIR, read-only, and switches to each newer one as it comes. It runs no
 * pipelines, no scheduler, no alert evaluation, no backups and no go-live checks, and starts no demo
 * upstream; sessions, accounts and the audit log are in the shared state (MM_STATE_URL). The routes
 * that write to DuckDB answer 503 (src/web/http/reader-routes.ts); /readyz is 503 until a snapshot is open.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { readDemoManifest } from "../../data/demo/generate-demo.ts";
import { Unavailable } from "../ground/domain-errors.ts";
import { msg } from "../ground/i18n/message.ts";
import { lineLogger } from "../ground/logger.ts";
import { createReadiness } from "../engine/operations/readiness.ts";
import { createPipelineService } from "../engine/pipelines/pipeline-service.ts";
import { createIndicatorService, type IndicatorService, type Municipality } from "../engine/themes/indicator-service.ts";
import { loadPolicyPlan } from "../engine/themes/policy-plan.ts";
import { findNoDemoData } from "../pipelines/framework/demo-data.ts";
import type { Runner } from "../pipelines/framework/run-pipeline.ts";
import { dataNow, type SourceSettings } from "../pipelines/framework/source.ts";
import { pipelines } from "../pipelines/index.ts";
import { openDatabase } from "../store/database.ts";
import { followSnapshots, type SnapshotFollower } from "../store/snapshots/follow-snapshots.ts";
import { stateFromConfig } from "./state-from-config.ts";
import type { StateDb } from "../store/state/state-db.ts";
import { createSwitchableDatabase, type SwitchableDatabase } from "../store/switchable-database.ts";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { closeGracefully, type CloseOptions } from "./graceful-close.ts";
import { listen } from "./listen.ts";
import type { MonitorDeps } from "./start-monitor.ts";

export interface Reader {
  url: string;
  app: Express;
  db: SwitchableDatabase;
  state: StateDb;
  snapshots: SnapshotFollower;
  indicators: IndicatorService;
  municipality: Municipality;
  close(options?: CloseOptions): Promise<void>;
}

/** Pipeline runs are the writer's: a reader refuses them as it refuses every write to DuckDB. */
const refusingRunner: Runner = {
  run: () => Promise.reject(new Unavailable(msg("reader.readOnly"))),
  start: () => Promise.reject(new Unavailable(msg("reader.readOnly"))),
  isRunning: () => false,
  stop: async () => {},
};

/**
 * What the writer's sources say about the data without reading them (no upstream is started): the
 * municipality, the demo's frozen date, and which pipelines have no demo data, so that a reader's
 * answers are the writer's.
 */
function readerSources(config: Config): { settings: SourceSettings; municipality: Municipality; sources: "demo" | "live" } {
  const sources = config.MM_SOURCES ?? (config.MM_DEMO ? "demo" : "live");
  // Never asked: a reader fetches nothing.
  const luchtmeetnet = { baseUrl: config.MM_LUCHTMEETNET_URL };
  if (sources === "live") {
    return {
      sources,
      settings: { luchtmeetnet, filesDir: config.MM_FILES_DIR },
      municipality: { code: config.MM_MUNICIPALITY_CODE, name: config.MM_MUNICIPALITY_NAME },
    };
  }
  const manifest = readDemoManifest(config.MM_DEMO_DIR);
  if (!manifest) throw new Error(`no demo data in ${config.MM_DEMO_DIR} (MM_DEMO_DIR): start the writer first, which generates it`);
  return { sources, settings: { luchtmeetnet, filesDir: config.MM_DEMO_DIR, asOf: manifest.luchtmeetnet.to }, municipality: manifest.municipality };
}

export async function startReader(deps: MonitorDeps): Promise<Reader> {
  const { config, clock } = deps;
  const logger = deps.logger ?? lineLogger(deps.log ?? (() => {}));
  const dir = config.MM_SNAPSHOT_DIR;
  if (!dir) throw new Error('MM_SNAPSHOT_DIR must be set when MM_MODE is "reader"');
  const plan = loadPolicyPlan(config.MM_POLICY_PLAN);
  const { settings, municipality, sources } = readerSources(config);
  const db = createSwitchableDatabase();
  const lockdown = { allowedDirectories: [settings.filesDir ?? config.MM_FILES_DIR], memoryLimit: config.MM_DB_MEMORY_LIMIT };
  const snapshots = followSnapshots({
    dir,
    db,
    open: (file) => openDatabase(file, { readOnly: true, defaultTimeoutMs: config.MM_QUERY_TIMEOUT_MS, lockdown }),
    graceMs: config.MM_SNAPSHOT_GRACE_SECONDS * 1000,
    logger,
  });
  await snapshots.check();
  if (!snapshots.inUse) logger.warn(`no snapshot in ${dir} (MM_SNAPSHOT_DIR) yet: not ready until the writer has written one`);
  const state = await stateFromConfig(config, db, logger, async () => {
    await snapshots.stop();
    await db.close();
  });
  const dataClock = () => dataNow(settings, clock);
  const indicators = createIndicatorService(db, plan, municipality, dataClock);
  const noDemoData = findNoDemoData(pipelines, settings, sources);
  const pipelineService = createPipelineService(db, refusingRunner, clock, noDemoData, { snapshotUntil: settings.asOf ?? null });
  const readiness = createReadiness();
  const app = createApp({
    config,
    db,
    state,
    plan,
    municipality,
    clock,
    logger,
    runner: refusingRunner,
    dataClock,
    readiness,
    indicators,
    pipelines: pipelineService,
    observe: deps.observe,
    readOnly: true,
  });
  const server: Server = await listen(app, config);
  logger.info(`reader: serving the snapshots in ${dir}`);
  return {
    url: `http://${config.HOST}:${(server.address() as AddressInfo).port}`,
    app,
    db,
    state,
    snapshots,
    indicators,
    municipality,
    close: (options) =>
      closeGracefully(
        {
          server,
          readiness,
          scheduler: null,
          runner: refusingRunner,
          pending: Promise.resolve(),
          db,
          closeRest: async () => {
            await snapshots.stop();
            await state.close();
            await db.close();
          },
          logger,
        },
        options,
      ),
  };
}
