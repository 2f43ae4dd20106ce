import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { startMonitor } from "../../server/start-monitor.ts";
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
