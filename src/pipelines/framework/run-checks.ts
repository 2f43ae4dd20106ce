/**
 * A run's checks: run in order (the first failed error-level check ends the run), kept per pass,
 * counted as warnings, and recorded beside the run (meta.check_results).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CheckResult } from "../../ground/contract/contract.ts";
import { localize } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { Check } from "./checks.ts";
import { PipelineError } from "./pipeline-error.ts";
import type { RunCounts } from "./run-record.ts";

/**
 * Keeps a pass's check results in the run's list: a single pass keeps all; a backfill's passes keep
 * what failed (one line per check and pass would bury it), and the last pass replaces the passed ones.
 */
export function keepChecks(checks: CheckResult[], pass: CheckResult[], sliced: boolean): void {
  if (!sliced) {
    checks.push(...pass);
    return;
  }
  const passedNames = new Set(pass.filter((c) => c.passed).map((c) => c.name));
  for (let i = checks.length - 1; i >= 0; i--) if (checks[i]!.passed && passedNames.has(checks[i]!.name)) checks.splice(i, 1);
  checks.push(...pass.filter((c) => !c.passed || !checks.some((k) => k.name === c.name && k.passed)));
}

/**
 * Failed warn-level checks, plus one for rejected rows (however many: their count and share are in
 * the run record): a run that publishes with any of these succeeded with warnings.
 */
export const countWarnings = (checks: CheckResult[], counts: RunCounts) =>
  checks.filter((c) => !c.passed && c.level === "warn").length + (counts.rowsRejected > 0 ? 1 : 0);

/** Runs checks in order, appending their results; the first failed error-level check throws. */
export async function runChecks(checks: Check[], context: Parameters<Check["run"]>[0], results: CheckResult[]): Promise<void> {
  for (const check of checks) {
    const outcome = await check.run(context);
    results.push({ name: check.name, level: check.level, ...outcome, message: localize(outcome.message) });
    if (!outcome.passed && check.level === "error") {
      const { name } = check;
      const { message, sample } = outcome;
      throw new PipelineError(
        sample.length ? msg("run.checkFailedSample", { name, message, sample: sample.join("; ") }) : msg("run.checkFailed", { name, message }),
      );
    }
  }
}

export async function recordChecks(connection: DuckDBConnection, reject: { runId: number; pipeline: string }, checks: CheckResult[]) {
  for (const c of checks) {
    await connection.run(
      "INSERT INTO meta.check_results (run_id, pipeline, name, level, passed, count, sample, message, message_nl) VALUES ($1, $2, $3, $4, $5, $6, CAST($7::JSON AS VARCHAR[]), $8, $9)",
      [reject.runId, reject.pipeline, c.name, c.level, c.passed, c.count, JSON.stringify(c.sample), c.message.en, c.message.nl],
    );
  }
}
