/**
 * Child process for the crash tests: runs every pipeline in registry order, as a nightly run does,
 * with the measurements' values raised by --raise (a "new version"). It prints READY before the
 * first run, `AT <point> <pipeline>` when it reaches --kill-at (and stops dead there), and DONE at
 * the end; then it waits to be killed. --checkpoint-at runs a CHECKPOINT at that point, so that the
 * database file itself holds a run in progress, as after one of DuckDB's automatic checkpoints.
 * Usage: node --import tsx test/support/crash-child.ts <db> <demoDir> --raise N [--kill-at point:pipeline] [--checkpoint-at point:pipeline]
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/app/config.ts";
import { openPipelineContext } from "../../src/app/start-monitor.ts";
import { pipelines } from "../../src/pipelines/index.ts";
import { raisedMeasurements } from "./crash-runs.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { raise: { type: "string", default: "0" }, "kill-at": { type: "string" }, "checkpoint-at": { type: "string" } },
});
const [db, demoDir] = positionals as [string, string];
const config = loadConfig({}, { MM_DB: db, MM_DEMO: true, MM_DEMO_DIR: demoDir });
// Waits for the SIGKILL; the timer keeps the process alive whatever else has closed.
const stop = () => new Promise<never>(() => setInterval(() => {}, 60_000));
const context = await openPipelineContext({
  config,
  clock: () => new Date("2026-03-02T09:00:00Z"),
  log: () => {},
  intercept: raisedMeasurements(demoDir, Number(values.raise)),
  fault: async (point, pipeline) => {
    const here = `${point}:${pipeline}`;
    if (here === values["checkpoint-at"]) await context.db.query("CHECKPOINT");
    if (here !== values["kill-at"]) return;
    process.stdout.write(`AT ${point} ${pipeline}\n`);
    await stop();
  },
});
process.stdout.write("READY\n");
for (const definition of pipelines) await context.runner.run(definition, "manual");
process.stdout.write("DONE\n");
await stop();
