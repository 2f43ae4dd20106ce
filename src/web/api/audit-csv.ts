/**
 * The audit log's entries as one CSV, newest first: every entry that matches the filter, up to a cap
 * (the comment lines say what was filtered, how many of how many, and when the cap cut the list).
 * Every text cell is made inert for spreadsheets (csv-formula.ts): usernames and subjects are what
 * others typed or asked for.
 */
import type { AuditFilter } from "../../ground/contract/requests/audit.ts";
import type { AuditList } from "../../ground/contract/contract-dossier.ts";
import { msg, renderMessage } from "../../ground/i18n/message.ts";
import { csvDocument } from "./csv.ts";
import { inertCell } from "./csv-formula.ts";
import { headerRow, type Header } from "./export-labels.ts";
import type { CsvOptions } from "./table-csv.ts";

/** At most this many entries in one export: months of a busy municipality, not the whole log at once. */
export const MAX_AUDIT_CSV_ROWS = 10_000;

const HEADERS: Header[] = [
  { nl: "tijdstip (UTC)", en: "time (UTC)" },
  { nl: "gebruiker", en: "user" },
  { nl: "rol", en: "role" },
  { nl: "handeling", en: "action" },
  { nl: "onderwerp", en: "subject" },
];

/**
 * The filter in words without a value that could identify someone: actions and dates as given, a
 * user, subject or search only by name ("user=…").
 * @example describeAuditFilter({ user: "anna", action: ["login"], from: "2026-03-01" }) // "user=… action=login from=2026-03-01"
 */
export function describeAuditFilter(filter: AuditFilter): string {
  const parts = [
    filter.user === undefined ? null : "user=…",
    filter.action?.length ? `action=${filter.action.join(",")}` : null,
    filter.subject === undefined ? null : "subject=…",
    filter.from === undefined ? null : `from=${filter.from}`,
    filter.to === undefined ? null : `to=${filter.to}`,
    filter.q === undefined ? null : "q=…",
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(" ") : "-";
}

export function auditToCsv(list: AuditList, filter: AuditFilter, { sep, lang }: CsvOptions): string {
  const comments = [renderMessage(lang, msg("export.audit.filter", { filter: describeAuditFilter(filter), count: list.entries.length, total: list.total }))];
  if (list.total > list.entries.length) comments.push(renderMessage(lang, msg("export.audit.cut", { max: MAX_AUDIT_CSV_ROWS })));
  const rows = list.entries.map((e) => [e.at, inertCell(e.username), e.role, e.action, inertCell(e.subject)]);
  return csvDocument(comments, headerRow(HEADERS, lang), rows, sep);
}
