/**
 * A restore swaps the whole database file, sessions included: the backup's sessions are those of the
 * day it was taken. Carried across instead from the file being replaced are the sessions live now and
 * every account's version, so a restore neither logs everyone out nor brings back a session ended
 * after the backup (a logout, a disabled account). A session is only kept for an account that the
 * restored file has, enabled and with the same role: the restored accounts are the ones that count.
 */
import { literal } from "../../ground/sql-text.ts";
import { openDatabase } from "../../store/database.ts";

const STATE_TABLES = ["sessions", "account_versions"] as const;

/** Returns how many sessions were kept. `replaced` null: there was no database, so no session to keep. */
export async function carrySessions(replaced: string | null, restored: string): Promise<number> {
  // Opening applies the schema, so a backup from before sessions were stored gains the tables.
  const db = await openDatabase(restored, { maxConnections: 1 });
  try {
    return await db.withConnection(async (connection) => {
      const run = async (sql: string) => (await connection.runAndReadAll(sql)).getRows();
      const hasTables = replaced !== null && (await attach(run, replaced));
      try {
        await run("BEGIN TRANSACTION");
        await run("DELETE FROM meta.sessions");
        if (hasTables) {
          await run("DELETE FROM meta.account_versions");
          await run("INSERT INTO meta.account_versions (username, version) SELECT username, version FROM replaced.meta.account_versions");
          await run(`INSERT INTO meta.sessions (token_hash, csrf_token, username, role, created_at, last_seen_at)
            SELECT s.token_hash, s.csrf_token, s.username, s.role, s.created_at, s.last_seen_at
            FROM replaced.meta.sessions s JOIN meta.users u ON u.username = s.username AND u.role = s.role AND NOT u.disabled`);
        }
        await run("COMMIT");
        return Number((await run("SELECT count(*) FROM meta.sessions"))[0]![0]);
      } catch (error) {
        await run("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        if (replaced !== null) await run("DETACH replaced").catch(() => undefined);
      }
    });
  } finally {
    await db.close();
  }
}

/** Attaches the replaced file read-only; false when it predates stored sessions (nothing to carry). */
async function attach(run: (sql: string) => Promise<unknown[][]>, file: string): Promise<boolean> {
  await run(`ATTACH ${literal(file)} AS replaced (READ_ONLY)`);
  const found = await run(
    `SELECT count(*) FROM information_schema.tables WHERE table_catalog = 'replaced' AND table_schema = 'meta' AND table_name IN (${STATE_TABLES.map(literal).join(", ")})`,
  );
  return Number(found[0]![0]) === STATE_TABLES.length;
}
