/**
 * The go-live check over HTTP on the demo: started in the background (202 with its location), one at
 * a time (a second start while one runs answers that one), followed to its results; analysts and
 * admins only, with the CSRF token; the monitor's own data and runs untouched; and a check running at
 * shutdown is interrupted rather than waited for. The demo upstream holds the check's first request
 * until the test lets it go, so "while it runs" does not depend on timing.
 */
import { existsSync, readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GoLiveCheck, LatestGoLiveCheck } from "../../src/ground/contract/contract-go-live.ts";
import { recordedPath } from "../../src/pipelines/framework/recorded-server.ts";
import { pipelines } from "../../src/pipelines/index.ts";
import { fingerprintAll } from "../support/pipeline-harness.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

const demoDir = inject("demoDir");
let monitor: TestMonitor | null = null;
let analyst: Login;
let policy: Login;

/** While set, upstream requests wait here until released, then get their recorded answer. */
let holding = false;
const held: (() => void)[] = [];
function answerLater(url: string, res: ServerResponse) {
  held.push(() => {
    const file = path.join(demoDir, recordedPath(new URL(url, "http://recorded")));
    if (!existsSync(file)) res.writeHead(404, { "content-type": "application/json" }).end("{}");
    else res.writeHead(200, { "content-type": file.endsWith(".csv") ? "text/csv" : "application/json" }).end(readFileSync(file));
  });
}
function release() {
  holding = false;
  for (const answer of held.splice(0)) answer();
}

beforeAll(async () => {
  monitor = await startTestMonitor(demoDir, {
    intercept: (req, res) => {
      if (!holding) return false;
      answerLater(req.url ?? "/", res);
      return true;
    },
  });
  [analyst, policy] = await Promise.all([login(monitor.url, "analyst"), login(monitor.url, "policy")]);
});
afterAll(async () => {
  release();
  await monitor?.close();
});

const url = (p: string) => `${monitor!.url}${p}`;
const get = (who: Login, lang = "en") => fetch(url("/api/v1/pipelines/checks/latest"), { headers: { cookie: who.cookie, "accept-language": lang } });
const start = (who: Login, csrf = true) =>
  fetch(url("/api/v1/pipelines/checks"), { method: "POST", headers: { cookie: who.cookie, ...(csrf ? { "x-csrf-token": who.csrfToken } : {}) } });

async function latest(): Promise<GoLiveCheck | null> {
  const response = await get(analyst);
  expect(response.status).toBe(200);
  return LatestGoLiveCheck.parse(await response.json()).check;
}

async function untilDone(): Promise<GoLiveCheck> {
  for (;;) {
    const check = await latest();
    if (check?.status === "done") return check;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the check has asked the upstream something (and is held there). */
async function untilHeld() {
  while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("the go-live check API", () => {
  it("refuses a policy officer, and a start without the CSRF token", async () => {
    expect((await get(policy)).status).toBe(403);
    expect((await start(policy)).status).toBe(403);
    expect((await start(analyst, false)).status).toBe(403);
    expect(await latest()).toBeNull();
  });

  it("starts a check in the background, answers the running one to a second start, and reports every pipeline when done", async () => {
    const runs = () => monitor!.db.query("SELECT run_id, pipeline, status, rows_loaded FROM meta.pipeline_runs ORDER BY run_id");
    const before = { tables: await fingerprintAll(monitor!.db), runs: await runs() };

    holding = true;
    const response = await start(analyst);
    expect(response.status).toBe(202);
    expect(response.headers.get("location")).toBe("/api/v1/pipelines/checks/latest");
    const started = GoLiveCheck.parse(await response.json());
    expect(started).toMatchObject({ status: "running", finishedAt: null, results: [], error: null });
    expect(started.progress.total).toBe(pipelines.length);

    await untilHeld();
    const again = await start(analyst);
    expect(again.status).toBe(202);
    expect(GoLiveCheck.parse(await again.json()).id).toBe(started.id);
    const running = await latest();
    expect(running).toMatchObject({ id: started.id, status: "running", progress: { done: 0, pipeline: "areas" } });

    release();
    const done = await untilDone();
    expect(done.id).toBe(started.id);
    expect(done.error).toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect(done.progress).toEqual({ done: pipelines.length, total: pipelines.length, pipeline: null });
    expect(done.results.map((r) => r.pipeline)).toEqual(pipelines.map((p) => p.name));
    // The demo's sources are all there and sound: nothing fails.
    expect(done.results.filter((r) => r.outcome === "failed").map((r) => [r.pipeline, r.error?.en])).toEqual([]);
    const measurements = done.results.find((r) => r.pipeline === "air-quality-measurements")!;
    expect(measurements).toMatchObject({ reached: true, error: null, settings: [], period: { column: "timestamp_measured" } });
    expect(measurements.rowsRead).toBeGreaterThan(0);
    expect(measurements.checks.length).toBeGreaterThan(0);

    // The check wrote nothing into the monitor's database.
    expect({ tables: await fingerprintAll(monitor!.db), runs: await runs() }).toEqual(before);
  });

  it("carries its texts in Dutch and English, whatever language is asked", async () => {
    const check = LatestGoLiveCheck.parse(await (await get(analyst, "nl")).json()).check!;
    const texts = check.results.flatMap((r) => [r.title, ...r.checks.map((c) => c.message)]);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((text) => text.nl.length > 0 && text.en.length > 0)).toBe(true);
    expect(texts.some((text) => text.nl !== text.en)).toBe(true);
  });

  it("interrupts a running check when the monitor shuts down", async () => {
    holding = true;
    expect((await start(analyst)).status).toBe(202);
    await untilHeld();
    const closing = monitor!;
    monitor = null;
    await closing.close();
    holding = false;
    held.length = 0;
    // It ended with the pipeline it was held in, instead of going on through the rest.
    const ended = closing.logs.map((line) => (JSON.parse(line) as { msg: string }).msg).filter((msg) => msg.startsWith("go-live check "));
    expect(ended.at(-1)).toBe(`go-live check ${ended.length}: 1 of ${pipelines.length} pipelines checked, 1 failed`);
  });
});
