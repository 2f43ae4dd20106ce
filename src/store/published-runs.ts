/**
 * Which run's data each pipeline has published now. Everything computed from published tables is
 * versioned by these run ids (caches, "no data yet" answers), so they are read in one place.
 *
 * They are held in memory: this process is the database file's only writer (a second one fails to
 * open it), so they change only when its own runner commits a publish, which brackets its COMMIT
 * with `begin()` and `end()`. `end()` re-reads them; while a COMMIT is under way `settled()` waits for
 * it, so a reader that started before a publish and checks again afterwards always sees the change.
 */
import type { RegisteredPipelineName as PipelineName } from "./pipeline-names.ts";

export interface PublishedRun {
  runId: number;
  finishedAt: string | null;
  /**
   * What caches and ETags are versioned by: the run, and which of its publishes (a backfill publishes
   * slice after slice in one run). Changes with every publish.
   */
  version: string;
}

/**
 * The runs by pipeline. Asking for one takes a registered name, so a misspelt name does not compile;
 * iterating yields every published pipeline, also one no longer (or, in tests, never) registered.
 */
export type PublishedRuns = Omit<ReadonlyMap<string, PublishedRun>, "get" | "has"> & {
  get(pipeline: PipelineName): PublishedRun | undefined;
  has(pipeline: PipelineName): boolean;
};

export interface PublishedState {
  /** The runs published now; waits while a publish is being committed. */
  settled(): Promise<PublishedRuns>;
  /** Called just before a publish's COMMIT. */
  begin(): void;
  /** Called once that COMMIT (or its ROLLBACK) has finished: the runs are read again. */
  end(): Promise<void>;
  /** Calls `listener` with the runs after every publish, e.g. to compute a cache ahead of requests. */
  subscribe(listener: (runs: PublishedRuns) => void): void;
}

const PUBLISHED_SQL = `SELECT p.pipeline, p.run_id, p.seq, strftime(r.finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished_at
  FROM meta.published p JOIN meta.pipeline_runs r ON r.run_id = p.run_id`;

/** `read` runs the given query and returns its rows. */
export async function createPublishedState(read: (sql: string) => Promise<Record<string, unknown>[]>): Promise<PublishedState> {
  const load = async (): Promise<PublishedRuns> =>
    new Map(
      (await read(PUBLISHED_SQL)).map((r) => [
        String(r.pipeline),
        { runId: Number(r.run_id), finishedAt: r.finished_at as string | null, version: r.seq === null ? String(r.run_id) : `${r.run_id}.${r.seq}` },
      ]),
    );
  let current = await load();
  // Set when reading them again after a publish failed: the next reader reads them.
  let stale = false;
  let committing = 0;
  let waiters: (() => void)[] = [];
  const listeners: ((runs: PublishedRuns) => void)[] = [];
  return {
    async settled() {
      while (committing > 0) await new Promise<void>((resolve) => waiters.push(resolve));
      if (stale) {
        current = await load();
        stale = false;
      }
      return current;
    },
    begin() {
      committing += 1;
    },
    async end() {
      try {
        const before = current;
        current = await load();
        stale = false;
        if (current !== before) for (const listener of listeners) listener(current);
      } catch {
        stale = true;
      } finally {
        committing -= 1;
        if (committing === 0) {
          const ready = waiters;
          waiters = [];
          for (const resolve of ready) resolve();
        }
      }
    },
    subscribe(listener) {
      listeners.push(listener);
    },
  };
}

/** The run ids of these pipelines joined as a cache version, or null while any is unpublished. */
export function versionOf(published: PublishedRuns, pipelines: readonly PipelineName[]): string | null {
  const runs = pipelines.map((name) => published.get(name)?.version);
  return runs.every((id) => id !== undefined) ? runs.join(",") : null;
}
