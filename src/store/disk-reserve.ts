/**
 * A full disk, as DuckDB meets it: a write that needs a new block fails ("Could not write file …: No
 * space left on device") and the transaction rolls back, but the file keeps the size it grew to, so
 * every later commit fails too (the WAL cannot grow) — including the one that would record the
 * failure, and the schema statements at the next start. A checkpoint that fails is worse: DuckDB
 * invalidates the database until the process reopens it (committed work is in the WAL and replays).
 *
 * So the monitor keeps a reserve file beside the database and deletes it the moment a write fails
 * for lack of space: the run record, the checkpoint and the next start then have room. The reserve is
 * made again at a start with room to spare.
 */
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statfsSync, writeSync } from "node:fs";
import path from "node:path";
import type { Logger } from "../ground/logger.ts";

const MB = 1024 * 1024;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const isDiskFull = (error: unknown): boolean => /no space left on device|ENOSPC|disk quota exceeded/i.test(messageOf(error));

/** DuckDB after a fatal error (a failed checkpoint): nothing works until the database is reopened. */
export const isDatabaseInvalidated = (error: unknown): boolean => /database has been invalidated|^FATAL Error/i.test(messageOf(error));

export interface DiskReserve {
  /** Deletes the reserve; true when there was one to delete. */
  release(): boolean;
}

const freeBytes = (dir: string) => {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
};

function writeZeros(file: string, bytes: number): void {
  const fd = openSync(file, "w");
  try {
    const chunk = Buffer.alloc(MB);
    for (let written = 0; written < bytes; written += chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - written));
  } finally {
    closeSync(fd);
  }
}

/**
 * Before the database opens: keeps `<db>.reserve` of `megabytes`, makes it when the disk has room for
 * twice that, and releases it at once when less than that is free (the last run filled the disk).
 */
export function prepareDiskReserve(dbFile: string, megabytes: number, logger: Logger): DiskReserve {
  if (dbFile === ":memory:" || megabytes === 0) return { release: () => false };
  const file = `${path.resolve(dbFile)}.reserve`;
  const dir = path.dirname(file);
  const bytes = megabytes * MB;
  mkdirSync(dir, { recursive: true });
  const release = () => {
    if (!existsSync(file)) return false;
    rmSync(file, { force: true });
    logger.error(
      `DISK FULL on ${dir}: released the ${megabytes} MB reserve beside the database so that failures can be recorded; free space there and restart the monitor to keep a reserve again`,
    );
    return true;
  };
  const free = freeBytes(dir);
  if (existsSync(file)) {
    if (free < bytes) release();
  } else if (free >= 2 * bytes) {
    try {
      writeZeros(file, bytes);
    } catch (error) {
      rmSync(file, { force: true });
      logger.warn(`WARNING: could not make the disk reserve ${file}: ${messageOf(error)}`);
    }
  } else {
    logger.warn(`WARNING: only ${Math.floor(free / MB)} MB free on ${dir}; no disk reserve is kept until ${2 * megabytes} MB are free (MM_DB_RESERVE_MB)`);
  }
  return { release };
}

/**
 * For the runner: a full disk releases the reserve (so the failure can be recorded); an invalidated
 * database cannot be used again by this process, so `onInvalidated` restarts it (WAL replay at the
 * next open brings back everything committed).
 */
export function handleStorageErrors(reserve: DiskReserve, logger: Logger, onInvalidated?: (reason: string) => void) {
  return (error: unknown): void => {
    if (isDiskFull(error)) reserve.release();
    if (isDatabaseInvalidated(error)) {
      logger.fatal(`FATAL: DuckDB invalidated the database (${messageOf(error)}); the process must reopen it`);
      onInvalidated?.("database invalidated");
    }
  };
}
