/**
 * Starts the monitor: one process owns the DuckDB file, runs the scheduler and serves HTTP.
 * `--demo` (npm start) uses the generated demo municipality and demo accounts.
 */
import { demoUsers, DEMO_PASSWORD } from "./auth/users.ts";
import { ensureClientBuilt } from "./client-build.ts";
import { loadConfig } from "./config.ts";
import { startMonitor } from "./start-monitor.ts";

const log = (message: string) => console.info(`[${new Date().toISOString()}] ${message}`);
const started = performance.now();

try {
  const config = loadConfig(process.env, process.argv.includes("--demo") ? { MM_DEMO: true } : {});
  await ensureClientBuilt(config.MM_CLIENT_DIR, log);
  const monitor = await startMonitor({ config, clock: () => new Date(), log });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`Milieumonitor${config.MM_DEMO ? " (demo)" : ""} serving ${monitor.municipality.name} at http://localhost:${config.PORT} (ready in ${seconds} s)`);
  if (config.MM_DEMO) log(`demo accounts (password "${DEMO_PASSWORD}"): ${demoUsers.map((u) => u.username).join(", ")}`);

  const shutdown = async (signal: string) => {
    log(`${signal}: shutting down`);
    // Closing the database checkpoints it, so the .wal file is folded in and removed.
    await monitor.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
} catch (error) {
  console.error(`Milieumonitor could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
