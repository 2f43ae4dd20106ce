/**
 * A real monitor for tests: a DuckDB file in a temp dir, the demo upstream over loopback HTTP, the
 * pipelines run for real, Express on an ephemeral port. Only the clock is fixed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Intercept, RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import type { RunnerDeps } from "../../src/pipelines/framework/run-pipeline.ts";
import { loadConfig, type Config } from "../../src/app/config.ts";
import { createLogger, type LogLevel } from "../../src/ground/logger.ts";
import { startMonitor, type Monitor } from "../../src/app/start-monitor.ts";
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
}

/** Starts a demo-mode monitor on `demoDir` and waits until its start-up runs have all succeeded. */
export async function startTestMonitor(demoDir: string, options: TestMonitorOptions = {}): Promise<TestMonitor> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-test-db-"));
  // No disk reserve for test databases (the disk-full test sets its own).
  const config = loadConfig({}, { PORT: 0, MM_DB: path.join(tmp, "test.duckdb"), MM_DEMO: true, MM_DEMO_DIR: demoDir, MM_DB_RESERVE_MB: 0, ...options.config });
  const logs: string[] = [];
  const destination = {
    write(line: string) {
      logs.push(line.trimEnd());
      options.log?.(String((JSON.parse(line) as { msg?: unknown }).msg ?? ""));
    },
  };
  const contract = createContractObserver();
  const monitor = await startMonitor({
    config,
    clock: options.clock ?? clock,
    logger: createLogger({ level: options.logLevel ?? "info", destination }),
    // Timeouts and the wait budget come from config (MM_UPSTREAM_*), as in production; only the backoff is short.
    upstream: { baseDelayMs: 5, retries: 2 },
    fault: options.fault,
    intercept: options.intercept,
    schedule: options.schedule ?? false,
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
