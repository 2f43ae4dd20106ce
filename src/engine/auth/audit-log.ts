/**
 * The audit log: logins, refusals and every dossier view and export, with who (user and role), what
 * and when, and never a personal value (the subject is an id, a route or a rounded point). Kept in
 * the database next to the data, appended to only, readable by admin; entries older than the
 * retention period are deleted (checked at most once an hour).
 */
import type { Role } from "../../ground/contract/contract.ts";
import type { AuditEntry, AuditList } from "../../ground/contract/contract-dossier.ts";
import type { Database, QueryOptions } from "../../store/database.ts";

const HOUR_MS = 3_600_000;

/** Control characters (a forged newline, an escape sequence) are written as \u escapes. */
const escapeControls = (text: string) =>
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

export function createAuditLog(db: Database, clock: () => Date, retentionDays = 365) {
  let lastPurge = -Infinity;

  async function purgeIfDue(options: QueryOptions) {
    const now = clock().getTime();
    if (now - lastPurge < HOUR_MS) return;
    lastPurge = now;
    const cutoff = new Date(now - retentionDays * 24 * HOUR_MS).toISOString().replace("Z", "");
    await db.query("DELETE FROM meta.audit_log WHERE viewed_at < $1::TIMESTAMP", [cutoff], options);
  }

  return {
    async record(user: { username: string; role: Role | "" }, action: AuditEntry["action"], subject: string, options: QueryOptions = {}): Promise<void> {
      await purgeIfDue(options);
      await db.query(
        "INSERT INTO meta.audit_log (viewed_at, username, role, action, subject) VALUES ($1::TIMESTAMP, $2, $3, $4, $5)",
        [clock().toISOString().replace("Z", ""), escapeControls(user.username).slice(0, 100), user.role, action, escapeControls(subject).slice(0, 200)],
        options,
      );
    },

    async list({ limit, offset }: { limit: number; offset: number }, options: QueryOptions): Promise<AuditList> {
      const rows = await db.query(
        `SELECT strftime(viewed_at, '%Y-%m-%dT%H:%M:%SZ') AS at, username, role, action, subject, count(*) OVER () AS total
         FROM meta.audit_log ORDER BY audit_id DESC LIMIT $1 OFFSET $2`,
        [limit, offset],
        options,
      );
      return {
        total: Number(rows[0]?.total ?? 0),
        entries: rows.map((r) => ({
          at: String(r.at),
          username: String(r.username),
          role: r.role as AuditEntry["role"],
          action: r.action as AuditEntry["action"],
          subject: String(r.subject),
        })),
      };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
