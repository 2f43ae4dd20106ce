/**
 * Opens the DuckDB file so that a damaged write-ahead log never keeps the monitor from starting.
 *
 * What DuckDB 1.5 does with `<db>.wal` at open (checked by experiment, see docs/operations.md):
 * - a torn tail (a commit cut off by a crash) is dropped silently and everything before it replayed;
 * - a WAL in which not even the first commit can be read (a damaged header, say) is skipped
 *   silently, left on disk, and overwritten by the next write: its commits would be lost unsaid;
 * - an entry whose checksum does not match (or whose length is absurd) makes the open fail with
 *   "Failure while replaying WAL file", so a server that simply exits would restart into the same
 *   error for ever.
 * The last two cases end here: the WAL is moved aside with its bytes kept (`<db>.wal.damaged-<time>`),
 * the transactions committed before the damage are replayed where they can be found, and the caller
 * is told, so that it can say what was lost.
 */
import { copyFileSync, existsSync, renameSync, rmSync, statSync, truncateSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

export interface WalSetAside {
  /** Where the damaged WAL now lives. */
  keptAs: string;
  bytes: number;
  /** How many of its first bytes were replayed: those before the damaged entry (0: none). */
  replayedBytes: number;
  /** DuckDB's error, or why the WAL was judged unreadable. */
  why: string;
}

/**
 * DuckDB's words for a WAL whose bytes are damaged (a bad checksum, an unknown entry type, an entry
 * length too large to allocate, a WAL of another file). Anything else, such as no space left or no
 * permission, is not the WAL's fault: it stays an error, and the WAL stays where it is.
 */
const DAMAGED_WAL = /Corrupt WAL file|Invalid WAL entry|WAL does not match|WAL checkpoint iteration does not match|replaying WAL file.*Allocation failure/s;

export async function openInstance(file: string): Promise<{ instance: DuckDBInstance; walSetAside: WalSetAside | null }> {
  const walBytes = file === ":memory:" ? 0 : sizeOf(`${file}.wal`);
  let instance: DuckDBInstance;
  try {
    instance = await create(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!walBytes || !DAMAGED_WAL.test(message)) throw error;
    return openPastDamagedWal(file, walBytes, message, error);
  }
  if (!walBytes || !(await replayedNothing(instance))) return { instance, walSetAside: null };
  instance.closeSync();
  const keptAs = setAside(file);
  const why = `DuckDB could not read a single commit in it and skipped all ${walBytes} bytes`;
  return { instance: await create(file), walSetAside: { keptAs, bytes: walBytes, replayedBytes: 0, why } };
}

/**
 * DuckDB counts as its WAL's size only the bytes up to the last commit it replayed (pragma
 * database_size); "0 bytes" while the file is not empty means it replayed no commit at all. (Were
 * the format of that figure to change, this would read false: DuckDB's own behaviour, no worse.)
 */
async function replayedNothing(instance: DuckDBInstance): Promise<boolean> {
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll("SELECT wal_size FROM pragma_database_size()");
    return reader.getRows()[0]?.[0] === "0 bytes";
  } finally {
    connection.closeSync();
  }
}

/** Bytes before each WAL entry's payload: its length and its checksum (DuckDB's error gives the payload's position). */
const ENTRY_FRAME_BYTES = 16;

/**
 * Sets the damaged WAL aside, then replays what came before the damaged entry: DuckDB treats that
 * prefix as a WAL with a torn tail, so every transaction committed before the damage survives. When
 * the damage cannot be located, or the prefix does not open either, the database opens without a WAL.
 */
async function openPastDamagedWal(file: string, bytes: number, why: string, error: unknown) {
  const wal = `${file}.wal`;
  const keptAs = setAside(file);
  const damagedAt = Number(/entry at byte position (\d+)/.exec(why)?.[1] ?? 0) - ENTRY_FRAME_BYTES;
  if (damagedAt > 0) {
    copyFileSync(keptAs, wal);
    truncateSync(wal, damagedAt);
    try {
      return { instance: await create(file), walSetAside: { keptAs, bytes, replayedBytes: damagedAt, why } };
    } catch {
      rmSync(wal, { force: true });
    }
  }
  try {
    return { instance: await create(file), walSetAside: { keptAs, bytes, replayedBytes: 0, why } };
  } catch {
    // Not the WAL after all: put it back, so that nothing changed, and report the first error.
    restore(file, keptAs);
    throw error;
  }
}

async function create(file: string): Promise<DuckDBInstance> {
  try {
    return await DuckDBInstance.create(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/lock/i.test(message)) {
      throw new Error(`database ${file} is in use by another process (${message}); stop that process or set MM_DB to another file`, { cause: error });
    }
    throw error;
  }
}

const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/** DuckDB's WAL and the two it may leave beside it while a checkpoint was running. */
const walFiles = (file: string) => [`${file}.wal`, `${file}.checkpoint.wal`, `${file}.recovery.wal`];

/** Moves the WAL files aside under one new suffix; returns the main WAL's new name. */
function setAside(file: string): string {
  let suffix = `.damaged-${new Date().toISOString().replace(/[:.]/g, "")}`;
  for (let n = 2; walFiles(file).some((f) => existsSync(f + suffix)); n++) suffix = suffix.replace(/(-\d+)?$/, `-${n}`);
  for (const f of walFiles(file)) if (existsSync(f)) renameSync(f, f + suffix);
  return `${file}.wal${suffix}`;
}

function restore(file: string, keptAs: string): void {
  const suffix = keptAs.slice(`${file}.wal`.length);
  for (const f of walFiles(file)) if (existsSync(f + suffix) && !existsSync(f)) renameSync(f + suffix, f);
}
