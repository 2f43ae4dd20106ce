/**
 * Child process for the crash test: runs the measurements pipeline on the demo with every value
 * raised by one (a "new version"), and stops dead at the named fault point until it is killed.
 * Usage: node --import tsx test/support/crash-child.ts <db> <demoDir> <fault point>
 */
import airQualityMeasurements from "../../pipelines/air-quality-measurements.ts";
import { loadConfig } from "../../server/config.ts";
import { openPipelineContext } from "../../server/start-monitor.ts";
import { editPages } from "./upstream-faults.ts";

const [db, demoDir, point] = process.argv.slice(2) as [string, string, string];
const config = loadConfig({}, { MM_DB: db, MM_DEMO: true, MM_DEMO_DIR: demoDir });
const context = await openPipelineContext({
  config,
  clock: () => new Date("2026-03-02T09:00:00Z"),
  log: () => {},
  intercept: editPages(demoDir, (url) => url.startsWith("/luchtmeetnet/measurements"), (data) => data.map((m) => ({ ...m, value: (m.value as number) + 1 }))),
  fault: async (reached) => {
    if (reached !== point) return;
    process.stdout.write(`AT ${reached}\n`);
    await new Promise(() => {});
  },
});
await context.runner.run(airQualityMeasurements, "manual");
process.stdout.write("DONE\n");
