/**
 * `npm run rebuild [-- --demo]`: rebuilds the published data from the sources (the demo files, or
 * the configured live APIs and MM_FILES_DIR exports) after a loss, e.g. a damaged write-ahead log
 * set aside at start. Runs every pipeline in registry order (areas first, then what reads from
 * them) and reports each run. Opens the database itself, so stop the server first: while it runs,
 * this fails at once naming the lock holder.
 * Exit status: 0 when every pipeline succeeded (pending recoveries are then marked rebuilt and
 * /healthz turns "ok"), 1 otherwise.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { markRebuilt } from "../../store/wal-recovery.ts";
import { openPipelineContext } from "../start-monitor.ts";
import { formatRunResult } from "./format-run.ts";

const { values } = parseArgs({ options: { demo: { type: "boolean", default: false } } });

let exitCode = 0;
try {
  const config = loadConfig(process.env, values.demo ? { MM_DEMO: true } : {});
  const clock = () => new Date();
  const context = await openPipelineContext({ config, clock, log: (line) => console.error(line) });
  try {
    const failed: string[] = [];
    // As at the demo's start: a pipeline the demo has no data for is skipped, not failed.
    const runnable = context.automatic;
    for (const name of context.noDemoData.keys()) console.info(`${name}: skipped, no demo data`);
    for (const pipeline of runnable) {
      const result = await context.runner.run(pipeline, "cli");
      console.info(`${pipeline.name}: ${formatRunResult(result)}`);
      if (result.error) console.error(`${pipeline.name}: error: ${result.error}`);
      if (result.status !== "succeeded") failed.push(pipeline.name);
    }
    if (failed.length) {
      console.error(`rebuild incomplete: ${failed.length} of ${runnable.length} pipelines failed (${failed.join(", ")}); their previous data is kept`);
      exitCode = 1;
    } else {
      await markRebuilt(context.db, clock());
      console.info(`rebuilt: all ${runnable.length} pipelines ran from their sources`);
    }
  } finally {
    await context.close();
  }
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
}
process.exit(exitCode);
