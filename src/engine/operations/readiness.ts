/**
 * Whether this process should receive traffic (GET /readyz), as opposed to whether it is alive
 * (GET /healthz). It turns false once, at the start of a shutdown, and never back.
 */
export interface Readiness {
  /** null while ready; otherwise why not. */
  readonly reason: string | null;
  notReady(reason: string): void;
}

export function createReadiness(): Readiness {
  let reason: string | null = null;
  return {
    get reason() {
      return reason;
    },
    notReady(why) {
      reason ??= why;
    },
  };
}
