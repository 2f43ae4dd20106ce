/**
 * Which run's data each pipeline has published now. Everything computed from published tables is
 * versioned by these run ids (caches, "no data yet" answers), so they are read in one place.
 */
import type { Database, QueryOptions } from "./database.ts";

export interface PublishedRun {
  runId: number;
  finishedAt: string | null;
}

export type PublishedRuns = Map<string, PublishedRun>;

export async function publishedRuns(db: Database, options: QueryOptions = {}): Promise<PublishedRuns> {
  const rows = await db.query(
    `SELECT p.pipeline, p.run_id, strftime(r.finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished_at
     FROM meta.published p JOIN meta.pipeline_runs r ON r.run_id = p.run_id`,
    [],
    options,
  );
  return new Map(rows.map((r) => [String(r.pipeline), { runId: Number(r.run_id), finishedAt: r.finished_at as string | null }]));
}

/** The run ids of these pipelines joined as a cache version, or null while any is unpublished. */
export function versionOf(published: PublishedRuns, pipelines: string[]): string | null {
  const runs = pipelines.map((name) => published.get(name)?.runId);
  return runs.every((id) => id !== undefined) ? runs.join(",") : null;
}
