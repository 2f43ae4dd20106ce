/**
 * A failing upstream as the analyst and the operator see it: the run fails soon with an error that
 * names the URL and what happened, stored in Dutch and English (run API) and printed by
 * `npm run pipelines`; and the pipeline is free again for the next run. The upstream is real HTTP on
 * loopback: the demo upstream with an intercept, or a server of the test's own for live sources.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Intercept } from "../../src/pipelines/framework/recorded-server.ts";
import { RunDetail, RunStarted } from "../../src/ground/contract/contract.ts";
import { runScript } from "../support/run-script.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";
import { switchable } from "../support/upstream-faults.ts";

/** The first request of the air-quality-stations pipeline (Luchtmeetnet's station list). */
const isStationList = (url: string) => /\/stations\?page=1$/.test(url);

/** Answers the station list with 429 and a Retry-After of a day. */
const retryTomorrow: Intercept = (req, res) => {
  if (!isStationList(req.url ?? "")) return false;
  res.writeHead(429, { "content-type": "application/json", "retry-after": "86400" }).end("{}");
  return true;
};

/** Announces `announced` bytes of the station list, sends `sent`, then closes (`cut`) or stalls forever. */
const brokenBody =
  (kind: "cut" | "stall", sent: string, announced: number): Intercept =>
  (req, res) => {
    if (!isStationList(req.url ?? "")) return false;
    res.writeHead(200, { "content-type": "application/json", "content-length": String(announced) });
    res.write(sent, () => {
      if (kind === "cut") res.socket?.destroy();
    });
    return true;
  };

describe("a failing upstream, through the run API", () => {
  const intercept = switchable();
  let monitor: TestMonitor;
  let analyst: Login;
  beforeAll(async () => {
    // A short idle timeout, so a stalled body fails within seconds; it also governs the start-up runs,
    // so it leaves room for a loopback answer on a busy machine.
    monitor = await startTestMonitor(inject("demoDir"), { intercept, config: { MM_UPSTREAM_IDLE_SECONDS: 5 } });
    analyst = await login(monitor.url, "analyst");
  });
  afterAll(() => monitor?.close());

  const trigger = () =>
    fetch(`${monitor.url}/api/v1/pipelines/air-quality-stations/runs`, {
      method: "POST",
      headers: { cookie: analyst.cookie, "x-csrf-token": analyst.csrfToken },
    });

  async function finished(runId: number): Promise<RunDetail> {
    for (;;) {
      const response = await fetch(`${monitor.url}/api/v1/pipelines/air-quality-stations/runs/${runId}`, { headers: { cookie: analyst.cookie } });
      const detail = RunDetail.parse(await response.json());
      if (detail.status !== "running") return detail;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function failedRun(fault: Intercept): Promise<RunDetail> {
    intercept.use(fault);
    try {
      const started = await trigger();
      expect(started.status).toBe(202);
      const detail = await finished(RunStarted.parse(await started.json()).runId);
      expect(detail.status).toBe("failed");
      return detail;
    } finally {
      intercept.use(null);
    }
  }

  const stationList = () => `${monitor.settings.luchtmeetnet.baseUrl}/stations?page=1`;

  it("fails at once on a Retry-After longer than the run may wait, and frees the pipeline for the next run", async () => {
    const detail = await failedRun(retryTomorrow);
    expect(detail.error).toEqual({
      en: `${stationList()}: HTTP 429 asks to wait 86400 s (Retry-After), longer than the 300 s this run may still wait; raise MM_UPSTREAM_MAX_WAIT_MINUTES (now 5 min) or run the pipeline later`,
      nl: `${stationList()}: HTTP 429 vraagt 86400 s te wachten (Retry-After), langer dan de 300 s die deze run nog mag wachten; verhoog MM_UPSTREAM_MAX_WAIT_MINUTES (nu 5 min) of draai de pijplijn later`,
    });
    // The lock is released: the next trigger starts a run (not 409), and with the upstream back it succeeds.
    const again = await trigger();
    expect(again.status).toBe(202);
    expect((await finished(RunStarted.parse(await again.json()).runId)).status).toBe("succeeded");
  });

  it("says after how many of the announced bytes the body was cut off", async () => {
    const detail = await failedRun(brokenBody("cut", '{"pagination": {', 4096));
    expect(detail.error).toEqual({
      en: `${stationList()}: answer cut off after 16 bytes (of 4096 announced) (gave up after 3 attempts)`,
      nl: `${stationList()}: antwoord afgebroken na 16 bytes (van de 4096 aangekondigde) (opgegeven na 3 pogingen)`,
    });
  });

  it("says for how long no data came, after how many bytes, when the body stalls", async () => {
    const detail = await failedRun(brokenBody("stall", '{"pagination": {', 4096));
    expect(detail.error).toEqual({
      en: `${stationList()}: no data for 5 s, after 16 bytes (gave up after 3 attempts)`,
      nl: `${stationList()}: 5 s lang geen gegevens, na 16 bytes (opgegeven na 3 pogingen)`,
    });
  });
});

describe("a failing live upstream, through npm run pipelines", () => {
  let tmp: string;
  let upstream: http.Server;
  let mode: "retry-tomorrow" | "stall" = "retry-tomorrow";
  let base: string;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "mm-upstream-"));
    upstream = http.createServer((_req, res) => {
      if (mode === "retry-tomorrow") res.writeHead(429, { "retry-after": "86400" }).end();
      else res.writeHead(200, { "content-type": "application/json", "content-length": "4096" }).write('{"data": [');
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/open_api`;
  });
  afterAll(async () => {
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
    rmSync(tmp, { recursive: true, force: true });
  });

  // Live sources pointed at the loopback server; the MM_UPSTREAM_* settings as an operator sets them.
  const run = (env: Record<string, string>) =>
    runScript("src/app/cli/pipelines.ts", ["run", "air-quality-stations"], {
      MM_DB: path.join(tmp, `${mode}.duckdb`),
      MM_SOURCES: "live",
      MM_LUCHTMEETNET_URL: base,
      MM_FILES_DIR: tmp,
      ...env,
    });

  it("fails with the URL, the wait asked for and the setting when Retry-After exceeds MM_UPSTREAM_MAX_WAIT_MINUTES", async () => {
    mode = "retry-tomorrow";
    const result = await run({ MM_UPSTREAM_MAX_WAIT_MINUTES: "2" });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^run 1 failed: 0 read/m);
    expect(result.stderr).toContain(
      `error: ${base}/stations?page=1: HTTP 429 asks to wait 86400 s (Retry-After), longer than the 120 s this run may still wait; raise MM_UPSTREAM_MAX_WAIT_MINUTES (now 2 min) or run the pipeline later`,
    );
  });

  it("fails a stalled body after MM_UPSTREAM_IDLE_SECONDS, saying so", async () => {
    mode = "stall";
    const result = await run({ MM_UPSTREAM_IDLE_SECONDS: "0.3" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: ${base}/stations?page=1: no data for 0.3 s, after 10 bytes (gave up after 4 attempts)`);
  });
});
