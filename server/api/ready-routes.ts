import type { Readiness as ReadinessBody } from "./contract.ts";
import type { Database } from "../db/database.ts";
import type { Route } from "../http/routes.ts";
import type { Readiness } from "../operations/readiness.ts";

/**
 * Readiness for a load balancer or orchestrator: 503 while shutting down (so traffic moves away
 * before the listener closes) or while the database does not answer; /healthz stays liveness.
 */
export function readyRoutes(route: Route, { db, readiness }: { db: Database; readiness: Readiness }): void {
  route("GET /readyz", async (_req, res) => {
    let reason = readiness.reason;
    if (!reason) {
      try {
        await db.query("SELECT 1", [], { timeoutMs: 1_000 });
      } catch (error) {
        reason = `database not open: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    const body: ReadinessBody = reason ? { ready: false, reason } : { ready: true };
    res.status(reason ? 503 : 200).set("cache-control", "no-store").json(body);
  });
}
