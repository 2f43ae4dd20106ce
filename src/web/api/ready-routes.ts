import type { Readiness as ReadinessBody } from "../../ground/contract/contract.ts";
import type { Database } from "../../store/database.ts";
import type { Route } from "../http/routes.ts";
import { HttpError } from "../http/http-error.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { Readiness } from "../../engine/operations/readiness.ts";
import type { PipelineService } from "../../engine/pipelines/pipeline-service.ts";

const PROBE = { timeoutMs: 1_000 };

/**
 * The pipelines whose published data is older than their error threshold (errorAfterHours), as
 * "name (newest …, limit … h)", judged as the pipeline view judges them. A pipeline that never loaded
 * ("unknown") is not stale: a fresh install, whose first runs have not finished, must still become
 * ready; nor is one whose history is still loading (its backfill has slices to go), so the server
 * serves throughout a backfill; nor is the demo's frozen snapshot (snapshotUntil): it has no
 * upstream to wait for, so its age is said in the view, the metrics and the alerts, not held against
 * readiness (docs/decisions/0027-freshness-from-release-schedules.md).
 */
async function stalePipelines(pipelines: Pick<PipelineService, "freshness">): Promise<string[]> {
  const all = await pipelines.freshness(PROBE);
  return all
    .filter((p) => p.freshness.status === "stale" && !p.backfilling && p.freshness.snapshotUntil === null)
    .map((p) => `${p.name} (newest ${p.freshness.latest}, limit ${p.freshness.errorAfterHours} h)`);
}

/**
 * Readiness for a load balancer or orchestrator: 503 while shutting down (so traffic moves away
 * before the listener closes), while the database does not answer, or while a pipeline's data is
 * stale beyond its error threshold (the monitor would show outdated figures as current), with the
 * reason in the problem's detail;
 * /healthz stays liveness.
 */
export function readyRoutes(
  route: Route,
  { db, readiness, pipelines }: { db: Database; readiness: Readiness; pipelines: Pick<PipelineService, "freshness"> },
): void {
  route("GET /readyz", async (_req, res) => {
    let reason = readiness.reason;
    if (!reason) {
      try {
        await db.query("SELECT 1", [], PROBE);
      } catch (error) {
        reason = `database not open: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    if (!reason) {
      try {
        const stale = await stalePipelines(pipelines);
        if (stale.length) reason = `data stale beyond the error threshold: ${stale.join(", ")}`;
      } catch (error) {
        reason = `freshness could not be checked: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    res.set("cache-control", "no-store");
    // Not ready is an error answer like any other: problem+json (RFC 9457), the reason in its detail.
    if (reason) throw new HttpError(503, msg("ready.notReady", { reason }));
    const body: ReadinessBody = { ready: true };
    res.json(body);
  });
}
