/** meta.alerts: opening, resolving and listing alerts, and recording their webhook deliveries. */
import type { Alert, AlertKind } from "../../ground/contract/contract-alerts.ts";
import type { Database, QueryOptions, Row } from "../../store/database.ts";
import type { AlertCondition } from "./alert-condition.ts";

export type DeliveryStatus = NonNullable<Alert["delivery"]>["status"];
export type AlertEventName = "opened" | "resolved";

const iso = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ') AS ${column}`;
const COLUMNS = `alert_id, rule, kind, subject, ${iso("opened_at")}, ${iso("resolved_at")}, message_nl, message_en, details,
  delivery_event, delivery_status, delivery_attempts, delivery_error`;
const BY_ID_SQL = `SELECT ${COLUMNS} FROM meta.alerts WHERE alert_id = $1`;
const OPEN_SQL = `SELECT ${COLUMNS} FROM meta.alerts WHERE resolved_at IS NULL ORDER BY alert_id`;
const PENDING_SQL = `SELECT ${COLUMNS} FROM meta.alerts WHERE delivery_status = 'pending' ORDER BY alert_id`;
const KIND_IN = "list_contains(CAST($1::JSON AS VARCHAR[]), kind)";
const LIST_OPEN_SQL = `SELECT ${COLUMNS} FROM meta.alerts WHERE resolved_at IS NULL AND ${KIND_IN} ORDER BY opened_at DESC, alert_id DESC`;
const LIST_RESOLVED_SQL = `SELECT ${COLUMNS} FROM meta.alerts WHERE resolved_at IS NOT NULL AND ${KIND_IN} ORDER BY resolved_at DESC, alert_id DESC LIMIT 100`;

/** An alert as stored, before it is shaped for a role (see alert-routes.ts). */
export type StoredAlert = Omit<Alert, "target" | "link" | "delivery"> & { delivery: NonNullable<Alert["delivery"]> };

const toAlert = (r: Row): StoredAlert => ({
  id: Number(r.alert_id),
  rule: String(r.rule),
  kind: r.kind as AlertKind,
  subject: String(r.subject),
  message: { nl: String(r.message_nl), en: String(r.message_en) },
  openedAt: String(r.opened_at),
  resolvedAt: (r.resolved_at as string | null) ?? null,
  details: JSON.parse(String(r.details)) as StoredAlert["details"],
  delivery: {
    event: (r.delivery_event as AlertEventName | null) ?? null,
    status: r.delivery_status as DeliveryStatus,
    attempts: Number(r.delivery_attempts),
    lastError: (r.delivery_error as string | null) ?? null,
  },
});

export function createAlertStore(db: Database) {
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
          now.toISOString(),
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
        [id, now.toISOString(), delivery],
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
      const open = await db.query(LIST_OPEN_SQL, [JSON.stringify(kinds)], options);
      if (state === "open") return open.map(toAlert);
      const resolved = await db.query(LIST_RESOLVED_SQL, [JSON.stringify(kinds)], options);
      return [...open, ...resolved].map(toAlert);
    },
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;
