/**
 * `npm run pipelines -- <command>`: list | run <name> | runs <name> [--limit N] | rejects <name> [--run ID] [--limit N]
 * | check [name…]. Opens the database itself, so it fails with a clear message while the server holds
 * the file; `check` (the go-live check) never opens it, and runs beside the server too.
 * Exit status: 0 on success, 1 when a run, a checked pipeline or the command failed, 2 on wrong usage.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { createPipelineService } from "../../engine/pipelines/pipeline-service.ts";
import { openPipelineContext } from "../start-monitor.ts";
import { dataNow } from "../../pipelines/framework/source.ts";
import { findPipeline } from "../../pipelines/index.ts";
import { formatTable } from "../../ground/format-table.ts";
import { formatBackfill, formatRunResult } from "./format-run.ts";
import { checkCommand } from "./check-command.ts";

const usage = `usage: npm run pipelines -- <command> [--demo]
  list                                   pipelines with schedule, last run and freshness (or "no demo data")
  run <name>                             run a pipeline now
  runs <name> [--limit N]                run history, newest first
  rejects <name> [--run ID] [--limit N]  rejected rows of the last (or given) run
  check [name…]                          go-live check: read and validate every (or each named) pipeline's source into a
                                         scratch database, publishing nothing; exit 1 when one fails`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { demo: { type: "boolean", default: false }, limit: { type: "string", default: "20" }, run: { type: "string" } },
});
const [command, name] = positionals;
const limit = Number(values.limit);
const needsName = command !== "list" && command !== "check";
if (!command || !["list", "run", "runs", "rejects", "check"].includes(command) || (needsName && !name) || !Number.isInteger(limit) || limit < 1) {
  console.error(usage);
  process.exit(2);
}
for (const given of command === "check" ? positionals.slice(1) : [name]) {
  if (given && !findPipeline(given)) {
    console.error(`unknown pipeline: ${given}; see npm run pipelines -- list`);
    process.exit(2);
  }
}

let exitCode = 0;
try {
  const config = loadConfig(process.env, values.demo ? { MM_DEMO: true } : {});
  // A progress line at most twice a second: rewritten in place on a terminal, appended in a log.
  let lastProgress = 0;
  const progress = (pipeline: string, rows: number) => {
    if (Date.now() - lastProgress < 500) return;
    lastProgress = Date.now();
    const text = `${pipeline}: ${rows.toLocaleString("en")} rows read`;
    process.stderr.write(process.stderr.isTTY ? `\r${text}` : `${text}\n`);
  };
  // Only warnings reach the terminal (e.g. a damaged write-ahead log set aside at open).
  const log = (line: string) => {
    if (line.startsWith("WARNING")) console.error(line);
  };
  if (command === "check") process.exit(await checkCommand(config, positionals.slice(1), log));
  const context = await openPipelineContext({ config, clock: () => new Date(), log, onProgress: progress });
  const service = createPipelineService(context.db, context.runner, () => dataNow(context.settings, () => new Date()), context.noDemoData);
  try {
    if (command === "list") {
      const rows = (await service.list({})).map((p) => ({
        name: p.name,
        schedule: p.schedule,
        mode: p.mode,
        "last run": p.lastRun ? `${p.lastRun.runId} ${p.lastRun.status}` : "",
        finished: p.lastRun?.finishedAt ?? "",
        loaded: p.lastRun?.rowsLoaded ?? "",
        rejected: p.lastRun?.rowsRejected ?? "",
        // Instead of a freshness judgement: such a pipeline is left out of the demo's runs on purpose.
        freshness: p.noDemoData ? "no demo data" : `${p.freshness.status}${p.freshness.latest ? ` (${p.freshness.latest})` : ""}`,
        backfill: p.backfill ? formatBackfill(p.backfill) : "",
      }));
      console.info(formatTable(rows, ["name", "schedule", "mode", "last run", "finished", "loaded", "rejected", "freshness", "backfill"]));
    } else if (command === "run") {
      const result = await context.runner.run(findPipeline(name!)!, "cli");
      if (process.stderr.isTTY && lastProgress) process.stderr.write("\n");
      console.info(formatRunResult(result));
      const failed = result.checks.filter((c) => !c.passed);
      if (failed.length)
        console.info(
          formatTable(
            failed.map((c) => ({ ...c, message: c.message.en })),
            ["name", "level", "count", "message"],
          ),
        );
      if (result.error) console.error(`error: ${result.error}`);
      if (result.status !== "succeeded") exitCode = 1;
    } else if (command === "runs") {
      // The operator's terminal is English, as the rest of the CLI.
      const runs = (await service.runs(name!, limit, {})).map((run) => ({ ...run, error: run.error?.en ?? null }));
      console.info(formatTable(runs, ["runId", "trigger", "status", "startedAt", "finishedAt", "rowsRead", "rowsLoaded", "rowsRejected", "warnings", "error"]));
    } else {
      const runId = values.run ? Number(values.run) : (await service.runs(name!, 1, {}))[0]?.runId;
      if (!runId) console.info("(no runs)");
      else {
        const detail = await service.run(name!, runId, {});
        const shown = Math.min(limit, detail.rejects.length);
        console.info(
          `run ${runId}: ${detail.rejectsTotal} rejected rows${detail.rejectsTotal > shown ? `, first ${shown} shown` : ""}${detail.rejectsSampleCut ? ` (a sample of ${detail.rejects.length} is kept)` : ""}`,
        );
        if (detail.rejectCounts.length)
          console.info(
            formatTable(
              detail.rejectCounts.map((c) => ({ ...c, reason: c.reason.en })),
              ["column", "reason", "rows"],
            ),
          );
        console.info(
          formatTable(
            detail.rejects.slice(0, limit).map((row) => ({ ...row, reason: row.reason.en })),
            ["origin", "line", "column", "reason", "raw"],
          ),
        );
      }
    }
  } finally {
    await context.close();
  }
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
}
process.exit(exitCode);
