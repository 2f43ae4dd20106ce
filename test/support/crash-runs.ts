/**
 * SIGKILL during pipeline runs, for the crash and recovery tests: a child process (crash-child.ts)
 * runs every pipeline on a real DuckDB file and is killed at a named fault point or a while into
 * its runs; the test then opens the same file, as a restarted server would.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import type { FaultPoint } from "../../src/pipelines/framework/run-pipeline.ts";
import type { Intercept } from "../../src/pipelines/framework/recorded-server.ts";
import { loadConfig } from "../../src/app/config.ts";
import { openPipelineContext } from "../../src/app/start-monitor.ts";
import { clock } from "./test-server.ts";
import { editPages } from "./upstream-faults.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** A named fault point of one pipeline's run. */
export interface NamedPoint {
  point: FaultPoint;
  pipeline: string;
}

/** Where to kill: at a named point, or `afterMs` after the runs began. */
export type Kill = NamedPoint | { afterMs: number };

export const describeKill = (kill: Kill) => ("point" in kill ? `at ${kill.point} of ${kill.pipeline}` : `${kill.afterMs} ms into the runs`);

/** The demo upstream with every measured value raised by `by`: a new version of the measurements. */
export const raisedMeasurements = (demoDir: string, by: number): Intercept =>
  editPages(
    demoDir,
    (url) => url.startsWith("/luchtmeetnet/measurements"),
    (data) => data.map((m) => ({ ...m, value: (m.value as number) + by })),
  );

/** Opens the database as the monitor does at start (abandoned runs marked, locks cleared). */
export function openMonitorDatabase(db: string, demoDir: string, { raiseBy = 0, log = () => {} }: { raiseBy?: number; log?: (line: string) => void } = {}) {
  const config = loadConfig({}, { MM_DB: db, MM_DEMO: true, MM_DEMO_DIR: demoDir });
  return openPipelineContext({ config, clock, log, intercept: raisedMeasurements(demoDir, raiseBy) });
}

/**
 * Runs every pipeline in a child process with the measurements raised by `raiseBy` and kills it
 * with SIGKILL as `kill` says (after a CHECKPOINT at `checkpointAt`, if given). Resolves with the
 * last line the child reached (READY, `AT …`, DONE).
 */
export function killDuringRuns(
  db: string,
  demoDir: string,
  raiseBy: number,
  kill: Kill,
  { checkpointAt }: { checkpointAt?: NamedPoint } = {},
): Promise<string> {
  const args = ["--import", "tsx", "test/support/crash-child.ts", db, demoDir, "--raise", String(raiseBy)];
  if ("point" in kill) args.push("--kill-at", `${kill.point}:${kill.pipeline}`);
  if (checkpointAt) args.push("--checkpoint-at", `${checkpointAt.point}:${checkpointAt.pipeline}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root });
    let out = "";
    let reached = "";
    let timer: NodeJS.Timeout | undefined;
    const killNow = () => child.kill("SIGKILL");
    child.stdout.on("data", (data) => {
      out += data;
      reached = out.trimEnd().split("\n").at(-1) ?? "";
      if (reached.startsWith("AT ") || reached === "DONE") killNow();
      else if (reached === "READY" && "afterMs" in kill) timer ??= setTimeout(killNow, kill.afterMs);
    });
    child.stderr.on("data", (data) => (out += data));
    child.on("close", (_code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL") resolve(reached);
      else reject(new Error(`the child ended without being killed ${describeKill(kill)}: ${out}`));
    });
  });
}
