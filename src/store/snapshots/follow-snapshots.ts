/**
 * The reader's side: watches MM_SNAPSHOT_DIR (fs.watch, and a poll every second besides, since
 * fs.watch misses events on some file systems, network ones among them), opens the newest snapshot
 * read-only and switches the database to it; removes the older ones after the grace period
 * (MM_SNAPSHOT_GRACE_SECONDS). A snapshot that does not open is logged once and skipped: the reader
 * keeps serving the one it has, and tries again when a newer one comes.
 */
import { watch, type FSWatcher } from "node:fs";
import path from "node:path";
import type { Logger } from "../../ground/logger.ts";
import type { Database } from "../database.ts";
import type { SwitchableDatabase } from "../switchable-database.ts";
import { newestSnapshot, removeOldSnapshots } from "./snapshot-files.ts";

export interface SnapshotFollower {
  /** Looks now (the watch and the poll call it); resolves once that look, and any switch, is done. */
  check(): Promise<void>;
  /** The snapshot in use, or null before the first one opened. */
  readonly inUse: string | null;
  stop(): Promise<void>;
}

export interface FollowOptions {
  dir: string;
  db: SwitchableDatabase;
  /** Opens a snapshot read-only (openDatabase with readOnly and the lockdown). */
  open: (file: string) => Promise<Database>;
  graceMs: number;
  logger: Logger;
  pollMs?: number;
}

export function followSnapshots({ dir, db, open, graceMs, logger, pollMs = 1_000 }: FollowOptions): SnapshotFollower {
  let inUse: string | null = null;
  let stopped = false;
  const failed = new Set<string>();
  // One look at a time; a look asked for meanwhile runs once after it.
  let looking: Promise<void> | null = null;
  let again = false;

  async function look(): Promise<void> {
    const newest = newestSnapshot(dir);
    if (newest && newest.file !== inUse && !failed.has(newest.file) && (!inUse || newest.file > inUse)) {
      let next: Database;
      try {
        next = await open(newest.file);
      } catch (error) {
        failed.add(newest.file);
        logger.error(
          { err: error, file: newest.file },
          `snapshot ${newest.file} could not be opened: ${error instanceof Error ? error.message : String(error)}; still serving ${inUse ?? "nothing"}`,
        );
        return;
      }
      if (stopped) return void (await next.close());
      const previous = inUse;
      inUse = newest.file;
      logger.info({ file: inUse }, `serving snapshot ${path.basename(inUse)}${previous ? ` (was ${path.basename(previous)})` : ""}`);
      await db.switchTo(next);
    }
    if (inUse) for (const file of removeOldSnapshots(dir, inUse, graceMs)) logger.info({ file }, `old snapshot removed: ${file}`);
  }

  function check(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (looking) {
      again = true;
      return looking;
    }
    looking = (async () => {
      do {
        again = false;
        try {
          await look();
        } catch (error) {
          logger.error(
            { err: error, dir },
            `reading the snapshot folder ${dir} (MM_SNAPSHOT_DIR) failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      } while (again && !stopped);
    })().finally(() => (looking = null));
    return looking;
  }

  const timer = setInterval(() => void check(), pollMs);
  timer.unref();
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dir, () => void check());
    watcher.on("error", () => watcher?.close());
  } catch {
    // No such folder yet, or no watching here: the poll finds the first snapshot.
  }

  return {
    check,
    get inUse() {
      return inUse;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      watcher?.close();
      await looking;
    },
  };
}
