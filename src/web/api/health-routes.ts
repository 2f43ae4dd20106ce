import type { z } from "zod";
import type { Health } from "../../ground/contract/contract.ts";
import type { Database } from "../../store/database.ts";
import { pendingRecovery } from "../../store/wal-recovery.ts";
import type { Route } from "../http/routes.ts";

/**
 * Liveness plus a one-second probe of the database: 503 when it does not answer. After a start that
 * set a damaged WAL aside the answer is 200 "degraded" with the reason: the process is alive and
 * serving, and a liveness probe that restarted it would only restart it into the same state.
 */
export function healthRoutes(route: Route, { db }: { db: Database }): void {
  route("GET /healthz", async (_req, res) => {
    let body: z.infer<typeof Health>;
    try {
      const reason = await pendingRecovery(db, { timeoutMs: 1_000 });
      body = reason ? { status: "degraded", database: true, reason } : { status: "ok", database: true };
    } catch {
      body = { status: "degraded", database: false, reason: "the database did not answer within 1 s" };
    }
    res
      .status(body.database ? 200 : 503)
      .set("cache-control", "no-store")
      .json(body);
  });
}
