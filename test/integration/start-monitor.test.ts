import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import areas from "../../src/pipelines/areas.ts";
import { loadConfig } from "../../src/app/config.ts";
import { startMonitor } from "../../src/app/start-monitor.ts";
import { runScript } from "../support/run-script.ts";
import { fingerprintAll } from "../support/pipeline-harness.ts";
import { clock } from "../support/test-server.ts";

describe("startMonitor outside demo mode", () => {
  it("has no default accounts and no demo label", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-live-"));
    const config = loadConfig({}, { PORT: 0, MM_DB: path.join(tmp, "live.duckdb"), MM_LUCHTMEETNET_URL: "http://127.0.0.1:9" });
    const monitor = await startMonitor({ config, clock, log: () => {}, runAtStart: false, schedule: false });
    try {
      expect(monitor.demo).toBeNull();
      expect(await monitor.db.query("SELECT username FROM meta.users")).toEqual([]);
      for (const username of ["policy", "permit", "analyst", "admin"]) {
        const response = await fetch(`${monitor.url}/api/v1/session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username, password: "demo" }),
        });
        expect(response.status).toBe(401);
      }
      expect(monitor.municipality).toEqual({ code: "GM0518", name: "'s-Gravenhage" });
    } finally {
      await monitor.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("a second server started on the same database file", () => {
  it("fails fast with a message naming the lock holder, and leaves the first one untouched", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-second-"));
    const config = loadConfig({}, { PORT: 0, MM_DB: path.join(tmp, "first.duckdb"), MM_DEMO: true, MM_DEMO_DIR: inject("demoDir") });
    const first = await startMonitor({ config, clock, log: () => {}, runAtStart: false, schedule: false });
    try {
      expect((await first.runner.run(areas, "manual")).status).toBe("succeeded");
      const before = await fingerprintAll(first.db);
      const started = performance.now();
      const second = await runScript("src/app/main.ts", ["--demo"], { PORT: "0", MM_DB: config.MM_DB, MM_DEMO_DIR: inject("demoDir") });
      expect(second.code).toBe(1);
      expect(performance.now() - started).toBeLessThan(30_000);
      expect(second.stderr).toMatch(
        new RegExp(
          `Milieumonitor could not start: database .*first\\.duckdb is in use by another process \\(.*Conflicting lock is held in .*\\(PID ${process.pid}\\).*\\); stop that process or set MM_DB to another file`,
        ),
      );
      const health = await fetch(`${first.url}/healthz`);
      expect(await health.json()).toEqual({ status: "ok", database: true });
      expect(await fingerprintAll(first.db)).toEqual(before);
      expect((await first.runner.run(areas, "manual")).status).toBe("succeeded");
    } finally {
      await first.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
