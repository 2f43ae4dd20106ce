import type { z } from "zod";
import type { Health } from "../../ground/contract/contract.ts";
import type { Database } from "../../store/database.ts";
import { pendingRecovery } from "../../store/wal-recovery.ts";
import type { Route } from "../http/routes.ts";
import { HttpError } from "../http/http-error.ts";
import { msg } from "../../ground/i18n/message.ts";

/**
 * Liveness plus a one-second probe of the database: 503 (problem+json, RFC 9457) when it does not
 * answer. After a start that set a damaged WAL aside the answer is 200 "degraded" with the reason:
 * the process is alive and serving, and a liveness probe that restarted it would only restart it
 * into the same state.
 */
export function healthRoutes(route: Route, { db }: { db: Database }): void {
  route("GET /healthz", async (_req, res) => {
    // Set first, so the 503's problem is not stored either.
    res.set("cache-control", "no-store");
    let reason: string | null;
    try {
      reason = await pendingRecovery(db, { timeoutMs: 1_000 });
    } catch (error) {
      throw new HttpError(503, msg("health.databaseDown"), { cause: error });
    }
    const body: z.infer<typeof Health> = reason ? { status: "degraded", database: true, reason } : { status: "ok", database: true };
    res.json(body);
  });
}
