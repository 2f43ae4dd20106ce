/**
 * SIGTERM to the real server process: /readyz turns 503 while it still serves (the drain), then the
 * listener closes while a request in flight finishes, a running pipeline run is interrupted (rolled
 * back) or has committed, the database is checkpointed (no .wal file) and the process exits 0 in 25 s.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import type { PipelineList } from "../../src/ground/contract/contract.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { login } from "../support/test-server.ts";

let tmp: string;
let server: ServerProcess | undefined;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-shutdown-"));
});
afterAll(() => {
  server?.child.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});

/** A login whose body is sent in two parts: in flight from the first part until the second. */
function slowLogin(url: string) {
  const body = JSON.stringify({ username: "policy", password: "demo" });
  const request = http.request(`${url}/api/v1/session`, {
    method: "POST",
    agent: false,
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
  });
  const response = new Promise<number>((resolve, reject) => {
    request.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    request.on("error", reject);
  });
  request.write(body.slice(0, 10));
  return { finish: () => request.end(body.slice(10)), response };
}

const connectionRefused = (url: string) =>
  fetch(`${url}/healthz`).then(
    () => false,
    (error: Error) => /ECONNREFUSED/.test(String((error.cause as Error)?.message ?? error)),
  );

describe("graceful shutdown on SIGTERM", () => {
  it("drains, finishes requests in flight, ends the run, checkpoints and exits 0", async () => {
    const db = path.join(tmp, "monitor.duckdb");
    server = await startServerProcess({ MM_DB: db, MM_DEMO_DIR: inject("demoDir"), MM_SHUTDOWN_DRAIN_MS: "1500", MM_DB_RESERVE_MB: "0" });
    const { url } = server;
    const analyst = await login(url, "analyst");
    // A first start serves before its backfill (the air-quality history) is in: let that run end first.
    for (let running = true; running;) {
      const list = (await (await fetch(`${url}/api/v1/pipelines`, { headers: { cookie: analyst.cookie } })).json()) as PipelineList;
      running = list.pipelines.some((p) => p.name === "air-quality-measurements" && p.running);
      if (running) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const inFlight = slowLogin(url);
    const started = await fetch(`${url}/api/v1/pipelines/air-quality-measurements/runs`, {
      method: "POST",
      headers: { cookie: analyst.cookie, "x-csrf-token": analyst.csrfToken },
    });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: number };
    await sleep(200);

    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    // A process group signalled as a whole (systemd, Ctrl-C, npm and tsx relaying) gets it twice.
    await sleep(50);
    server.child.kill("SIGTERM");
    let ready = await fetch(`${url}/readyz`);
    for (let i = 0; ready.status === 200 && i < 50; i++) ready = await sleep(20).then(() => fetch(`${url}/readyz`));
    expect(ready.status).toBe(503);
    expect(ready.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(((await ready.json()) as { detail?: string }).detail).toBe("not ready for traffic: shutting down");

    // After the drain the listener is closed, while the login above is still waiting for its body.
    while (!(await connectionRefused(url))) {
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      await sleep(100);
    }
    inFlight.finish();
    expect(await inFlight.response).toBe(200);

    const { code } = await server.exited;
    const seconds = (Date.now() - signalledAt) / 1000;
    expect(code, server.output()).toBe(0);
    expect(seconds).toBeLessThan(25);
    expect(server.output()).toContain("shut down: requests finished, runs ended, database checkpointed and closed");
    expect(existsSync(`${db}.wal`)).toBe(false);

    const reopened = await openDatabase(db);
    try {
      const runs = await reopened.query(
        "SELECT run_id, status, error FROM meta.pipeline_runs WHERE status NOT IN ('succeeded', 'failed', 'interrupted') OR run_id = $1",
        [runId],
      );
      expect(runs).toHaveLength(1);
      expect(["interrupted", "succeeded"]).toContain(runs[0]!.status);
      if (runs[0]!.status === "interrupted") expect(runs[0]!.error).toMatch(/shut down/);
      expect(await reopened.query("SELECT * FROM meta.pipeline_locks")).toEqual([]);
    } finally {
      reopened.close();
    }
    // A whole monitor started, ingested and stopped: minutes on a busy two-core machine, not seconds.
  }, 240_000);
});
