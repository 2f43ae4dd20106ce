/**
 * The state in PostgreSQL (MM_STATE_URL), shared by every process of one monitor: a writer and its
 * readers behind a load balancer see the same sessions, accounts, throttle, audit log and alerts.
 * Rows come back as from DuckDB: BIGINT as a number, TIMESTAMP (UTC without a zone) as a Date.
 */
import pg from "pg";
import type { StateDb, StateTransaction, StateValue } from "./state-db.ts";
import { migrateState } from "./migrate-state.ts";
import type { Row } from "../database.ts";

const { builtins } = pg.types;

/** Per pool, not pg's global parsers: nothing else in the process is affected. */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === builtins.INT8) return (text: string) => Number(text);
    if (oid === builtins.TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export interface PostgresStateOptions {
  /** A statement running longer is cancelled by the server. */
  statementTimeoutMs?: number;
  maxConnections?: number;
  /** An idle connection failed (the server restarted): the pool drops it and opens another when needed. */
  onError?: (error: Error) => void;
}

/** Connects, runs the migrations still to run, and hands out the state. */
export async function openPostgresState(
  url: string,
  { statementTimeoutMs = 10_000, maxConnections = 10, onError }: PostgresStateOptions = {},
): Promise<StateDb> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, statement_timeout: statementTimeoutMs, types, application_name: "milieumonitor" });
  pool.on("error", (error) => onError?.(error));
  try {
    await migrateState(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const run = async (client: pg.Pool | pg.PoolClient, sql: string, params: StateValue[] = []): Promise<Row[]> =>
    (await client.query(sql, params)).rows as Row[];
  return {
    kind: "postgres",
    async query(sql, params, options) {
      options?.signal?.throwIfAborted();
      return run(pool, sql, params);
    },
    async transaction(fn, options) {
      options?.signal?.throwIfAborted();
      const client = await pool.connect();
      const tx: StateTransaction = {
        query: (sql, params) => run(client, sql, params),
        lock: async (key) => void (await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key])),
      };
      try {
        await client.query("BEGIN");
        const result = await fn(tx);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
