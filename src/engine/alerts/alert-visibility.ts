/**
 * Who sees which alerts, in one table. Indicator alerts are aggregates (a status judged on the
 * policy role's suppressed cells), so every role sees them; station alerts carry measured values at
 * a location, like the station pages; pipeline alerts carry run errors, like the pipeline pages.
 */
import type { AlertKind } from "../../ground/contract/contract-alerts.ts";
import type { Role } from "../../ground/contract/contract.ts";

export const alertVisibility: Record<AlertKind, readonly Role[]> = {
  "indicator-off-track": ["policy", "permit", "analyst", "admin"],
  "station-24h": ["permit", "analyst", "admin"],
  "pipeline-failed": ["analyst", "admin"],
  "pipeline-stale": ["analyst", "admin"],
};

export const visibleKinds = (role: Role): AlertKind[] => (Object.keys(alertVisibility) as AlertKind[]).filter((kind) => alertVisibility[kind].includes(role));

/** Whether the role sees how the webhook delivery went (operators do). */
export const seesDelivery = (role: Role) => role === "analyst" || role === "admin";
