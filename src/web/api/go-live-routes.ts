/**
 * The go-live check over HTTP: start one in the background (an entry in the audit log), and read the
 * latest (src/engine/pipelines/go-live-checks.ts).
 */
import type { GoLiveCheck, LatestGoLiveCheck } from "../../ground/contract/contract-go-live.ts";
import { Unavailable } from "../../ground/domain-errors.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { GoLiveChecks } from "../../engine/pipelines/go-live-checks.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import type { AuditLog } from "../../engine/auth/audit-log.ts";

const LATEST = "/api/v1/pipelines/checks/latest";

/** `checks` null: an app built without the pipelines' sources (a test of other routes) answers 503. */
export function goLiveRoutes(route: Route, { checks, audit }: { checks: GoLiveChecks | null; audit: AuditLog }): void {
  const service = (): GoLiveChecks => {
    if (!checks) throw new Unavailable(msg("goLive.unavailable"));
    return checks;
  };

  route("POST /api/v1/pipelines/checks", async (_req, res) => {
    const body: GoLiveCheck = service().start();
    await audit.record(sessionOf(res)!, "go-live-check", `check ${body.id}`);
    res.status(202).location(LATEST).json(body);
  });

  route("GET /api/v1/pipelines/checks/latest", (_req, res) => {
    const body: LatestGoLiveCheck = { check: service().latest() };
    res.json(body);
  });
}
