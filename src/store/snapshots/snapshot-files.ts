/**
 * The snapshot folder (MM_SNAPSHOT_DIR): finished snapshots are named by data version,
 * `snapshot-<sequence>-<tag>.duckdb`, the sequence zero-padded so that the newest sorts last by name;
 * anything else in the folder (a `.partial` being written, DuckDB's `.tmp` folders) is not one.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

export interface SnapshotFile {
  file: string;
  sequence: number;
  /** A short hash of the data version (versionTag of versionString), the same on every process. */
  tag: string;
}

const NAME = /^snapshot-(\d{12})-([0-9a-f]{8})\.duckdb$/;

export const snapshotName = (sequence: number, tag: string): string => `snapshot-${String(sequence).padStart(12, "0")}-${tag}.duckdb`;

/** The finished snapshots in `dir`, oldest first; none when the folder does not exist yet. */
export function listSnapshots(dir: string): SnapshotFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .map((name) => ({ name, match: NAME.exec(name) }))
    .filter(({ match }) => match !== null)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ name, match }) => ({ file: path.join(dir, name), sequence: Number(match![1]), tag: match![2]! }));
}

export const newestSnapshot = (dir: string): SnapshotFile | null => listSnapshots(dir).at(-1) ?? null;

/**
 * Removes the snapshots older than `inUse` once `graceMs` have passed since `inUse` was written (when
 * they stopped being the newest): a reader slower to switch still finds its file meanwhile, and one
 * that has it open keeps reading it anyway (an unlinked file lives on while it is open).
 * Returns the files removed.
 */
export function removeOldSnapshots(dir: string, inUse: string, graceMs: number, now = Date.now()): string[] {
  // Another reader, further on, may have removed it already: then it is not this one's to judge.
  const written = statSync(inUse, { throwIfNoEntry: false })?.mtimeMs;
  if (written === undefined || now - written < graceMs) return [];
  const older = listSnapshots(dir).filter((s) => s.file < inUse);
  for (const { file } of older) for (const f of [file, `${file}.wal`]) rmSync(f, { force: true });
  return older.map((s) => s.file);
}
