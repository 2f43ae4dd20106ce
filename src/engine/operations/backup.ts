/**
 * Backups are whole DuckDB files written with `ATTACH` + `COPY FROM DATABASE`: one transaction, so a
 * consistent snapshot (MVCC) taken while the server keeps serving and pipelines keep publishing.
 * Copying the .duckdb file itself could catch a checkpoint halfway and would miss the .wal file.
 * Restore swaps such a file in while the server is stopped, keeping the replaced file aside, and
 * carries the live sessions across from it (src/engine/auth/restore-sessions.ts).
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { Database } from "../../store/database.ts";
import { literal, quote } from "../../ground/sql-text.ts";
import { carrySessions } from "../auth/restore-sessions.ts";

const BACKUP_TIMEOUT_MS = 30 * 60 * 1000;

/** 2026-03-02T09:00:00.000Z → 20260302T090000Z, for file names. */
const stamp = (time: Date) => time.toISOString().replace(/[-:]|\.\d+/g, "");

/** e.g. milieumonitor-20260302T090000Z.duckdb */
export const backupFileName = (now: Date) => `milieumonitor-${stamp(now)}.duckdb`;

export class BackupError extends Error {}

/** Writes a snapshot of the open database to `file` (which must not exist); its directory must be allowed by the lockdown. */
export async function backupDatabase(db: Database, file: string): Promise<{ file: string; bytes: number }> {
  const target = path.resolve(file);
  if (existsSync(target)) throw new BackupError(`${target} already exists; choose another name`);
  mkdirSync(path.dirname(target), { recursive: true });
  // Written under another name and renamed when complete, so a file with the final name is always whole.
  const partial = `${target}.partial`;
  const removePartial = () => [partial, `${partial}.wal`].forEach((f) => rmSync(f, { force: true }));
  removePartial();
  const alias = `backup_${process.pid}_${Date.now()}`;
  try {
    await db.withConnection(
      async (connection) => {
        const name = String((await connection.runAndReadAll("SELECT current_database()")).getRows()[0]![0]);
        const attach = `ATTACH ${literal(partial)} AS ${quote(alias)}`;
        const copy = `COPY FROM DATABASE ${quote(name)} TO ${quote(alias)}`;
        const detach = `DETACH ${quote(alias)}`;
        await connection.run(attach);
        try {
          await connection.run(copy);
        } finally {
          // Detaching checkpoints the copy: it is one self-contained file, without a .wal.
          await connection.run(detach);
        }
      },
      { timeoutMs: BACKUP_TIMEOUT_MS },
    );
    renameSync(partial, target);
  } catch (error) {
    removePartial();
    throw error;
  }
  return { file: target, bytes: statSync(target).size };
}

/** Opens a backup read-only and checks that it is a monitor's database. */
async function checkBackup(file: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`no backup at ${file}`);
  try {
    const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
    try {
      const connection = await instance.connect();
      await connection.run("SELECT count(*) FROM meta.pipeline_runs");
      connection.closeSync();
    } finally {
      instance.closeSync();
    }
  } catch (error) {
    throw new BackupError(`${file} is not a readable Milieumonitor backup: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Opening the file takes DuckDB's lock: this fails while a server (or any process) holds it. Closing folds a .wal in. */
async function assertNotInUse(dbFile: string): Promise<void> {
  try {
    (await DuckDBInstance.create(dbFile)).closeSync();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new BackupError(`${dbFile} is in use (${message}); stop the server before restoring`, { cause: error });
  }
}

/**
 * Replaces `dbFile` with a copy of `backupFile`. The replaced database is kept as
 * `<db>.before-restore-<time>`; returns that name (null when there was no database yet) and how many
 * of its sessions stay valid.
 */
export async function restoreDatabase(backupFile: string, dbFile: string, now: Date): Promise<{ replaced: string | null; sessions: number }> {
  const source = path.resolve(backupFile);
  const target = path.resolve(dbFile);
  await checkBackup(source);
  let replaced: string | null = null;
  if (existsSync(target)) {
    await assertNotInUse(target);
    replaced = `${target}.before-restore-${stamp(now)}`;
    renameSync(target, replaced);
    for (const wal of [".wal", ".checkpoint.wal", ".recovery.wal"]) if (existsSync(target + wal)) renameSync(target + wal, replaced + wal);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const restoring = `${target}.restoring`;
  copyFileSync(source, restoring);
  // The sessions are carried into the copy before it takes the database's name: a restore that fails
  // here leaves no database, never one with the backup's stale sessions.
  const sessions = await carrySessions(replaced, restoring);
  renameSync(restoring, target);
  return { replaced, sessions };
}
