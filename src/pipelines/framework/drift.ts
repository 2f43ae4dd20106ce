/** Schema drift: the upstream's columns against the record schema. */
import { msg, type Message } from "../../ground/i18n/message.ts";
import { PipelineError } from "./pipeline-error.ts";

/** A column none of whose `rows` values could be read as the schema's `type`. */
export interface Retyped {
  column: string;
  type: string;
  rows: number;
}

export interface Drift {
  dropped: string[];
  added: string[];
  retyped: Retyped[];
}

export class SchemaDriftError extends PipelineError {
  constructor(readonly drift: Drift) {
    super(msg("run.schemaDrift", { drift: describeDrift(drift) }));
  }
}

/** The parts of a drift that occur, in one text such as `missing a; new b; retyped c (expected …)`. */
export function describeDrift({ dropped, added, retyped }: Drift): Message {
  const parts = [
    dropped.length ? msg("drift.missing", { columns: dropped.join(", ") }) : null,
    added.length ? msg("drift.added", { columns: added.join(", ") }) : null,
    retyped.length
      ? msg("drift.retyped", { columns: joined(retyped.map((r) => msg("drift.retypedColumn", { column: r.column, type: r.type, rows: r.rows }))) })
      : null,
  ].filter((part) => part !== null);
  return joined(parts);
}

/** Messages in a row, separated by "; " in either language. */
function joined(parts: Message[]): Message {
  return parts.slice(1).reduce<Message>((all, part) => msg("drift.joined", { first: all, next: part }), parts[0] ?? msg("drift.none"));
}

/** Dropped, renamed (= dropped + new) or retyped columns fail the run; only new columns warn. */
export function assertNoBreakingDrift(drift: Drift): void {
  if (drift.dropped.length || drift.retyped.length) throw new SchemaDriftError(drift);
}
