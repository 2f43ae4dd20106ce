/**
 * Starts the monitor: one process owns the DuckDB file, runs the scheduler and serves HTTP.
 * `--demo` (npm start) uses the generated demo municipality and demo accounts.
 */
import type { Server } from "node:http";
import { createFetchJson } from "../pipelines/framework/fetch-json.ts";
import { createRunner, failInterruptedRuns } from "../pipelines/framework/run-pipeline.ts";
import { schedulePipelines } from "../pipelines/framework/scheduler.ts";
import { pipelines } from "../pipelines/index.ts";
import { createApp } from "./app.ts";
import { demoUsers, DEMO_PASSWORD, ensureDemoUsers } from "./auth/users.ts";
import { ensureClientBuilt } from "./client-build.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { startDemoUpstream } from "./demo.ts";
import { loadPolicyPlan } from "./themes/policy-plan.ts";

const log = (message: string) => console.info(`[${new Date().toISOString()}] ${message}`);
const started = performance.now();
const config = loadConfig(process.env, process.argv.includes("--demo") ? { MM_DEMO: true } : {});
const clock = () => new Date();

const demo = config.MM_DEMO ? await startDemoUpstream(config.MM_DEMO_DIR, log) : null;
const settings = demo?.settings ?? { luchtmeetnet: { baseUrl: config.MM_LUCHTMEETNET_URL } };
const municipality = demo?.municipality ?? { code: config.MM_MUNICIPALITY_CODE, name: config.MM_MUNICIPALITY_NAME };
await ensureClientBuilt(config.MM_CLIENT_DIR, log);

const db = await openDatabase(config.MM_DB, { defaultTimeoutMs: config.MM_QUERY_TIMEOUT_MS });
const interrupted = await failInterruptedRuns(db, clock());
if (interrupted) log(`${interrupted} pipeline run(s) were interrupted by the last shutdown and are marked failed`);
if (config.MM_DEMO) await ensureDemoUsers(db, clock());

const runner = createRunner({ db, settings, fetchJson: createFetchJson(), clock, log });
const runAll = async () => {
  for (const pipeline of pipelines) await runner.run(pipeline, "startup");
};
const published = await db.query("SELECT count(*) AS n FROM meta.published");
// First start: load before serving, so the first screen has data. Later starts catch up in the background.
if (Number(published[0]?.n) === 0) await runAll();
else void runAll().catch((error) => log(`start-up runs failed: ${error.message}`));

const app = createApp({ config, db, plan: loadPolicyPlan(config.MM_POLICY_PLAN), municipality, clock, log });
const server: Server = app.listen(config.PORT, config.HOST, () => {
  log(`Milieumonitor${config.MM_DEMO ? " (demo)" : ""} serving ${municipality.name} at http://localhost:${config.PORT} (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (config.MM_DEMO) log(`demo accounts (password "${DEMO_PASSWORD}"): ${demoUsers.map((u) => u.username).join(", ")}`);
});
const scheduler = schedulePipelines(pipelines, runner, log);

async function shutdown(signal: string) {
  log(`${signal}: shutting down`);
  await scheduler.stop();
  server.close();
  server.closeAllConnections();
  await demo?.close();
  db.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
