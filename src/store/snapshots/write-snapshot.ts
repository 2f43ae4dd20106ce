/**
 * Writes a read-only snapshot of the published data for the readers (MM_MODE=reader), into a new file
 * under a temporary name in the same folder, renamed to its final name once whole (atomic: a reader
 * never sees a half-written snapshot).
 *
 * The copy is made table by table in one transaction, so it is consistent while the writer keeps
 * serving and publishing: the schema first (schema.sql and the domain rules, so the macros such as
 * meta.distance_m are there; the sequences start afresh, as a reader draws no ids), then every
 * published table and the run records. Not `COPY FROM DATABASE`: that also copies the runs' staging
 * tables, and copying one while its run replaces it made that run fail (DuckDB 1.5: its next statement
 * saw the replaced table); nor can it run inside a transaction once the configuration is locked.
 * `DETACH` checkpoints the copy into one self-contained file, without a .wal.
 *
 * The name is read in the same transaction, so it is the version of the data in the file even when a
 * publish committed while the copy was being made.
 */
import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { createSchema, type Database } from "../database.ts";
import { createPublishedState, type PublishedRuns } from "../published-runs.ts";
import { literal, quote } from "../../ground/sql-text.ts";
import { newestSnapshot, snapshotName } from "./snapshot-files.ts";

/**
 * Left empty in the copy. The state a reader keeps in PostgreSQL (MM_STATE_URL is required in reader
 * mode; src/store/state), so that password hashes, session tokens and the audit log are not spread
 * over the snapshot folder: readers never read them from a snapshot. And the run locks: a reader runs
 * nothing, and a lock copied in the middle of a run would show that run as going on until the next snapshot.
 */
const LEFT_OUT = new Set(["users", "oidc_users", "sessions", "account_versions", "login_attempts", "audit_log", "alerts", "pipeline_locks"]);

/** A whole copy of a large database takes a while; the readers serve the previous one meanwhile. */
const SNAPSHOT_TIMEOUT_MS = 30 * 60 * 1000;

export interface WrittenSnapshot {
  file: string;
  bytes: number;
  ms: number;
}

/** The statements that fill the copy `alias` from the current database: published tables and meta tables, staging tables left out. */
async function copyStatements(connection: DuckDBConnection, alias: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary AND schema_name IN ('main', 'meta') ORDER BY ALL",
  );
  const statements: string[] = [];
  for (const [schema, table] of reader.getRows() as [string, string][]) {
    const [source, target] = [`${quote(schema)}.${quote(table)}`, `${quote(alias)}.${quote(schema)}.${quote(table)}`];
    // The runs' working tables (__staging_<table>_<run>, …) are no published data.
    if (schema === "main" && !table.startsWith("__")) statements.push(`CREATE TABLE ${target} AS SELECT * FROM ${source}`);
    if (schema === "meta" && !LEFT_OUT.has(table)) statements.push(`INSERT INTO ${target} BY NAME SELECT * FROM ${source}`);
  }
  return statements;
}

/**
 * Writes a snapshot into `dir` (which the lockdown must allow); `tagOf` names the data version.
 * Returns null, removing the copy, when the newest snapshot there already holds this version (a
 * restart of the writer without a publish since).
 */
export async function writeSnapshot(db: Database, dir: string, tagOf: (runs: PublishedRuns) => string): Promise<WrittenSnapshot | null> {
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  const partial = path.join(path.resolve(dir), `.snapshot-${process.pid}-${Date.now()}.duckdb.partial`);
  const removePartial = () => [partial, `${partial}.wal`].forEach((f) => rmSync(f, { force: true }));
  const alias = `snapshot_${process.pid}_${Date.now()}`;
  try {
    const { runs, sequence } = await db.withConnection(
      async (connection) => {
        const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();
        const name = String((await read("SELECT current_database() AS name"))[0]!.name);
        const [attach, useCopy, useOwn, detach] = [
          `ATTACH ${literal(partial)} AS ${quote(alias)}`,
          `USE ${quote(alias)}`,
          `USE ${quote(name)}`,
          `DETACH ${quote(alias)}`,
        ];
        await connection.run(attach);
        try {
          await connection.run(useCopy);
          try {
            await createSchema(connection);
          } finally {
            await connection.run(useOwn);
          }
          await connection.run("BEGIN TRANSACTION");
          try {
            for (const statement of await copyStatements(connection, alias)) await connection.run(statement);
            // The copy's published runs, read in its transaction as every process reads them (published-runs.ts).
            const copied = await (await createPublishedState(read)).settled();
            const [last] = await read("SELECT coalesce(max(seq), 0) AS seq FROM meta.published");
            await connection.run("COMMIT");
            return { runs: copied, sequence: Number(last!.seq) };
          } catch (error) {
            await connection.run("ROLLBACK").catch(() => undefined);
            throw error;
          }
        } finally {
          await connection.run(detach);
        }
      },
      { timeoutMs: SNAPSHOT_TIMEOUT_MS },
    );
    const tag = tagOf(runs);
    const newest = newestSnapshot(dir);
    if (newest?.tag === tag) {
      removePartial();
      return null;
    }
    // Monotonic by name even if the publish sequence went back (a restored backup).
    const file = path.join(path.resolve(dir), snapshotName(Math.max(sequence, (newest?.sequence ?? 0) + 1), tag));
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, ms: Math.round(performance.now() - started) };
  } catch (error) {
    removePartial();
    throw error;
  }
}
