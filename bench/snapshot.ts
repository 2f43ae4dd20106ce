/**
 * snapshot: what a reader's snapshot (src/store/snapshots, docs/decisions/0029-reader-snapshots.md)
 * costs the writer, at scale 1, 10 and 30 (`npm run bench -- snapshot --scales 1,10`): every pipeline
 * the demo has data for is loaded into a temporary database, then a snapshot is written as the writer
 * writes one after a publish. Figures per scale:
 *
 * - the snapshot's size in bytes, beside the writer's own file, and the share of its largest tables
 *   (their blocks, from pragma_storage_info);
 * - the time to write it, and its ratio to the time of a publish measured in the same run: the
 *   biggest pipeline run again (the run of every hour, into the full table), after which the writer
 *   would write the next snapshot;
 * - the writer's extra memory while writing: the peak growth of this process's RSS, and of DuckDB's
 *   own accounting (duckdb_memory()), over their values before.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/app/config.ts";
import { openPipelineContext } from "../src/app/start-monitor.ts";
import { openDatabase, type Database } from "../src/store/database.ts";
import { writeSnapshot } from "../src/store/snapshots/write-snapshot.ts";
import { snapshotTag } from "../src/app/writer-snapshots.ts";
import { pipelines } from "../src/pipelines/index.ts";
import { literal, quote } from "../src/ground/sql-text.ts";
import { demoAtScale } from "./api.ts";

const MiB = 2 ** 20;

/** `--scales 1,10` on the command line; default 1, 10 and 30. */
function scalesFromArgs(): number[] {
  const at = process.argv.indexOf("--scales");
  const scales = at >= 0 ? (process.argv[at + 1] ?? "").split(",").map(Number) : [1, 10, 30];
  if (!scales.length || scales.some((s) => !Number.isInteger(s) || s < 1)) throw new Error('--scales must be whole numbers like "1,10,30"');
  return scales;
}

const duckdbMemory = async (db: Database) => Number((await db.query("SELECT coalesce(sum(memory_usage_bytes), 0) AS b FROM duckdb_memory()"))[0]!.b);

/** Runs `work` while sampling RSS and DuckDB's memory; returns its result and the peak growth of each, in MiB. */
async function withMemory<T>(db: Database, work: () => Promise<T>) {
  global.gc?.();
  const [rss0, duck0] = [process.memoryUsage().rss, await duckdbMemory(db)];
  let [rss, duck] = [rss0, duck0];
  let sampling = true;
  const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 10);
  // DuckDB's accounting through a second connection of the pool, one query after another.
  const duckSampler = (async () => {
    while (sampling) {
      duck = Math.max(duck, await duckdbMemory(db));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    const value = await work();
    return { value, extraRssMiB: Math.round((Math.max(rss, process.memoryUsage().rss) - rss0) / MiB), extraDuckdbMiB: Math.round((duck - duck0) / MiB) };
  } finally {
    sampling = false;
    clearInterval(sampler);
    await duckSampler;
  }
}

/** The largest tables of a snapshot by the blocks their columns occupy. */
async function largestTables(file: string, bytes: number) {
  const snapshot = await openDatabase(file, { readOnly: true });
  try {
    const [{ block_size: blockSize }] = (await snapshot.query("SELECT block_size FROM pragma_database_size()")) as [{ block_size: number }];
    const tables = await snapshot.query("SELECT schema_name, table_name FROM duckdb_tables() WHERE estimated_size > 0");
    const sized = [];
    for (const t of tables) {
      const name = `${quote(String(t.schema_name))}.${quote(String(t.table_name))}`;
      const [row] = await snapshot.query(`SELECT count(DISTINCT block_id) AS blocks FROM pragma_storage_info(${literal(name)}) WHERE block_id >= 0`);
      sized.push({ table: `${t.schema_name}.${t.table_name}`, bytes: Number(row!.blocks) * blockSize });
    }
    return sized
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 4)
      .map((t) => ({ ...t, share: Number((t.bytes / bytes).toFixed(3)) }));
  } finally {
    await snapshot.close();
  }
}

async function atScale(scale: number) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-snapshot-"));
  const dir = path.join(tmp, "snapshots");
  const config = loadConfig(
    {},
    {
      MM_DB: path.join(tmp, "bench.duckdb"),
      MM_DEMO: true,
      MM_DEMO_DIR: demoAtScale(scale),
      MM_DB_RESERVE_MB: 0,
      MM_SNAPSHOT_DIR: dir,
      MM_DB_MEMORY_LIMIT: "2GB",
    },
  );
  const context = await openPipelineContext({ config, clock: () => new Date("2026-03-02T09:00:00Z") });
  const tagOf = snapshotTag;
  try {
    const runs: { pipeline: string; ms: number; rows: number }[] = [];
    const load = performance.now();
    for (const pipeline of context.automatic) {
      const started = performance.now();
      const result = await context.runner.run(pipeline, "cli");
      if (result.status !== "succeeded") throw new Error(`bench run of ${pipeline.name} failed: ${result.error}`);
      const [size] = await context.db.query(`SELECT count(*) AS n FROM main.${quote(pipeline.table)}`);
      runs.push({ pipeline: pipeline.name, ms: performance.now() - started, rows: Number(size!.n) });
    }
    const loadMs = performance.now() - load;
    await context.db.query("CHECKPOINT");

    const first = await withMemory(context.db, () => writeSnapshot(context.db, dir, tagOf));
    if (!first.value) throw new Error("no snapshot written");

    // A publish of the biggest pipeline into its full table, and the snapshot that follows it.
    const biggest = [...runs].sort((a, b) => b.rows - a.rows)[0]!;
    const started = performance.now();
    const again = await context.runner.run(
      pipelines.find((p) => p.name === biggest.pipeline)!,
      "cli",
    );
    const publishMs = performance.now() - started;
    if (again.status !== "succeeded") throw new Error(`bench run of ${biggest.pipeline} failed: ${again.error}`);
    const next = await withMemory(context.db, () => writeSnapshot(context.db, dir, tagOf));
    if (!next.value) throw new Error("no snapshot written after the publish");

    return {
      scale,
      rows: runs.reduce((sum, r) => sum + r.rows, 0),
      writerBytes: statSync(config.MM_DB).size,
      fullLoadMs: Math.round(loadMs),
      snapshot: {
        bytes: first.value.bytes,
        ms: first.value.ms,
        extraRssMiB: first.extraRssMiB,
        extraDuckdbMiB: first.extraDuckdbMiB,
        largest: await largestTables(first.value.file, first.value.bytes),
      },
      afterPublish: {
        pipeline: biggest.pipeline,
        rows: biggest.rows,
        publishMs: Math.round(publishMs),
        snapshotMs: next.value.ms,
        extraRssMiB: next.extraRssMiB,
        extraDuckdbMiB: next.extraDuckdbMiB,
        ratio: Number((next.value.ms / publishMs).toFixed(2)),
      },
    };
  } finally {
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export async function benchSnapshot() {
  const scales = [];
  for (const scale of scalesFromArgs()) scales.push(await atScale(scale));
  return { bench: "snapshot", scales };
}
