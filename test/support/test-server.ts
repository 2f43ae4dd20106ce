/**
 * A real monitor for tests: a DuckDB file in a temp dir, the demo upstream over loopback HTTP, the
 * pipelines run for real, Express on an ephemeral port. Only the clock is fixed.
 */
import type { Express } from "express";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { readDemoManifest } from "../../data/demo/generate-demo.ts";
import { createFetchJson } from "../../pipelines/framework/fetch-json.ts";
import { startRecordedServer, type Intercept, type RecordedServer } from "../../pipelines/framework/recorded-server.ts";
import { createRunner, type RunnerDeps, type Runner } from "../../pipelines/framework/run-pipeline.ts";
import type { SourceSettings } from "../../pipelines/framework/source.ts";
import { pipelines } from "../../pipelines/index.ts";
import { createApp } from "../../server/app.ts";
import { ensureDemoUsers } from "../../server/auth/users.ts";
import { loadConfig, type Config } from "../../server/config.ts";
import { openDatabase, type Database } from "../../server/db/database.ts";
import { loadPolicyPlan } from "../../server/themes/policy-plan.ts";

export const FIXED_NOW = new Date("2026-03-02T09:00:00Z");
export const clock = () => FIXED_NOW;

export interface TestMonitor {
  url: string;
  app: Express;
  db: Database;
  runner: Runner;
  upstream: RecordedServer;
  settings: SourceSettings;
  config: Config;
  close(): Promise<void>;
}

export interface TestMonitorOptions {
  ingest?: boolean;
  intercept?: Intercept;
  config?: Partial<Config>;
  fault?: RunnerDeps["fault"];
}

export async function startTestMonitor(demoDir: string, options: TestMonitorOptions = {}): Promise<TestMonitor> {
  const manifest = readDemoManifest(demoDir);
  if (!manifest) throw new Error(`no demo data in ${demoDir}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-test-db-"));
  const config = loadConfig({}, { MM_DB: path.join(tmp, "test.duckdb"), MM_DEMO: true, ...options.config });
  const db = await openDatabase(config.MM_DB);
  await ensureDemoUsers(db, clock());
  const upstream = await startRecordedServer(path.join(demoDir, manifest.luchtmeetnet.dir), options.intercept);
  const settings = { luchtmeetnet: { baseUrl: upstream.url, from: manifest.luchtmeetnet.from, to: manifest.luchtmeetnet.to } };
  const runner = createRunner({ db, settings, fetchJson: createFetchJson({ baseDelayMs: 5, retries: 2 }), clock, log: () => {}, fault: options.fault });
  if (options.ingest ?? true) {
    for (const pipeline of pipelines) {
      const result = await runner.run(pipeline, "startup");
      if (result.status !== "succeeded") throw new Error(`test ingest of ${pipeline.name} failed: ${result.error}`);
    }
  }
  const app = createApp({ config, db, plan: loadPolicyPlan(config.MM_POLICY_PLAN), municipality: manifest.municipality, clock, log: () => {} });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    app,
    db,
    runner,
    upstream,
    settings,
    config,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await upstream.close();
      db.close();
      rmSync(tmp, { recursive: true, force: true });
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
