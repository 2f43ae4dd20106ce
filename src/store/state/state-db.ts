/**
 * Where the monitor keeps its state (accounts, sessions, the login throttle, the audit log, the
 * alerts): the embedded DuckDB file by default, or PostgreSQL when MM_STATE_URL is set, so that
 * several processes share it (docs/decisions/0028-sessions-and-state-in-a-database.md). The SQL is
 * written once, in the subset both engines speak: tables under the `meta` schema, `$1` placeholders,
 * `$1::TIMESTAMP` casts; timestamps are formatted in TypeScript (timestamps.ts), not by strftime.
 */
import type { QueryOptions, Row } from "../database.ts";

export type StateValue = string | number | boolean | null;

/** One query, as Database.query: rows as plain objects, BIGINT as number, TIMESTAMP as a UTC Date. */
export interface StateQuery {
  query(sql: string, params?: StateValue[], options?: QueryOptions): Promise<Row[]>;
}

/** The statements of one transaction, on one connection. */
export interface StateTransaction extends StateQuery {
  /**
   * Holds `key` until the transaction ends: transactions that take the same key run one after the
   * other (PostgreSQL: an advisory transaction lock; embedded: every transaction already does).
   */
  lock(key: string): Promise<void>;
}

export interface StateDb extends StateQuery {
  readonly kind: "embedded" | "postgres";
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: StateTransaction) => Promise<T>, options?: QueryOptions): Promise<T>;
  /** PostgreSQL: ends the pool. Embedded: nothing (the database is closed by its owner). */
  close(): Promise<void>;
}
