/**
 * The audit log of personal data seen: every dossier view and export, with who (user and role), what
 * and when. Kept in the database next to the data, appended to only, readable by admin.
 */
import type { AuditEntry, AuditList, Role } from "../api/contract.ts";
import type { Database, QueryOptions } from "../db/database.ts";

export function createAuditLog(db: Database, clock: () => Date) {
  return {
    async record(user: { username: string; role: Role }, action: AuditEntry["action"], subject: string, options: QueryOptions = {}): Promise<void> {
      await db.query(
        "INSERT INTO meta.audit_log (viewed_at, username, role, action, subject) VALUES ($1::TIMESTAMP, $2, $3, $4, $5)",
        [clock().toISOString().replace("Z", ""), user.username, user.role, action, subject],
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
        entries: rows.map((r) => ({ at: String(r.at), username: String(r.username), role: r.role as Role, action: r.action as AuditEntry["action"], subject: String(r.subject) })),
      };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
