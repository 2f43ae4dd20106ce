/**
 * meta.alerts (in the state database: the DuckDB file, or PostgreSQL): opening, resolving and listing
 * alerts, and recording their webhook deliveries.
 */
import type { Alert, AlertKind } from "../../ground/contract/contract-alerts.ts";
import type { QueryOptions, Row } from "../../store/database.ts";
import type { StateQuery } from "../../store/state/state-db.ts";
import { isoSeconds, utcTimestamp } from "../../store/state/timestamps.ts";
import type { AlertCondition } from "./alert-condition.ts";

export type DeliveryStatus = NonNullable<Alert["delivery"]>["status"];
export type AlertEventName = "opened" | "resolved";

const COLUMNS = `alert_id, rule, kind, subject, opened_at, resolved_at, message_nl, message_en, details,
  delivery_event, delivery_status, delivery_attempts, delivery_error`;
const BY_ID_SQL = `SELECT ${COLUMNS} FROM meta.alerts WHERE alert_id = $1`;
const OPEN_SQL = `SELECT ${COLUMNS} FROM meta.alerts WHERE resolved_at IS NULL ORDER BY alert_id`;
const PENDING_SQL = `SELECT ${COLUMNS} FROM meta.alerts WHERE delivery_status = 'pending' ORDER BY alert_id`;
/** `kind IN ($1, $2, …)`, one placeholder per kind: the same SQL in DuckDB and PostgreSQL. */
const kindIn = (kinds: AlertKind[]) => `kind IN (${kinds.map((_, i) => `$${i + 1}`).join(", ")})`;
const listOpenSql = (kinds: AlertKind[]) =>
  `SELECT ${COLUMNS} FROM meta.alerts WHERE resolved_at IS NULL AND ${kindIn(kinds)} ORDER BY opened_at DESC, alert_id DESC`;
const listResolvedSql = (kinds: AlertKind[]) =>
  `SELECT ${COLUMNS} FROM meta.alerts WHERE resolved_at IS NOT NULL AND ${kindIn(kinds)} ORDER BY resolved_at DESC, alert_id DESC LIMIT 100`;

/** An alert as stored, before it is shaped for a role (see alert-routes.ts). */
export type StoredAlert = Omit<Alert, "target" | "link" | "delivery"> & { delivery: NonNullable<Alert["delivery"]> };

const toAlert = (r: Row): StoredAlert => ({
  id: Number(r.alert_id),
  rule: String(r.rule),
  kind: r.kind as AlertKind,
  subject: String(r.subject),
  message: { nl: String(r.message_nl), en: String(r.message_en) },
  openedAt: isoSeconds(r.opened_at),
  resolvedAt: isoSeconds(r.resolved_at, "nullable"),
  details: JSON.parse(String(r.details)) as StoredAlert["details"],
  delivery: {
    event: (r.delivery_event as AlertEventName | null) ?? null,
    status: r.delivery_status as DeliveryStatus,
    attempts: Number(r.delivery_attempts),
    lastError: (r.delivery_error as string | null) ?? null,
  },
});

export function createAlertStore(db: StateQuery) {
  const byId = async (id: number) => toAlert((await db.query(BY_ID_SQL, [id]))[0]!);
  return {
    async open(): Promise<StoredAlert[]> {
      return (await db.query(OPEN_SQL)).map(toAlert);
    },

    async insert(condition: AlertCondition, now: Date, delivery: DeliveryStatus): Promise<StoredAlert> {
      const rows = await db.query(
        `INSERT INTO meta.alerts (rule, kind, subject, opened_at, message_nl, message_en, details, delivery_event, delivery_status)
         VALUES ($1, $2, $3, $4::TIMESTAMP, $5, $6, $7, 'opened', $8) RETURNING alert_id`,
        [
          condition.rule,
          condition.kind,
          condition.subject,
          utcTimestamp(now),
          condition.message.nl,
          condition.message.en,
          JSON.stringify(condition.details),
          delivery,
        ],
      );
      return byId(Number(rows[0]!.alert_id));
    },

    async resolve(id: number, now: Date, delivery: DeliveryStatus): Promise<StoredAlert> {
      await db.query(
        `UPDATE meta.alerts SET resolved_at = $2::TIMESTAMP, delivery_event = 'resolved', delivery_status = $3, delivery_attempts = 0, delivery_error = NULL WHERE alert_id = $1`,
        [id, utcTimestamp(now), delivery],
      );
      return byId(id);
    },

    async recordDelivery(id: number, event: AlertEventName, status: DeliveryStatus, attempts: number, error: string | null): Promise<void> {
      // Only while the row is still about this event: a resolve that came in between has its own delivery.
      await db.query("UPDATE meta.alerts SET delivery_status = $3, delivery_attempts = $4, delivery_error = $5 WHERE alert_id = $1 AND delivery_event = $2", [
        id,
        event,
        status,
        attempts,
        error,
      ]);
    },

    /** Deliveries a previous process left unfinished (it stopped while retrying). */
    async pendingDeliveries(): Promise<StoredAlert[]> {
      return (await db.query(PENDING_SQL)).map(toAlert);
    },

    /** Open alerts of these kinds (newest first), then, for state "all", the last 100 resolved ones. */
    async list(kinds: AlertKind[], state: "open" | "all", options: QueryOptions): Promise<StoredAlert[]> {
      if (kinds.length === 0) return [];
      const open = await db.query(listOpenSql(kinds), kinds, options);
      if (state === "open") return open.map(toAlert);
      const resolved = await db.query(listResolvedSql(kinds), kinds, options);
      return [...open, ...resolved].map(toAlert);
    },
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;
