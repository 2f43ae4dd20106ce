/**
 * The audit log: logins, refusals, every dossier view and export and every admin action, with who
 * (user and role), what and when, and never a personal value (the subject is an id, a route with
 * its id or a rounded point, a file name). Kept in the state database (the DuckDB file, or PostgreSQL shared by every process), appended to only,
 * readable by admin, filtered and paged for reading; entries older than the retention period are
 * deleted (checked at most once an hour).
 */
import type { Role } from "../../ground/contract/contract.ts";
import type { AuditEntry, AuditList } from "../../ground/contract/contract-dossier.ts";
import type { AuditFilter } from "../../ground/contract/requests/audit.ts";
import { containsPattern } from "../../ground/like-pattern.ts";
import { startOfLocalDay } from "../../ground/local-day.ts";
import type { QueryOptions } from "../../store/database.ts";
import type { StateQuery } from "../../store/state/state-db.ts";
import { isoSeconds, utcTimestamp as timestamp } from "../../store/state/timestamps.ts";

const HOUR_MS = 3_600_000;

/** Control characters (a forged newline, an escape sequence) are written as \u escapes. */
const escapeControls = (text: string) =>
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

export function createAuditLog(db: StateQuery, clock: () => Date, retentionDays = 365) {
  let lastPurge = -Infinity;

  async function purgeIfDue(options: QueryOptions) {
    const now = clock().getTime();
    if (now - lastPurge < HOUR_MS) return;
    lastPurge = now;
    const cutoff = timestamp(new Date(now - retentionDays * 24 * HOUR_MS));
    await db.query("DELETE FROM meta.audit_log WHERE viewed_at < $1::TIMESTAMP", [cutoff], options);
  }

  return {
    async record(user: { username: string; role: Role | "" }, action: AuditEntry["action"], subject: string, options: QueryOptions = {}): Promise<void> {
      await purgeIfDue(options);
      await db.query(
        "INSERT INTO meta.audit_log (viewed_at, username, role, action, subject) VALUES ($1::TIMESTAMP, $2, $3, $4, $5)",
        [timestamp(clock()), escapeControls(user.username).slice(0, 100), user.role, action, escapeControls(subject).slice(0, 200)],
        options,
      );
    },

    /** One page of the entries that match `filter`, newest first, with how many match in all. */
    async list({ limit, offset, ...filter }: AuditFilter & { limit: number; offset: number }, options: QueryOptions): Promise<AuditList> {
      // The WHERE clause is fixed text with numbered placeholders (whereClause); every value is bound.
      const where = whereClause(filter);
      const paging = where.params.length;
      const pageSql = `SELECT viewed_at, username, role, action, subject, count(*) OVER () AS total
         FROM meta.audit_log ${where.sql} ORDER BY audit_id DESC LIMIT $${paging + 1} OFFSET $${paging + 2}`;
      const rows = await db.query(pageSql, [...where.params, limit, offset], options);
      // Past the last page there is no row to carry the total: count apart.
      const countSql = `SELECT count(*) AS total FROM meta.audit_log ${where.sql}`;
      const total = rows.length > 0 || offset === 0 ? Number(rows[0]?.total ?? 0) : Number((await db.query(countSql, where.params, options))[0]?.total ?? 0);
      return {
        total,
        entries: rows.map((r) => ({
          at: isoSeconds(r.viewed_at),
          username: String(r.username),
          role: r.role as AuditEntry["role"],
          action: r.action as AuditEntry["action"],
          subject: String(r.subject),
        })),
      };
    },
  };
}

/**
 * The WHERE clause of a filter, every value a bound parameter: the username exactly (in any case),
 * the actions, parts of the subject or of any column (% and _ taken literally), and whole days in
 * the municipality's time zone from `from` to `to`, both included.
 */
function whereClause(filter: AuditFilter): { sql: string; params: string[] } {
  const params: string[] = [];
  const bind = (value: string) => `$${params.push(value)}`;
  const contains = (column: string, placeholder: string) => `${column} ILIKE ${placeholder} ESCAPE '\\'`;
  const conditions: string[] = [];
  if (filter.user !== undefined) conditions.push(`lower(username) = lower(${bind(filter.user)}::VARCHAR)`);
  if (filter.action?.length) conditions.push(`action IN (${filter.action.map(bind).join(", ")})`);
  if (filter.subject !== undefined) conditions.push(contains("subject", bind(containsPattern(filter.subject))));
  if (filter.from !== undefined) conditions.push(`viewed_at >= ${bind(timestamp(startOfLocalDay(filter.from)))}::TIMESTAMP`);
  if (filter.to !== undefined) conditions.push(`viewed_at < ${bind(timestamp(startOfLocalDay(filter.to, 1)))}::TIMESTAMP`);
  if (filter.q !== undefined) {
    const text = bind(containsPattern(filter.q));
    conditions.push(`(${["username", "action", "subject"].map((column) => contains(column, text)).join(" OR ")})`);
  }
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "", params };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
