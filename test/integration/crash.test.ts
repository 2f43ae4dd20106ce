/**
 * SIGKILL during a run, at named points of the publish: the database always opens again, the
 * published table is the old or the new version (never a mix), a killed run is never called
 * successful, and the next run reaches the new version.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { openPipelineContext } from "../../server/start-monitor.ts";
import airQualityMeasurements from "../../pipelines/air-quality-measurements.ts";
import { pipelines } from "../../pipelines/index.ts";
import { editPages } from "../support/upstream-faults.ts";
import { clock } from "../support/test-server.ts";
import { fingerprint } from "../support/pipeline-harness.ts";

const root = path.resolve(import.meta.dirname, "../..");
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-crash-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const raised = () =>
  editPages(inject("demoDir"), (url) => url.startsWith("/luchtmeetnet/measurements"), (data) => data.map((m) => ({ ...m, value: (m.value as number) + 1 })));

async function open(db: string, withNewData = false) {
  const config = loadConfig({}, { MM_DB: db, MM_DEMO: true, MM_DEMO_DIR: inject("demoDir") });
  return openPipelineContext({ config, clock, log: () => {}, ...(withNewData ? { intercept: raised() } : {}) });
}

/** Runs the child until it reports the fault point, then kills it with SIGKILL. */
function killAt(db: string, point: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/crash-child.ts", db, inject("demoDir"), point], { cwd: root });
    let out = "";
    child.stdout.on("data", (data) => {
      out += data;
      if (out.includes(`AT ${point}`)) child.kill("SIGKILL");
    });
    child.on("close", (_code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`child ended without reaching ${point}: ${out}`))));
  });
}

describe("SIGKILL during a pipeline run", () => {
  it.each([
    ["after-staging", "old"],
    ["before-commit", "old"],
    ["after-commit", "new"],
  ] as const)("killed %s: the table is the %s version and the next run reaches the new one", async (point, expected) => {
    const db = path.join(tmp, `${point}.duckdb`);
    const old = await open(db);
    for (const pipeline of pipelines) await old.runner.run(pipeline, "startup");
    const oldVersion = await fingerprint(old.db, "air_measurements");
    await old.close();

    await killAt(db, point);

    const reopened = await open(db, true);
    try {
      const afterKill = await fingerprint(reopened.db, "air_measurements");
      const killedRun = (await reopened.db.query("SELECT status FROM meta.pipeline_runs ORDER BY run_id DESC LIMIT 1"))[0]!;
      if (expected === "old") {
        expect(afterKill).toBe(oldVersion);
        expect(killedRun.status).toBe("abandoned");
      } else {
        expect(afterKill).not.toBe(oldVersion);
        expect(killedRun.status).toBe("succeeded");
      }
      expect(await reopened.db.query("SELECT * FROM meta.pipeline_locks")).toEqual([]);
      const next = await reopened.runner.run(airQualityMeasurements, "manual");
      expect(next.status).toBe("succeeded");
      const newVersion = await fingerprint(reopened.db, "air_measurements");
      expect(newVersion).not.toBe(oldVersion);
      if (expected === "new") expect(newVersion).toBe(afterKill);
    } finally {
      await reopened.close();
    }
  });
});
