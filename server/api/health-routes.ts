import type { z } from "zod";
import type { Health } from "./contract.ts";
import type { Database } from "../db/database.ts";
import type { Route } from "../http/routes.ts";

/** Liveness plus a one-second probe of the database: 503 when it does not answer. */
export function healthRoutes(route: Route, { db }: { db: Database }): void {
  route("GET /healthz", async (_req, res) => {
    let database = true;
    try {
      await db.query("SELECT 1", [], { timeoutMs: 1_000 });
    } catch {
      database = false;
    }
    const body: z.infer<typeof Health> = { status: database ? "ok" : "degraded", database };
    res.status(database ? 200 : 503).set("cache-control", "no-store").json(body);
  });
}
