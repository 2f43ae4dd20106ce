/**
 * The writer's snapshots for its readers (MM_SNAPSHOT_DIR): named by the published runs, and one
 * written at start when there is published data, so readers started beside a writer that publishes
 * nothing new still get its data.
 */
import type { Logger } from "../ground/logger.ts";
import type { Database } from "../store/database.ts";
import type { PublishedRuns } from "../store/published-runs.ts";
import { startSnapshotWriter, type SnapshotWriter } from "../store/snapshots/snapshot-writer.ts";
import { versionString, versionTag } from "../web/http/data-version.ts";

/**
 * The data version (as X-Data-Version and the caches have it) and when each run finished: a backfill's
 * last commit sets its run's finish time, which answers show (provenance), without a new version.
 */
export const snapshotTag = (runs: PublishedRuns): string =>
  versionTag(
    `${versionString(runs)}|${[...runs]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, run]) => run.finishedAt ?? "")
      .join(",")}`,
  );

export async function startWriterSnapshots(db: Database, dir: string, logger: Logger): Promise<SnapshotWriter> {
  const writer = startSnapshotWriter({ db, dir, logger, tagOf: snapshotTag });
  if ((await db.published.settled()).size > 0) writer.request();
  return writer;
}
