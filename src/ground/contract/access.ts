/**
 * Who may call what: every route of the API, in one table. A route that is not listed here cannot be
 * registered (addRoute throws at start), so access is denied by default.
 */
import type { Role } from "./contract.ts";

export type Access = "public" | "authenticated" | readonly Role[];

const everyRole = ["policy", "permit", "analyst", "admin"] as const;
const detailRoles = ["permit", "admin"] as const;
const dataRoles = ["analyst", "admin"] as const;

export const routeAccess = {
  "POST /api/v1/session": "public",
  "GET /api/v1/session": "authenticated",
  "DELETE /api/v1/session": "authenticated",
  "GET /api/v1/session/options": "public",
  // Single sign-on: the start redirects to the provider, the provider redirects back to the callback.
  "GET /api/v1/session/oidc": "public",
  "GET /api/v1/session/oidc/callback": "public",
  "GET /api/v1/themes": everyRole,
  "GET /api/v1/themes/:themeId": everyRole,
  "GET /api/v1/indicators/:id": everyRole,
  "GET /api/v1/indicators/:id/series": everyRole,
  "GET /api/v1/indicators/:id/areas": everyRole,
  "GET /api/v1/indicators/:id/contributions": everyRole,
  "GET /api/v1/indicators/:id/parts": everyRole,
  "GET /api/v1/areas": everyRole,
  "GET /api/v1/areas/:code/profile": everyRole,
  "GET /api/v1/establishments": detailRoles,
  "GET /api/v1/establishments/:id": detailRoles,
  "GET /api/v1/locations/dossier": detailRoles,
  // Addresses are public data, but lead to dossiers: the permit officer's roles, not audited.
  "GET /api/v1/addresses": detailRoles,
  "GET /api/v1/addresses/:id": detailRoles,
  // BAG footprints for the map: public data, but the map is part of the permit officer's dossiers.
  "GET /api/v1/buildings": detailRoles,
  "GET /api/v1/audit": ["admin"],
  "GET /api/v1/users": ["admin"],
  "POST /api/v1/users": ["admin"],
  "PATCH /api/v1/users/:username": ["admin"],
  "GET /api/v1/stations": detailRoles,
  "GET /api/v1/stations/:number": detailRoles,
  "GET /api/v1/stations/:number/measurements": detailRoles,
  // Station measurements against the limit values: not personal, so every role.
  "GET /api/v1/air-quality/compliance": everyRole,
  "GET /api/v1/pipelines": dataRoles,
  "GET /api/v1/pipelines/:name/runs": dataRoles,
  "POST /api/v1/pipelines/:name/runs": dataRoles,
  "GET /api/v1/pipelines/:name/runs/:runId": dataRoles,
  // A run's rejected rows as CSV, for the source's owner (audited: raw upstream rows may hold personal data).
  "GET /api/v1/pipelines/:name/runs/:runId/rejects": dataRoles,
  // The go-live check (src/engine/pipelines/go-live-checks.ts): one at a time, the latest kept.
  "POST /api/v1/pipelines/checks": dataRoles,
  "GET /api/v1/pipelines/checks/latest": dataRoles,
  // Every role; which alerts each role gets is decided in src/engine/alerts/alert-visibility.ts.
  "GET /api/v1/alerts": everyRole,
  // Notes on the data: not personal, so every role reads them; the analysts write them (issue 21).
  "GET /api/v1/annotations": everyRole,
  "POST /api/v1/annotations": dataRoles,
  "DELETE /api/v1/annotations/:id": dataRoles,
  // Questions about a number: any role asks and reads its own; the analysts see all, with provenance, and answer.
  "POST /api/v1/questions": everyRole,
  "GET /api/v1/questions/mine": everyRole,
  "GET /api/v1/questions": dataRoles,
  "POST /api/v1/questions/:id/answer": dataRoles,
  // Also with MM_BACKUP_TOKEN as a bearer token (npm run backup while the server runs).
  "POST /api/v1/backups": ["admin"],
  "GET /healthz": "public",
  "GET /readyz": "public",
  // Checked in the route: a configured address (MM_METRICS_ALLOW) or the bearer token MM_METRICS_TOKEN.
  "GET /metrics": "public",
  // Public indicators for the <mm-indicator> widget: aggregates only, the same for everyone (no session read).
  "GET /api/v1/public/indicators/:id": "public",
  // A description of the API, no data (OpenAPI 3.1).
  "GET /api/v1/openapi.json": "public",
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof routeAccess;

export function isAllowed(access: Access, role: Role | undefined): boolean {
  if (access === "public") return true;
  if (!role) return false;
  return access === "authenticated" || access.includes(role);
}
