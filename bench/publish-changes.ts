/**
 * publish-changes: what recording a publish's change summary (src/pipelines/framework/publish-changes.ts)
 * costs, as a share of the run's own time measured in the same run, at scale 10 (MM_BENCH_SCALE): every
 * pipeline the demo has data for is run into a temporary database in registry order (what one reads is
 * loaded before it), then the biggest ones (MM_CHANGES_PIPELINES, default the two with the most rows)
 * run again: the first run loads their history in slices into an empty table, the second is the run
 * of every hour, into the full table, where the summary's scans weigh most.
 *
 * The summary's time is what measuring took inside the publish transaction (meta.publish_changes
 * .measure_ms, summed over a run's slices); the run's time is the runner's, from start to result.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/app/config.ts";
import { openPipelineContext } from "../src/app/start-monitor.ts";
import { quote } from "../src/ground/sql-text.ts";
import { pipelines } from "../src/pipelines/index.ts";
import { demoAtScale } from "./api.ts";

const SCALE = Number(process.env.MM_BENCH_SCALE ?? 10);

interface Timed {
  pipeline: string;
  run: "first" | "again";
  rowsAfter: number;
  publishes: number;
  runMs: number;
  changesMs: number;
  share: number;
}

export async function benchPublishChanges() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-changes-"));
  const config = loadConfig({}, { MM_DB: path.join(tmp, "bench.duckdb"), MM_DEMO: true, MM_DEMO_DIR: demoAtScale(SCALE), MM_DB_RESERVE_MB: 0 });
  const context = await openPipelineContext({ config, clock: () => new Date("2026-03-02T09:00:00Z") });
  const timed: Timed[] = [];
  const runOnce = async (pipeline: (typeof pipelines)[number], run: Timed["run"]) => {
    const started = performance.now();
    const result = await context.runner.run(pipeline, "cli");
    const runMs = performance.now() - started;
    if (result.status !== "succeeded") throw new Error(`bench run of ${pipeline.name} failed: ${result.error}`);
    const [row] = await context.db.query("SELECT count(*) AS publishes, coalesce(sum(measure_ms), 0) AS ms FROM meta.publish_changes WHERE run_id = $1", [
      result.runId,
    ]);
    const [size] = await context.db.query(`SELECT count(*) AS n FROM main.${quote(pipeline.table)}`);
    const changesMs = Number(row!.ms);
    timed.push({
      pipeline: pipeline.name,
      run,
      rowsAfter: Number(size!.n),
      publishes: Number(row!.publishes),
      runMs: Math.round(runMs),
      changesMs: Math.round(changesMs),
      share: Number((changesMs / runMs).toFixed(3)),
    });
  };
  try {
    for (const pipeline of context.automatic) await runOnce(pipeline, "first");
    const chosen =
      process.env.MM_CHANGES_PIPELINES?.split(",") ??
      [...timed]
        .sort((a, b) => b.rowsAfter - a.rowsAfter)
        .slice(0, 2)
        .map((t) => t.pipeline);
    for (const name of chosen)
      await runOnce(
        pipelines.find((p) => p.name === name)!,
        "again",
      );
    const all = timed.filter((t) => t.run === "first");
    const sum = (xs: Timed[], pick: (t: Timed) => number) => xs.reduce((s, t) => s + pick(t), 0);
    return {
      bench: "publish-changes",
      scale: SCALE,
      biggest: timed.filter((t) => chosen.includes(t.pipeline)),
      // Every pipeline's first run together: the summaries' share of a full load of the demo.
      allFirstRuns: {
        pipelines: all.length,
        runMs: sum(all, (t) => t.runMs),
        changesMs: sum(all, (t) => t.changesMs),
        share: Number((sum(all, (t) => t.changesMs) / sum(all, (t) => t.runMs)).toFixed(3)),
      },
    };
  } finally {
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
