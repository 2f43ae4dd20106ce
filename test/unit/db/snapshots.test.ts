/**
 * The store's pieces of the readers (docs/decisions/0029-reader-snapshots.md) on real DuckDB files:
 * a snapshot written aside and renamed, opened read-only, switched to without failing a query in
 * flight, and old ones removed after the grace period.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Unavailable } from "../../../src/ground/domain-errors.ts";
import { silentLogger } from "../../../src/ground/logger.ts";
import { openDatabase, type Database } from "../../../src/store/database.ts";
import type { PublishedRuns } from "../../../src/store/published-runs.ts";
import { followSnapshots } from "../../../src/store/snapshots/follow-snapshots.ts";
import { listSnapshots, removeOldSnapshots } from "../../../src/store/snapshots/snapshot-files.ts";
import { startSnapshotWriter } from "../../../src/store/snapshots/snapshot-writer.ts";
import { writeSnapshot } from "../../../src/store/snapshots/write-snapshot.ts";
import { createSwitchableDatabase } from "../../../src/store/switchable-database.ts";

/** A tag as the app makes it (a hash of the version string), here the versions themselves, readable. */
const tagOf = (runs: PublishedRuns) =>
  [...runs.values()]
    .map((r) => r.version)
    .join("")
    .replace(/\D/g, "")
    .padStart(8, "0")
    .slice(-8);

let tmp: string;
let dir: string;
let writer: Database;

/** Publishes `rows` numbers into main.numbers as a run of pipeline "numbers", the way the runner's COMMIT does. */
async function publish(rows: number): Promise<void> {
  writer.published.begin();
  try {
    await writer.query("CREATE OR REPLACE TABLE main.numbers AS SELECT range AS n FROM range($1::BIGINT)", [rows]);
    const [run] = await writer.query(
      "INSERT INTO meta.pipeline_runs (run_id, pipeline, trigger, status, started_at, finished_at) VALUES (nextval('meta.run_id'), 'numbers', 'manual', 'succeeded', TIMESTAMP '2026-03-02 09:00:00', TIMESTAMP '2026-03-02 09:01:00') RETURNING run_id",
    );
    await writer.query("DELETE FROM meta.published WHERE pipeline = 'numbers'");
    await writer.query(
      "INSERT INTO meta.published (pipeline, run_id, table_name, published_at, seq) VALUES ('numbers', $1, 'numbers', TIMESTAMP '2026-03-02 09:01:00', nextval('meta.publish_seq'))",
      [run!.run_id as number],
    );
  } finally {
    await writer.published.end();
  }
}

beforeEach(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-snapshots-"));
  dir = path.join(tmp, "snapshots");
  writer = await openDatabase(path.join(tmp, "writer.duckdb"), { lockdown: { allowedDirectories: [dir], memoryLimit: "256MB" } });
  await writer.query(
    "INSERT INTO meta.users (username, password_hash, role, created_at) VALUES ('admin', 'secret-hash', 'admin', TIMESTAMP '2026-03-02 09:00:00')",
  );
  await publish(10);
});

afterEach(async () => {
  await writer.close();
  rmSync(tmp, { recursive: true, force: true });
});

const openReadOnly = (file: string) => openDatabase(file, { readOnly: true, lockdown: { allowedDirectories: [tmp], memoryLimit: "256MB" } });

describe("writeSnapshot", () => {
  it("writes a whole file under its version's name, without password hashes or staging tables, that opens read-only with macros and published runs", async () => {
    await writer.query("CREATE TABLE main.__staging_numbers_99 AS SELECT 1 AS n");
    const written = await writeSnapshot(writer, dir, tagOf);
    expect(written).not.toBeNull();
    expect(readdirSync(dir)).toEqual([path.basename(written!.file)]);
    expect(path.basename(written!.file)).toMatch(/^snapshot-\d{12}-\d{8}\.duckdb$/);
    expect(written!.bytes).toBe(statSync(written!.file).size);
    const snapshot = await openReadOnly(written!.file);
    try {
      expect(await snapshot.query("SELECT count(*) AS n FROM main.numbers")).toEqual([{ n: 10 }]);
      expect([...(await snapshot.published.settled())]).toEqual([...(await writer.published.settled())]);
      expect(tagOf(await snapshot.published.settled())).toBe(listSnapshots(dir)[0]!.tag);
      expect(await snapshot.query("SELECT round(meta.distance_m(52.0, 4.3, 52.0, 4.3)) AS d")).toEqual([{ d: 0 }]);
      expect(await snapshot.query("SELECT count(*) AS n FROM meta.users")).toEqual([{ n: 0 }]);
      expect(await snapshot.query("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'")).toEqual([{ table_name: "numbers" }]);
      expect(await snapshot.query("SELECT count(*) AS n FROM meta.pipeline_runs")).toEqual([{ n: 1 }]);
      await expect(snapshot.query("INSERT INTO main.numbers VALUES (1)")).rejects.toThrow(/read-only/);
    } finally {
      await snapshot.close();
    }
  });

  it("writes nothing new for the same data version, and a later name after a publish", async () => {
    const first = await writeSnapshot(writer, dir, tagOf);
    expect(await writeSnapshot(writer, dir, tagOf)).toBeNull();
    await publish(20);
    const second = await writeSnapshot(writer, dir, tagOf);
    expect(listSnapshots(dir).map((s) => s.file)).toEqual([first!.file, second!.file]);
    expect(second!.file > first!.file).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
  });

  it("leaves no partial file and names the setting when the folder cannot be written", async () => {
    const lines: string[] = [];
    const outside = path.join(os.tmpdir(), `mm-not-allowed-${process.pid}`);
    const snapshots = startSnapshotWriter({
      db: writer,
      dir: outside,
      tagOf,
      logger: { ...silentLogger, error: (...args: unknown[]) => void lines.push(String(args.at(-1))) } as typeof silentLogger,
    });
    snapshots.request();
    await snapshots.idle();
    expect(lines.join("\n")).toMatch(/snapshot for the readers not written in .*mm-not-allowed.* \(MM_SNAPSHOT_DIR\)/);
    expect(listSnapshots(outside)).toEqual([]);
    expect(readdirSync(outside)).toEqual([]);
    rmSync(outside, { recursive: true, force: true });
  });

  it("follows publishes, one snapshot at a time, the last publish of a burst included", async () => {
    const snapshots = startSnapshotWriter({ db: writer, dir, tagOf, logger: silentLogger });
    await publish(11);
    await publish(12);
    await publish(13);
    await snapshots.idle();
    await snapshots.stop();
    // However the copies fell between the publishes, the last publish is in the newest snapshot.
    expect(listSnapshots(dir).at(-1)!.tag).toBe(tagOf(await writer.published.settled()));
    expect(listSnapshots(dir).length).toBeLessThanOrEqual(3);
  });
});

describe("a switchable database", () => {
  it("answers 503 before any snapshot is open (with nothing published), and a refused write as a read-only reader", async () => {
    const db = createSwitchableDatabase();
    await expect(db.query("SELECT 1")).rejects.toBeInstanceOf(Unavailable);
    expect((await db.published.settled()).size).toBe(0);
    const written = await writeSnapshot(writer, dir, tagOf);
    await db.switchTo(await openReadOnly(written!.file));
    const refusal = await db.query("DELETE FROM main.numbers").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Unavailable);
    expect((refusal as Error).message).toMatch(/read-only reader; writes go to the writer/);
    await db.close();
  });

  it("switches without failing a query in flight, closes the old snapshot only after it, and tells the subscribers", async () => {
    const first = await writeSnapshot(writer, dir, tagOf);
    await publish(5000);
    const second = await writeSnapshot(writer, dir, tagOf);
    const db = createSwitchableDatabase();
    const told: string[] = [];
    db.published.subscribe((runs) => told.push(tagOf(runs)));
    await db.switchTo(await openReadOnly(first!.file));
    const old = db.current!;

    // A query in flight on the first snapshot, held between its chunks until `release`.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstChunk!: () => void;
    const started = new Promise<void>((resolve) => (firstChunk = resolve));
    const inFlight = db.stream("SELECT n FROM main.numbers, range(300) ORDER BY n", [], {}, async () => {
      firstChunk();
      await held;
    });
    await started;

    let switched = false;
    const switching = db.switchTo(await openReadOnly(second!.file)).then(() => (switched = true));
    // New queries go to the new snapshot at once; the old one stays open for the query in flight.
    expect(await db.query("SELECT count(*) AS n FROM main.numbers")).toEqual([{ n: 5000 }]);
    expect(await old.query("SELECT count(*) AS n FROM main.numbers")).toEqual([{ n: 10 }]);
    expect(switched).toBe(false);

    release();
    expect(await inFlight).toBe(3000);
    await switching;
    await expect(old.query("SELECT 1")).rejects.toThrow(/closing/);
    expect(told).toEqual([first!.file, second!.file].map((f) => listSnapshots(dir).find((s) => s.file === f)!.tag));
    await db.close();
  });
});

describe("following the snapshot folder", () => {
  it("opens the newest, switches to a newer one, and removes the older after the grace period", async () => {
    const first = await writeSnapshot(writer, dir, tagOf);
    const db = createSwitchableDatabase();
    const follower = followSnapshots({ dir, db, open: openReadOnly, graceMs: 3_600_000, logger: silentLogger, pollMs: 3_600_000 });
    try {
      await follower.check();
      expect(follower.inUse).toBe(first!.file);
      expect(await db.query("SELECT count(*) AS n FROM main.numbers")).toEqual([{ n: 10 }]);

      await publish(30);
      const second = await writeSnapshot(writer, dir, tagOf);
      await follower.check();
      expect(follower.inUse).toBe(second!.file);
      expect(await db.query("SELECT count(*) AS n FROM main.numbers")).toEqual([{ n: 30 }]);
      // Within the grace period the old one stays, for readers slower to switch.
      expect(existsSync(first!.file)).toBe(true);

      const writtenAt = statSync(second!.file).mtimeMs;
      expect(removeOldSnapshots(dir, second!.file, 120_000, writtenAt + 119_000)).toEqual([]);
      expect(removeOldSnapshots(dir, second!.file, 120_000, writtenAt + 120_000)).toEqual([first!.file]);
      expect(listSnapshots(dir).map((s) => s.file)).toEqual([second!.file]);
    } finally {
      await follower.stop();
      await db.close();
    }
  });
});
