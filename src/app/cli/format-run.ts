import type { RunResult } from "../../pipelines/framework/run-pipeline.ts";

/** One line per run, as both CLIs print it: `run 12 succeeded: 3 read, 3 loaded, 0 rejected, 0 warnings`. */
export function formatRunResult(result: RunResult): string {
  const duplicates = result.rowsDuplicate ? `, ${result.rowsDuplicate} duplicates dropped` : "";
  return `run ${result.runId} ${result.status}: ${result.rowsRead} read, ${result.rowsLoaded} loaded, ${result.rowsRejected} rejected${duplicates}, ${result.warnings} warnings`;
}
