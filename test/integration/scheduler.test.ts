import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { definePipeline } from "../../src/pipelines/framework/define-pipeline.ts";
import { createFetchJson } from "../../src/pipelines/framework/fetch-json.ts";
import { createRunner } from "../../src/pipelines/framework/run-pipeline.ts";
import { schedulePipelines } from "../../src/pipelines/framework/scheduler.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { silentLogger } from "../../src/ground/logger.ts";

let db: Database;
let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-scheduler-"));
  db = await openDatabase(path.join(tmp, "s.duckdb"));
});
afterAll(() => {
  db.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A pipeline due every second whose extract takes 1.5 s, so ticks arrive while it still runs. */
let tick = 0;
const slowTicks = definePipeline({
  name: "slow-ticks",
  title: { nl: "Test", en: "Test" },
  schedule: "* * * * * *",
  source: {
    kind: "records",
    describe: "a slow test source",
    async *extract() {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      yield { origin: "test", records: [{ tick: ++tick }] };
    },
  },
  schema: z.object({ tick: z.number().int() }),
  mode: "append",
  attribution: { source: "test", licence: "CC0" },
});

describe("schedulePipelines", () => {
  it("runs a pipeline on its cron schedule and never lets two runs overlap", async () => {
    const runner = createRunner({
      db,
      settings: { luchtmeetnet: { baseUrl: "http://127.0.0.1:9" } },
      fetchJson: createFetchJson(),
      clock: () => new Date(),
      logger: silentLogger,
    });
    const scheduler = schedulePipelines([slowTicks], runner, silentLogger);
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await scheduler.stop();
    while (runner.isRunning("slow-ticks")) await new Promise((resolve) => setTimeout(resolve, 50));

    const runs = await db.query("SELECT started_at, finished_at, status FROM meta.pipeline_runs WHERE pipeline = 'slow-ticks' ORDER BY run_id");
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThan(4);
    expect(runs.every((r) => r.status === "succeeded")).toBe(true);
    for (let i = 1; i < runs.length; i++) {
      expect((runs[i]!.started_at as Date).getTime()).toBeGreaterThanOrEqual((runs[i - 1]!.finished_at as Date).getTime());
    }
    const rows = await db.query("SELECT count(*) AS n FROM main.slow_ticks");
    expect(rows[0]!.n).toBe(runs.length);
  });
});
