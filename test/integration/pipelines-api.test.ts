import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pipelines as registry } from "../../src/pipelines/index.ts";
import { PipelineList, RunDetail, RunList, RunStarted } from "../../src/ground/contract/contract.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let analyst: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  analyst = await login(monitor.url, "analyst");
});
afterAll(() => monitor?.close());

const get = (path: string) => fetch(`${monitor.url}${path}`, { headers: { cookie: analyst.cookie } });
const post = (path: string) => fetch(`${monitor.url}${path}`, { method: "POST", headers: { cookie: analyst.cookie, "x-csrf-token": analyst.csrfToken } });

async function waitForRun(name: string, runId: number) {
  for (;;) {
    const detail = RunDetail.parse(await (await get(`/api/v1/pipelines/${name}/runs/${runId}`)).json());
    if (detail.status !== "running") return detail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("pipelines API", () => {
  it("lists every registered pipeline with its schedule, last run, published run and freshness", async () => {
    const { pipelines } = PipelineList.parse(await (await get("/api/v1/pipelines")).json());
    expect(pipelines.map((p) => p.name)).toEqual(registry.map((p) => p.name));
    const measurements = pipelines.find((p) => p.name === "air-quality-measurements")!;
    expect(measurements).toMatchObject({ schedule: "20 * * * *", mode: "upsert", table: "air_quality_measurements", running: false });
    expect(measurements.lastRun).toMatchObject({ status: "succeeded", trigger: "startup" });
    expect(measurements.publishedRunId).toBe(measurements.lastRun!.runId);
    // The demo is a snapshot ending 2026-01-01, judged by the wall clock (the test's, 2 March 2026): stale, and said to be a snapshot.
    expect(measurements.freshness).toMatchObject({ status: "stale", latest: "2026-01-01T00:00:00Z", warnAfterHours: 24, basis: "timestamp" });
    expect(measurements.freshness.snapshotUntil).toBe(monitor.settings.asOf);
    // Records without a period (the boundaries) are judged by their publish against the weekly schedule.
    expect(pipelines.find((p) => p.name === "areas")!.freshness).toMatchObject({ status: "fresh", basis: "publish", cadence: { every: 1, unit: "run" } });
  });

  it("starts a run (202 with its location), refuses a second one while it runs (409), and records it", async () => {
    const started = await post("/api/v1/pipelines/air-quality-measurements/runs");
    expect(started.status).toBe(202);
    const { runId } = RunStarted.parse(await started.json());
    expect(started.headers.get("location")).toBe(`/api/v1/pipelines/air-quality-measurements/runs/${runId}`);
    const again = await post("/api/v1/pipelines/air-quality-measurements/runs");
    expect(again.status).toBe(409);
    const detail = await waitForRun("air-quality-measurements", runId);
    expect(detail).toMatchObject({ status: "succeeded", trigger: "manual", rejectsTotal: 0 });
    expect(detail.rowsRead).toBe(detail.rowsLoaded! + detail.rowsRejected!);
    expect(detail.checks.map((c) => [c.name, c.passed])).toEqual([
      ["unique(station_number, formula, timestamp_measured)", true],
      ["references(station_number → air_quality_stations.number)", true],
      ["row_count_change", true],
      ["freshness_warn(timestamp_measured)", true],
      ["freshness_error(timestamp_measured)", true],
    ]);
    const { runs } = RunList.parse(await (await get("/api/v1/pipelines/air-quality-measurements/runs?limit=2")).json());
    expect(runs).toHaveLength(2);
    expect(runs[0]!.runId).toBe(runId);
    expect(runs[1]!.runId).toBeLessThan(runId);
  });

  it("answers unknown pipelines with 404 and bad run ids with 400", async () => {
    expect((await get("/api/v1/pipelines/nope/runs")).status).toBe(404);
    expect((await post("/api/v1/pipelines/nope/runs")).status).toBe(404);
    const bad = await get("/api/v1/pipelines/air-quality-stations/runs/abc");
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toContain("runId");
    expect((await get("/api/v1/pipelines/air-quality-stations/runs/99999")).status).toBe(404);
  });
});
