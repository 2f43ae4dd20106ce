/** Schema drift: the upstream's columns against the record schema. */
export interface Drift {
  dropped: string[];
  added: string[];
  retyped: string[];
}

export class SchemaDriftError extends Error {
  constructor(readonly drift: Drift) {
    super(`schema drift upstream: ${describeDrift(drift)}`);
  }
}

export function describeDrift({ dropped, added, retyped }: Drift): string {
  return [
    dropped.length ? `missing ${dropped.join(", ")}` : "",
    added.length ? `new ${added.join(", ")}` : "",
    retyped.length ? `retyped ${retyped.join("; ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** Dropped, renamed (= dropped + new) or retyped columns fail the run; only new columns warn. */
export function assertNoBreakingDrift(drift: Drift): void {
  if (drift.dropped.length || drift.retyped.length) throw new SchemaDriftError(drift);
}
