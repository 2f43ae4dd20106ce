import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runScript } from "../support/run-script.ts";
import { startTestMonitor, type TestMonitor } from "../support/test-server.ts";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-cli-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (args: string[], db = path.join(tmp, "cli.duckdb")) =>
  runScript("src/app/cli/pipelines.ts", args, { MM_DB: db, MM_DEMO: "true", MM_DEMO_DIR: inject("demoDir") });

describe("npm run pipelines", () => {
  it("runs a pipeline, lists pipelines, shows runs and rejects as tables", async () => {
    expect((await cli(["run", "areas"])).code).toBe(0);
    const run = await cli(["run", "air-quality-stations"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^run 2 succeeded: 3 read, 3 loaded, 0 rejected, 0 warnings$/m);
    const list = await cli(["list"]);
    expect(list.code).toBe(0);
    expect(list.stdout.split("\n")[0]).toMatch(/^name\s+schedule\s+mode\s+last run/);
    expect(list.stdout).toMatch(/air-quality-stations\s+5 3 \* \* \*\s+replace\s+2 succeeded/);
    const runs = await cli(["runs", "air-quality-stations"]);
    expect(runs.stdout).toMatch(/^2\s+cli\s+succeeded/m);
    const rejects = await cli(["rejects", "air-quality-stations"]);
    expect(rejects.stdout).toContain("run 2: 0 rejected rows");
  });

  it("exits 2 with the usage on a wrong command or an unknown pipeline", async () => {
    const wrong = await cli(["frobnicate"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("usage: npm run pipelines");
    const unknown = await cli(["run", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown pipeline: nope");
  });

  describe("while the server holds the database", () => {
    let monitor: TestMonitor;
    beforeAll(async () => {
      monitor = await startTestMonitor(inject("demoDir"));
    });
    afterAll(() => monitor.close());

    it("fails with a message naming the lock holder, and leaves the server's data alone", async () => {
      const result = await cli(["list"], monitor.config.MM_DB);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/is in use by another process .*Conflicting lock is held in .*\(PID \d+\)/);
      const health = await fetch(`${monitor.url}/healthz`);
      expect(health.status).toBe(200);
    });
  });
});
