/** GET /api/v1/alerts: open (and recently resolved) alerts, only of the kinds the role may see. */
import type { Role } from "../../ground/contract/contract.ts";
import { AlertsQuery, type Alert, type AlertList } from "../../ground/contract/contract-alerts.ts";
import { seesDelivery, visibleKinds } from "../../engine/alerts/alert-visibility.ts";
import { createAlertStore, type StoredAlert } from "../../engine/alerts/alert-store.ts";
import { linkOf, targetOf } from "../../engine/alerts/alert-target.ts";
import type { StateQuery } from "../../store/state/state-db.ts";
import { requestSignal } from "../http/request-signal.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";

const forRole = (alert: StoredAlert, role: Role, baseUrl: string | undefined): Alert => ({
  ...alert,
  target: targetOf(alert),
  link: linkOf(alert, baseUrl),
  delivery: seesDelivery(role) ? alert.delivery : null,
});

export function alertRoutes(route: Route, { db, baseUrl }: { db: StateQuery; baseUrl?: string | undefined }): void {
  const store = createAlertStore(db);
  route("GET /api/v1/alerts", async (req, res) => {
    const { state } = parseInput(AlertsQuery, req.query, "query");
    const role = sessionOf(res)!.role;
    const alerts = await store.list(visibleKinds(role), state, { signal: requestSignal(req, res) });
    const body: AlertList = { alerts: alerts.map((a) => forRole(a, role, baseUrl)), open: alerts.filter((a) => a.resolvedAt === null).length };
    res.json(body);
  });
}
