/**
 * Every answer built from published data is from one version of it: the run ids published when the
 * request started must still be the ones published when its answer is ready, or it is built again.
 * The version is sent as `X-Data-Version`, so a client (or a test) can tell which data it got.
 */
import type { Response } from "express";
import type { Database } from "../../store/database.ts";
import type { PublishedRuns } from "../../store/published-runs.ts";
import { HttpError } from "./http-error.ts";
import { msg } from "../../ground/i18n/message.ts";
import { DataChanged } from "../../ground/domain-errors.ts";

const ATTEMPTS = 5;

/** The published versions of these pipelines (all when not given) as one string, e.g. "areas:1.1,waste:16.23". */
export function versionString(runs: PublishedRuns, pipelines?: readonly string[]): string {
  return [...runs]
    .filter(([pipeline]) => !pipelines || pipelines.includes(pipeline))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pipeline, run]) => `${pipeline}:${run.version}`)
    .join(",");
}

/**
 * Builds the value until the pipelines it reads (all when not given) published nothing during the
 * build; a publish of anything else does not disturb it. Returns the value and that version.
 */
export async function buildFromOneVersion<T>(db: Database, build: () => Promise<T>, pipelines?: readonly string[]): Promise<{ value: T; version: string }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = versionString(await db.published.settled(), pipelines);
    let value: T;
    try {
      value = await build();
    } catch (error) {
      if (error instanceof DataChanged) continue;
      throw error;
    }
    if (versionString(await db.published.settled(), pipelines) === before) return { value, version: before };
  }
  throw new HttpError(503, msg("request.dataChanged"));
}

/** As buildFromOneVersion, and sends the version as `X-Data-Version`. */
export async function fromOneVersion<T>(db: Database, res: Response, build: () => Promise<T>, pipelines?: readonly string[]): Promise<T> {
  const { value, version } = await buildFromOneVersion(db, build, pipelines);
  res.set("X-Data-Version", versionTag(version));
  return value;
}

/** Short and stable enough for a header: FNV-1a of the version string, as 8 hex digits. */
export function versionTag(version: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < version.length; i++) hash = Math.imul(hash ^ version.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}
