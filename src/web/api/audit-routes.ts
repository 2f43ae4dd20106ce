/**
 * The admin's audit log: filtered, paged and newest first as JSON, or every match (up to a cap) as
 * CSV. The export is itself an entry, recorded after the read so it does not list itself, with the
 * filter named but no value that identifies anyone.
 */
import type { AuditLog } from "../../engine/auth/audit-log.ts";
import { AuditQuery } from "../../ground/contract/requests/audit.ts";
import { requestSignal } from "../http/request-signal.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import { auditToCsv, describeAuditFilter, MAX_AUDIT_CSV_ROWS } from "./audit-csv.ts";

export function auditRoutes(route: Route, { audit }: { audit: AuditLog }): void {
  route("GET /api/v1/audit", async (req, res) => {
    const { limit, offset, format, sep, lang, ...filter } = parseInput(AuditQuery, req.query, "query");
    const options = { signal: requestSignal(req, res) };
    if (format !== "csv") {
      res.json(await audit.list({ ...filter, limit, offset }, options));
      return;
    }
    const found = await audit.list({ ...filter, limit: MAX_AUDIT_CSV_ROWS, offset: 0 }, options);
    await audit.record(sessionOf(res)!, "export-audit", `${describeAuditFilter(filter)} rows=${found.entries.length}`);
    res
      .type("text/csv; charset=utf-8")
      .attachment("auditlog.csv")
      .send(auditToCsv(found, filter, { sep, lang }));
  });
}
