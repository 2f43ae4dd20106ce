/**
 * The routes that write to the DuckDB file, which only the writer has open for writing (MM_MODE,
 * docs/decisions/0029-reader-snapshots.md): a reader answers them 503, saying that writes go to the
 * writer, and the load balancer sends them there (deploy/haproxy.cfg). Every other route that
 * changes something writes to the shared state (src/store/state), which readers reach too.
 */
import type { RouteKey } from "./access.ts";

export const writerRoutes = [
  "POST /api/v1/pipelines/:name/runs",
  "POST /api/v1/pipelines/checks",
  "POST /api/v1/annotations",
  "DELETE /api/v1/annotations/:id",
  "POST /api/v1/questions",
  "POST /api/v1/questions/:id/answer",
  "POST /api/v1/backups",
] as const satisfies readonly RouteKey[];

/** The routes that change the shared state (sessions, accounts): served by readers too. */
export const stateRoutes = [
  "POST /api/v1/session",
  "DELETE /api/v1/session",
  "POST /api/v1/users",
  "PATCH /api/v1/users/:username",
] as const satisfies readonly RouteKey[];

export const isWriterRoute = (key: RouteKey): boolean => (writerRoutes as readonly string[]).includes(key);
