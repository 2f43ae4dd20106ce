/**
 * The state in the embedded DuckDB file (the default, without MM_STATE_URL). Transactions run one at
 * a time in this process, each on one borrowed connection: DuckDB reports two transactions that write
 * the same row as a conflict instead of waiting, and the only process writing the file is this one,
 * so serialising them here is both the lock and the way around conflicts.
 */
import { normalizeRow, type Database } from "../database.ts";
import type { StateDb, StateTransaction } from "./state-db.ts";

export function embeddedState(db: Database): StateDb {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind: "embedded",
    query: (sql, params = [], options) => db.query(sql, params, options),
    transaction(fn, options) {
      const run = queue.then(() =>
        db.withConnection(async (connection) => {
          const tx: StateTransaction = {
            query: async (sql, params = []) => (await connection.runAndReadAll(sql, params)).getRowObjectsJS().map(normalizeRow),
            // Every transaction holds the process-wide turn already.
            lock: async () => {},
          };
          await connection.run("BEGIN TRANSACTION");
          try {
            const result = await fn(tx);
            await connection.run("COMMIT");
            return result;
          } catch (error) {
            // A COMMIT that failed has ended the transaction already.
            await connection.run("ROLLBACK").catch(() => undefined);
            throw error;
          }
        }, options),
      );
      queue = run.catch(() => undefined);
      return run;
    },
    close: async () => {},
  };
}
