/**
 * A pipeline the demo has no data for does not block the demo. On a copy of the demo without the
 * waste export: the start succeeds without running or scheduling waste, the other pipelines publish,
 * waste is listed as "no demo data" (API and CLI), /readyz is ready, and a manual run is still tried
 * and fails naming the missing file.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { PipelineList, Readiness, RunDetail, RunStarted } from "../../src/ground/contract/contract.ts";
import { pipelines as registry } from "../../src/pipelines/index.ts";
import { copyDemoWithout, type DemoWithout } from "../support/demo-without.ts";
import { runScript } from "../support/run-script.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

// What the monitor hands the scheduler, recorded without timers, so no cron tick fires during the test.
const scheduled = vi.hoisted(() => ({ names: [] as string[] }));
vi.mock("../../src/pipelines/framework/scheduler.ts", () => ({
  schedulePipelines: (pipelines: readonly { name: string }[]) => {
    scheduled.names = pipelines.map((p) => p.name);
    return { stop: async () => {} };
  },
}));

const others = registry.map((p) => p.name).filter((name) => name !== "waste");
// At start, a backfill (a sliced source) runs after the others: it may take hours and the server serves meanwhile.
const startOrder = [...registry.filter((p) => p.source.kind !== "sliced"), ...registry.filter((p) => p.source.kind === "sliced")]
  .map((p) => p.name)
  .filter((name) => name !== "waste");

let demo: DemoWithout;
let wasteFile: string;
let monitor: TestMonitor;
let analyst: Login;

beforeAll(async () => {
  // The file src/pipelines/waste.ts reads.
  demo = copyDemoWithout(inject("demoDir"), "exports/waste.csv");
  wasteFile = demo.missing;
  // Throws unless every start-up run succeeded.
  monitor = await startTestMonitor(demo.dir, { schedule: true });
  analyst = await login(monitor.url, "analyst");
});
afterAll(async () => {
  await monitor?.close();
  demo?.remove();
});

const get = (url: string) => fetch(`${monitor.url}${url}`, { headers: { cookie: analyst.cookie } });
const listed = async () => PipelineList.parse(await (await get("/api/v1/pipelines")).json()).pipelines;

async function readyz() {
  const response = await fetch(`${monitor.url}/readyz`);
  return { status: response.status, body: Readiness.parse(await response.json()) };
}

describe("a demo without one pipeline's file", () => {
  it("starts: every other pipeline ran at start and published; waste neither ran nor was scheduled", async () => {
    const runs = await monitor.db.query("SELECT pipeline, trigger, status FROM meta.pipeline_runs ORDER BY run_id");
    expect(runs.map((r) => r.pipeline)).toEqual(startOrder);
    expect(runs.every((r) => r.trigger === "startup" && r.status === "succeeded")).toBe(true);
    expect([...(await monitor.db.published.settled()).keys()].sort()).toEqual([...others].sort());
    expect(scheduled.names).toEqual(others);
    const messages = monitor.logs.map((line) => String((JSON.parse(line) as { msg?: unknown }).msg)).filter((msg) => msg.includes("no demo data"));
    expect(messages).toEqual([`pipeline waste: no demo data (${wasteFile} is missing); not run at start or on its schedule`]);
  });

  it("lists waste as having no demo data, and no other pipeline", async () => {
    const pipelines = await listed();
    expect(pipelines.find((p) => p.name === "waste")).toMatchObject({ noDemoData: true, lastRun: null, publishedRunId: null, running: false });
    expect(pipelines.filter((p) => p.noDemoData).map((p) => p.name)).toEqual(["waste"]);
  });

  it("is ready", async () => {
    expect(await readyz()).toEqual({ status: 200, body: { ready: true } });
  });

  it("still tries a manual run, which fails naming the missing file, and stays ready", async () => {
    const started = await fetch(`${monitor.url}/api/v1/pipelines/waste/runs`, {
      method: "POST",
      headers: { cookie: analyst.cookie, "x-csrf-token": analyst.csrfToken },
    });
    expect(started.status).toBe(202);
    const { runId } = RunStarted.parse(await started.json());
    let detail = RunDetail.parse(await (await get(`/api/v1/pipelines/waste/runs/${runId}`)).json());
    while (detail.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 50));
      detail = RunDetail.parse(await (await get(`/api/v1/pipelines/waste/runs/${runId}`)).json());
    }
    expect(detail).toMatchObject({ status: "failed", trigger: "manual" });
    // The file and the settings that name its folder, in both languages.
    expect(detail.error?.en).toBe(`${wasteFile} is missing: put the file there, or point MM_FILES_DIR (demo: MM_DEMO_DIR) at the folder that holds it`);
    expect(detail.error?.nl).toContain(`${wasteFile} ontbreekt`);
    expect((await listed()).find((p) => p.name === "waste")).toMatchObject({ noDemoData: true, lastRun: { runId, status: "failed" } });
    expect((await readyz()).status).toBe(200);
  });
});

describe("npm run pipelines on a demo without one pipeline's file", () => {
  // Its own database, beside the demo copy (removed with it): the monitor's is locked while it runs.
  const cli = (args: string[]) =>
    runScript("src/app/cli/pipelines.ts", args, { MM_DB: path.join(path.dirname(demo.dir), "cli.duckdb"), MM_DEMO: "true", MM_DEMO_DIR: demo.dir });

  it("lists waste with no demo data in place of its freshness, and a run of it fails naming the file", async () => {
    const list = await cli(["list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^waste\s+35 4 \* \* 2\s+replace\s+no demo data\s*$/m);
    expect(list.stdout.match(/no demo data/g)).toHaveLength(1);
    const run = await cli(["run", "waste"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${wasteFile} is missing`);
  });

  it("rebuilds the demo's other pipelines and skips waste, rather than failing the rebuild", async () => {
    const rebuild = await runScript("src/app/cli/rebuild.ts", [], {
      MM_DB: path.join(path.dirname(demo.dir), "rebuild.duckdb"),
      MM_DEMO: "true",
      MM_DEMO_DIR: demo.dir,
    });
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toContain("waste: skipped, no demo data");
    expect(rebuild.stdout).toContain(`rebuilt: all ${others.length} pipelines ran from their sources`);
  });
});
