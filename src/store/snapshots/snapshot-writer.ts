/**
 * The writer's side (MM_SNAPSHOT_DIR set): a snapshot after every publish. Bursts are coalesced: one
 * snapshot is written at a time, and one more after it when publishes came in meanwhile, so a
 * backfill publishing slice after slice does not queue a copy per slice. A snapshot that fails is
 * logged, naming the file and the setting; the publish it followed is not affected.
 */
import type { Logger } from "../../ground/logger.ts";
import type { Database } from "../database.ts";
import type { PublishedRuns } from "../published-runs.ts";
import { writeSnapshot, type WrittenSnapshot } from "./write-snapshot.ts";

export interface SnapshotWriter {
  /** Asks for a snapshot of the data as it is now (done by itself after every publish). */
  request(): void;
  /** Resolves when no snapshot is being written or waiting (tests, the bench). */
  idle(): Promise<void>;
  /** The newest snapshot this process wrote. */
  readonly latest: WrittenSnapshot | null;
  /** Waits for the snapshot being written, and writes no more. */
  stop(): Promise<void>;
}

export function startSnapshotWriter({
  db,
  dir,
  tagOf,
  logger,
}: {
  db: Database;
  dir: string;
  tagOf: (runs: PublishedRuns) => string;
  logger: Logger;
}): SnapshotWriter {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let latest: WrittenSnapshot | null = null;

  async function loop(): Promise<void> {
    do {
      again = false;
      try {
        const written = await writeSnapshot(db, dir, tagOf);
        if (written) {
          latest = written;
          logger.info(
            { file: written.file, bytes: written.bytes, ms: written.ms },
            `snapshot written: ${written.file} (${written.bytes} bytes in ${written.ms} ms)`,
          );
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        logger.error(
          { err: error, dir },
          `snapshot for the readers not written in ${dir} (MM_SNAPSHOT_DIR): ${reason}; the readers keep serving the previous one`,
        );
      }
    } while (again && !stopped);
  }

  const request = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = loop().finally(() => (running = null));
  };
  db.published.subscribe(request);

  return {
    request,
    async idle() {
      while (running) await running;
    },
    get latest() {
      return latest;
    },
    async stop() {
      stopped = true;
      while (running) await running;
    },
  };
}
