import type { BackfillProgress } from "../../ground/contract/contract.ts";
import type { RunResult } from "../../pipelines/framework/run-pipeline.ts";

/** One line per run, as both CLIs print it: `run 12 succeeded: 3 read, 3 loaded, 0 rejected, 0 warnings`. */
export function formatRunResult(result: RunResult): string {
  const duplicates = result.rowsDuplicate ? `, ${result.rowsDuplicate} duplicates dropped` : "";
  const replaced = result.rowsReplaced ? `, ${result.rowsReplaced} replaced by a better tier` : "";
  return `run ${result.runId} ${result.status}: ${result.rowsRead} read, ${result.rowsLoaded} loaded, ${result.rowsRejected} rejected${duplicates}${replaced}, ${result.warnings} warnings`;
}

/** `3/14 slices, 257,365 rows; next 2025-01 provisional, about 12 s left`, or `14/14 slices, 335,603 rows` when done. */
export function formatBackfill(progress: BackfillProgress): string {
  const done = `${progress.slicesDone}/${progress.slicesTotal} slices, ${progress.rowsLoaded.toLocaleString("en")} rows`;
  if (!progress.next) return done;
  const left = progress.secondsLeft === null ? "" : `, about ${formatDuration(progress.secondsLeft)} left`;
  return `${done}; next ${progress.next}${left}`;
}

const formatDuration = (seconds: number) =>
  seconds < 90 ? `${seconds} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;
