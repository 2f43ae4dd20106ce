/**
 * PostgreSQL schema migrations: the numbered files in migrations/, each run once, in order, in its
 * own transaction, and recorded in meta.schema_migrations. A writer and its readers start at the same
 * time: a session-level advisory lock lets one process migrate while the others wait, then find
 * nothing left to do.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";

const MIGRATIONS_DIR = path.join(import.meta.dirname, "migrations");
/** Any constant: the advisory lock that only migrations take. */
const MIGRATION_LOCK = 7_250_023;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** 0001-state.sql → version 1; files not named so are refused, so a typo cannot skip a migration. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => {
      const match = /^(\d{4})-[\w-]+\.sql$/.exec(name);
      if (!match) throw new Error(`state migration ${name} must be named like 0002-what-it-does.sql`);
      return { version: Number(match[1]), name, sql: readFileSync(path.join(dir, name), "utf8") };
    });
}

/** Runs the migrations this database has not had yet; returns the names of those it ran. */
export async function migrateState(pool: pg.Pool, migrations = readMigrations()): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query("CREATE SCHEMA IF NOT EXISTS meta");
      await client.query(
        "CREATE TABLE IF NOT EXISTS meta.schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)",
      );
      const applied = new Set((await client.query("SELECT version FROM meta.schema_migrations")).rows.map((r: { version: number }) => r.version));
      const ran: string[] = [];
      for (const migration of migrations.filter((m) => !applied.has(m.version))) {
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query("INSERT INTO meta.schema_migrations (version, name, applied_at) VALUES ($1, $2, now() AT TIME ZONE 'UTC')", [
            migration.version,
            migration.name,
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`state migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        ran.push(migration.name);
      }
      return ran;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
