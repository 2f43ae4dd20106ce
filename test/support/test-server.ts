/**
 * A real monitor for tests: a DuckDB file in a temp dir, the demo upstream over loopback HTTP, the
 * pipelines run for real, Express on an ephemeral port. Only the clock is fixed.
 *
 * The test demo is ingested once for the whole run (global-setup.ts, with these same settings): a
 * monitor whose options cannot change what is ingested, or how, starts on a copy of that database
 * instead of ingesting it again. `ingest: "fresh"` asks for a real start-up ingest all the same.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import type { Intercept, RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import type { RunnerDeps } from "../../src/pipelines/framework/run-pipeline.ts";
import { loadConfig, type Config } from "../../src/app/config.ts";
import { createLogger, type LogLevel } from "../../src/ground/logger.ts";
import { startMonitor, type Monitor, type MonitorDeps } from "../../src/app/start-monitor.ts";
import { createContractObserver } from "./contract-observer.ts";

export const FIXED_NOW = new Date("2026-03-02T09:00:00Z");
export const clock = () => FIXED_NOW;

export interface TestMonitor extends Monitor {
  upstream: RecordedServer;
  config: Config;
  /** Every line the monitor logged, as written (JSON), oldest first; kept in memory, never printed. */
  logs: string[];
}

export interface TestMonitorOptions {
  intercept?: Intercept;
  config?: Partial<Config>;
  fault?: RunnerDeps["fault"];
  /** Receives the message of each log line (the `msg` field), besides `logs`. */
  log?: (line: string) => void;
  /** The logger's level (default info). */
  logLevel?: LogLevel;
  /** The monitor's clock (session expiry, audit, run times); default the fixed FIXED_NOW. */
  clock?: () => Date;
  /** Schedule the pipelines on their cron (default false: tests start the runs they need themselves). */
  schedule?: boolean;
  /**
   * "fresh": run every pipeline at start, as production does, even when a copy of the ingested test
   * demo would do: for tests of the start-up ingest itself (its runs, log lines, upstream requests).
   */
  ingest?: "fresh";
}

/** The settings every test monitor runs with, besides the test's own `config`. */
export function testMonitorConfig(demoDir: string, dbFile: string, config: Partial<Config> = {}): Config {
  // No disk reserve for test databases (the disk-full test sets its own).
  return loadConfig({}, { PORT: 0, MM_DB: dbFile, MM_DEMO: true, MM_DEMO_DIR: demoDir, MM_DB_RESERVE_MB: 0, ...config });
}

/** startMonitor's dependencies for a test monitor (the template ingest in global-setup.ts uses them too). */
export function testMonitorDeps(config: Config, options: Omit<TestMonitorOptions, "config" | "log" | "logLevel"> = {}): MonitorDeps {
  return {
    config,
    clock: options.clock ?? clock,
    // Timeouts and the wait budget come from config (MM_UPSTREAM_*), as in production; only the backoff is short.
    upstream: { baseDelayMs: 5, retries: 2 },
    fault: options.fault,
    intercept: options.intercept,
    schedule: options.schedule ?? false,
  };
}

/**
 * Settings a test may change and still start on the template: none of them touches the sources, the
 * pipelines, the database file, the alerts (their state is in the template) or the snapshots. Not
 * MM_STATE_URL either: the template keeps accounts, sessions and alerts in the DuckDB file itself.
 */
const TEMPLATE_SAFE_CONFIG: ReadonlySet<string> = new Set([
  "PORT",
  "HOST",
  "MM_CLIENT_DIR",
  "MM_SESSION_IDLE_MINUTES",
  "MM_SESSION_MAX_HOURS",
  "MM_SECURE_COOKIES",
  "MM_TRUST_PROXY",
  "MM_MAX_INFLIGHT",
  "MM_QUERY_TIMEOUT_MS",
  "MM_AUDIT_RETENTION_DAYS",
  "MM_METRICS_TOKEN",
  "MM_METRICS_ALLOW",
  "MM_WIDGET_ORIGINS",
  "MM_BACKUP_DIR",
  "MM_BACKUP_TOKEN",
  "MM_URL",
  "MM_SHUTDOWN_DRAIN_MS",
  "MM_ALERT_INTERVAL_MINUTES",
  "MM_LOG_LEVEL",
]);
const templateSafe = (key: string) => TEMPLATE_SAFE_CONFIG.has(key) || key.startsWith("MM_OIDC_");

/** The ingested test demo to copy, when these options cannot change what is ingested or how; else null. */
function templateFor(demoDir: string, options: TestMonitorOptions): string | null {
  if (options.ingest === "fresh" || options.intercept || options.fault || options.clock || options.log || options.schedule) return null;
  if (!Object.keys(options.config ?? {}).every(templateSafe)) return null;
  let provided: { demoDir: string; templateDb: string };
  try {
    provided = { demoDir: inject("demoDir"), templateDb: inject("templateDb") };
  } catch {
    return null; // outside vitest (a benchmark): no template
  }
  return provided.templateDb && demoDir === provided.demoDir ? provided.templateDb : null;
}

/**
 * Starts a demo-mode monitor on `demoDir` with the test demo ingested: a copy of the template, or
 * (when the options could change the ingest, or ask for it) start-up runs that must all succeed.
 */
export async function startTestMonitor(demoDir: string, options: TestMonitorOptions = {}): Promise<TestMonitor> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-test-db-"));
  const config = testMonitorConfig(demoDir, path.join(tmp, "test.duckdb"), options.config);
  const template = templateFor(demoDir, options);
  if (template) copyFileSync(template, config.MM_DB);
  const logs: string[] = [];
  const destination = {
    write(line: string) {
      logs.push(line.trimEnd());
      options.log?.(String((JSON.parse(line) as { msg?: unknown }).msg ?? ""));
    },
  };
  const contract = createContractObserver();
  const monitor = await startMonitor({
    ...testMonitorDeps(config, options),
    logger: createLogger({ level: options.logLevel ?? "info", destination }),
    runAtStart: !template,
    // The contract test: every answer a test receives is checked against the served OpenAPI document.
    observe: contract.observe,
  });
  for (const result of await monitor.startupRuns) {
    if (result.status !== "succeeded") throw new Error(`test ingest failed: ${result.error}`);
  }
  await contract.load(monitor.url);
  return {
    ...monitor,
    upstream: monitor.demo!.server,
    config,
    logs,
    async close() {
      await monitor.close();
      rmSync(tmp, { recursive: true, force: true });
      contract.assertNoDrift();
    },
  };
}

export interface Login {
  cookie: string;
  csrfToken: string;
}

export async function login(url: string, username: string, password = "demo"): Promise<Login> {
  const response = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status}`);
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}
