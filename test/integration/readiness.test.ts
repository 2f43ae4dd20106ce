/**
 * GET /readyz and the data's age: not ready while a pipeline's published data is older than its
 * error threshold (errorAfterHours), ready again once it is fresh; a pipeline that never loaded
 * does not hold a fresh install back, nor does the demo's frozen snapshot. The apps here run on the
 * test monitor's real database as a live install would (no snapshot), with a wall clock the test moves.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFetchJson } from "../../src/pipelines/framework/fetch-json.ts";
import { createRunner } from "../../src/pipelines/framework/run-pipeline.ts";
import { pipelines } from "../../src/pipelines/index.ts";
import { PipelineList, Readiness } from "../../src/ground/contract/contract.ts";
import { createApp, type AppDeps } from "../../src/app/app.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { silentLogger } from "../../src/ground/logger.ts";
import { loadPolicyPlan } from "../../src/engine/themes/policy-plan.ts";
import { clock, login, startTestMonitor, type TestMonitor } from "../support/test-server.ts";

const HOUR = 3_600_000;
let monitor: TestMonitor;
const servers: Server[] = [];

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await monitor?.close();
});

/** The monitor's app on `db` as a live install (no demo snapshot), with `now` as its clock. */
async function serve(db: Database, now: () => Date): Promise<string> {
  const deps: AppDeps = {
    config: monitor.config,
    db,
    plan: loadPolicyPlan(monitor.config.MM_POLICY_PLAN),
    municipality: monitor.municipality,
    clock: now,
    logger: silentLogger,
    runner: db === monitor.db ? monitor.runner : createRunner({ db, settings: monitor.settings, fetchJson: createFetchJson(), clock, logger: silentLogger }),
    dataClock: now,
  };
  const server = await new Promise<Server>((resolve) => {
    const listening = createApp(deps).listen(0, "127.0.0.1", () => resolve(listening));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Ready: the Readiness body; not ready: a 503 problem (RFC 9457) whose detail gives the reason. */
async function readyz(url: string) {
  const response = await fetch(`${url}/readyz`);
  if (response.status !== 503) return { status: response.status, body: Readiness.parse(await response.json()) };
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const { detail } = (await response.json()) as { detail?: string };
  return { status: response.status, body: { ready: false, reason: detail?.replace(/^not ready for traffic: /, "") } };
}

describe("readiness and stale data", () => {
  it("is ready on the demo's frozen snapshot, though its hourly feed is stale by the wall clock", async () => {
    expect(await readyz(monitor.url)).toEqual({ status: 200, body: { ready: true } });
    const { cookie } = await login(monitor.url, "analyst");
    const { pipelines: listed } = PipelineList.parse(await (await fetch(`${monitor.url}/api/v1/pipelines`, { headers: { cookie } })).json());
    expect(listed.find((p) => p.name === "air-quality-measurements")!.freshness).toMatchObject({ status: "stale", snapshotUntil: monitor.settings.asOf });
  });

  it("is not ready while a pipeline is stale beyond its error threshold, and ready once it is fresh", async () => {
    const asOf = new Date(monitor.settings.asOf!);
    let now = asOf;
    const url = await serve(monitor.db, () => now);
    expect((await readyz(url)).status).toBe(200);

    // Air quality: errorAfterHours 168 (measurements and sensor observations). A week and a day later:
    now = new Date(asOf.getTime() + 192 * HOUR);
    const stale = await readyz(url);
    expect(stale.status).toBe(503);
    expect(stale.body.ready).toBe(false);
    expect(stale.body.reason).toMatch(/^data stale beyond the error threshold: /);
    expect(stale.body.reason).toContain("air-quality-measurements (newest ");
    expect(stale.body.reason).toContain("limit 168 h");
    // Pipelines without a freshness rule are never named.
    expect(stale.body.reason).not.toContain("waste");

    // Past the warning (24 h) but within the error threshold: still ready.
    now = new Date(asOf.getTime() + 48 * HOUR);
    expect(await readyz(url)).toEqual({ status: 200, body: { ready: true } });
  });

  it("is ready on a fresh install whose pipelines never loaded, whatever the date", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mm-ready-"));
    const db = await openDatabase(path.join(dir, "empty.duckdb"));
    try {
      const url = await serve(db, () => new Date(clock().getTime() + 365 * 24 * HOUR));
      expect(pipelines.some((p) => p.freshness)).toBe(true);
      expect(await readyz(url)).toEqual({ status: 200, body: { ready: true } });
    } finally {
      await new Promise((resolve) => servers.pop()!.close(resolve));
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
