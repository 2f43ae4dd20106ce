/**
 * A run's rejects by reason, each with a few of its raw values: the counts cover every rejected row,
 * the examples come from the run's sample (which takes the first rows of every reason first).
 */
import type { RejectReason } from "../../ground/contract/contract-go-live.ts";
import type { QuarantinedRow, RejectCount } from "../../ground/contract/contract.ts";

const EXAMPLES = 3;

const keyOf = (column: string | null, reason: string) => `${column ?? ""}\u0000${reason}`;

/**
 * A sampled row belongs to the count of its column and reason. A reason that quotes the row's own
 * values (a repeated key, an unreadable line) is counted under a reason without them: such a row goes
 * to the count of its column whose reason no sampled row states word for word.
 */
export function rejectExamples(counts: readonly RejectCount[], sample: readonly QuarantinedRow[]): RejectReason[] {
  const reasons = counts.map((count) => ({ ...count, examples: [] as string[] }));
  const stated = new Set(sample.map((row) => keyOf(row.column, row.reason.en)));
  for (const row of sample) {
    const target =
      reasons.find((r) => r.column === row.column && r.reason.en === row.reason.en) ??
      reasons.find((r) => r.column === row.column && !stated.has(keyOf(r.column, r.reason.en)));
    if (target && target.examples.length < EXAMPLES) target.examples.push(row.raw);
  }
  return reasons;
}
