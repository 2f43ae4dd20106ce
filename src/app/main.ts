/**
 * Starts the monitor: one process owns the DuckDB file, runs the scheduler and serves HTTP.
 * `--demo` (npm start) uses the generated demo municipality and demo accounts.
 */
import { demoUsers, DEMO_PASSWORD } from "../engine/auth/users.ts";
import { ensureClientBuilt } from "./client-build.ts";
import { loadConfig } from "./config.ts";
import { createLogger, type Logger } from "../ground/logger.ts";
import { startMonitor, type Monitor } from "./start-monitor.ts";
import { startReader } from "./start-reader.ts";

/** Past this, a shutdown that hangs is cut short: exit code 1 and a log line saying so. */
const SHUTDOWN_DEADLINE_MS = 25_000;

const started = performance.now();
// Until the configuration (MM_LOG_LEVEL) is read, e.g. to report that it is invalid: level info.
let logger: Logger = createLogger({ level: "info" });

let monitor: Pick<Monitor, "close" | "municipality"> | undefined;
let stopping = false;

/** Ends the process once: gracefully (see closeGracefully), within the hard deadline. */
async function shutdown(reason: string, { drainMs = 0, exitCode = 0 } = {}): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info(`${reason}: shutting down${drainMs ? ` (readiness off, serving ${drainMs} ms more)` : ""}`);
  setTimeout(() => {
    logger.error(`shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting with code 1 (the .wal file, if any, is replayed at the next start)`);
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  try {
    await monitor?.close({ drainMs, graceMs: Math.max(1_000, SHUTDOWN_DEADLINE_MS - drainMs - 5_000) });
    logger.info("shut down: requests finished, runs ended, database checkpointed and closed");
  } catch (error) {
    logger.error({ err: error }, `shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  }
  process.exit(exitCode);
}

try {
  const config = loadConfig(process.env, process.argv.includes("--demo") ? { MM_DEMO: true } : {});
  logger = createLogger({ level: config.MM_LOG_LEVEL });
  await ensureClientBuilt(config.MM_CLIENT_DIR, logger);
  // A database DuckDB has invalidated cannot be used again by this process: exit non-zero, so the
  // supervisor (systemd, Docker's restart policy) starts a fresh one, which replays the WAL.
  // A reader (MM_MODE=reader) serves the writer's snapshots read-only and runs no pipelines.
  monitor =
    config.MM_MODE === "reader"
      ? await startReader({ config, clock: () => new Date(), logger })
      : await startMonitor({
          config,
          clock: () => new Date(),
          logger,
          runAtStart: config.MM_RUN_AT_START,
          schedule: config.MM_SCHEDULE,
          onFatal: (reason) => void shutdown(reason, { exitCode: 1 }),
        });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  logger.info(
    `Milieumonitor${config.MM_DEMO ? " (demo)" : ""}${config.MM_MODE === "reader" ? " reader" : ""} serving ${monitor.municipality.name} at http://localhost:${config.PORT} (ready in ${seconds} s)`,
  );
  if (config.MM_DEMO) logger.info(`demo accounts (password "${DEMO_PASSWORD}"): ${demoUsers.map((u) => u.username).join(", ")}`);
  // SIGTERM comes from a supervisor or orchestrator: drain first. SIGINT is someone at a terminal.
  // `on`, not `once`: a process group signalled as a whole (Ctrl-C, systemd, npm and tsx relaying)
  // delivers the signal more than once, and a second one without a handler would kill the process
  // before its checkpoint. shutdown() runs once however often it is called.
  process.on("SIGTERM", () => void shutdown("SIGTERM", { drainMs: config.MM_SHUTDOWN_DRAIN_MS }));
  process.on("SIGINT", () => void shutdown("SIGINT"));
} catch (error) {
  logger.fatal(`Milieumonitor could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
