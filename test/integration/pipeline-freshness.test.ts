/**
 * Freshness that is true, on the demo: every pipeline that holds data is judged (never "unknown"),
 * by the wall clock (the test's, two months after the snapshot's end), from its source's release
 * schedule; the pipeline view, /metrics, the alerts and /readyz of a live install read the same
 * judgement, while the demo's own /readyz does not hold its frozen snapshot against it.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "../../src/app/app.ts";
import { AlertList } from "../../src/ground/contract/contract-alerts.ts";
import { PipelineList, Readiness, type PipelineSummary } from "../../src/ground/contract/contract.ts";
import { silentLogger } from "../../src/ground/logger.ts";
import { loadPolicyPlan } from "../../src/engine/themes/policy-plan.ts";
import { FIXED_NOW, clock, login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

const TOKEN = "f".repeat(40);
let monitor: TestMonitor;
let analyst: Login;
let listed: PipelineSummary[];

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"), { config: { MM_METRICS_TOKEN: TOKEN } });
  await monitor.alerts.idle();
  analyst = await login(monitor.url, "analyst");
  listed = PipelineList.parse(await (await fetch(`${monitor.url}/api/v1/pipelines`, { headers: { cookie: analyst.cookie } })).json()).pipelines;
});
afterAll(() => monitor?.close());

const byName = (name: string) => listed.find((p) => p.name === name)!;

/** The value of the sample of `name` for `pipeline` in a Prometheus text. */
function sample(text: string, name: string, pipeline: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{pipeline="${pipeline}"} `));
  return line === undefined ? undefined : Number(line.split(" ")[1]);
}

describe("the pipelines' freshness on the demo", () => {
  it("judges every pipeline that holds data, by its release schedule, never 'unknown'", () => {
    const withData = listed.filter((p) => p.publishedRunId !== null);
    expect(withData.length).toBeGreaterThanOrEqual(15);
    for (const pipeline of withData) {
      expect(pipeline.freshness.status, pipeline.name).not.toBe("unknown");
      expect(pipeline.freshness.basis, pipeline.name).not.toBeNull();
      expect(pipeline.freshness.latest, pipeline.name).not.toBeNull();
      expect(pipeline.freshness.ageHours, pipeline.name).not.toBeNull();
      expect(pipeline.freshness.snapshotUntil, pipeline.name).toBe(monitor.settings.asOf);
    }
    // Records without a period are judged by their publish, the others by their own newest period.
    expect(byName("areas").freshness).toMatchObject({ status: "fresh", basis: "publish", latest: FIXED_NOW.toISOString().replace(".000Z", "Z") });
    expect(byName("complaints").freshness).toMatchObject({ basis: "date", cadence: { every: 1, unit: "day" } });
    expect(byName("waste").freshness).toMatchObject({ status: "fresh", basis: "year", cadence: { every: 1, unit: "year" } });
  });

  it("finds the hourly feed that ends on the snapshot's date stale by the wall clock", () => {
    const measurements = byName("air-quality-measurements").freshness;
    expect(measurements).toMatchObject({
      status: "stale",
      basis: "timestamp",
      latest: "2026-01-01T00:00:00Z",
      errorAfterHours: 168,
      cadence: { unit: "hour" },
    });
    expect(measurements.ageHours).toBe((FIXED_NOW.getTime() - Date.parse("2026-01-01T00:00:00Z")) / 3_600_000);
    expect(measurements.expectedBy).toBe("2026-01-01T01:00:00.000Z");
  });

  it("gives each scheduled pipeline its next run, in Dutch time, after now", () => {
    // areas runs "0 4 * * 1": the Monday after Monday 2 March 2026 09:00 UTC is 9 March, 04:00 CET.
    expect(byName("areas").nextRunAt).toBe("2026-03-09T03:00:00.000Z");
    // air-quality-measurements runs "20 * * * *".
    expect(byName("air-quality-measurements").nextRunAt).toBe("2026-03-02T09:20:00.000Z");
    for (const pipeline of listed) {
      if (pipeline.noDemoData) expect(pipeline.nextRunAt, pipeline.name).toBeNull();
      else expect(Date.parse(pipeline.nextRunAt!), pipeline.name).toBeGreaterThan(FIXED_NOW.getTime());
    }
  });

  it("is the judgement /metrics and the alerts show, and the demo's /readyz stays ready", async () => {
    const measurements = byName("air-quality-measurements").freshness;
    const metrics = await (await fetch(`${monitor.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(sample(metrics, "mm_dataset_stale", "air-quality-measurements")).toBe(1);
    expect(sample(metrics, "mm_dataset_age_seconds", "air-quality-measurements")).toBe(Math.round(measurements.ageHours! * 3600));
    expect(sample(metrics, "mm_dataset_stale", "areas")).toBe(0);

    const { alerts } = AlertList.parse(await (await fetch(`${monitor.url}/api/v1/alerts`, { headers: { cookie: analyst.cookie } })).json());
    const stale = alerts.filter((a) => a.kind === "pipeline-stale");
    expect(stale.find((a) => a.subject === "air-quality-measurements")?.details).toMatchObject({
      latest: measurements.latest,
      errorAfterHours: measurements.errorAfterHours,
      ageHours: Math.round(measurements.ageHours!),
    });
    // Exactly the pipelines the view calls stale.
    expect(stale.map((a) => a.subject).sort()).toEqual(
      listed
        .filter((p) => p.freshness.status === "stale")
        .map((p) => p.name)
        .sort(),
    );

    const ready = await fetch(`${monitor.url}/readyz`);
    expect({ status: ready.status, body: Readiness.parse(await ready.json()) }).toEqual({ status: 200, body: { ready: true } });
  });

  it("makes a live install on the same data (no snapshot) not ready, naming the pipeline the view calls stale", async () => {
    const app = createApp({
      config: monitor.config,
      db: monitor.db,
      plan: loadPolicyPlan(monitor.config.MM_POLICY_PLAN),
      municipality: monitor.municipality,
      clock,
      logger: silentLogger,
      runner: monitor.runner,
      dataClock: clock,
    });
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`);
      expect(response.status).toBe(503);
      // Not ready is a problem (RFC 9457) with the reason in its detail.
      const reason = String(((await response.json()) as { detail?: string }).detail);
      expect(reason).toContain(`air-quality-measurements (newest 2026-01-01T00:00:00Z, limit 168 h)`);
      for (const pipeline of listed.filter((p) => p.freshness.status !== "stale")) expect(reason).not.toContain(`${pipeline.name} (newest`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
