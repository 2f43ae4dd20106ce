/**
 * The database on a small real filesystem (a 72 MB tmpfs): the demo is published, then a trees export
 * far larger than the free space fills the disk during its run. The run fails and says why (or, when
 * DuckDB has to give the database up, the next start marks it abandoned); the monitor keeps serving;
 * after a restart on the same, still nearly full disk the previous data is intact and served.
 */
import { cpSync, createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import trees from "../../src/pipelines/trees.ts";
import { loadConfig, type Config } from "../../src/app/config.ts";
import { startMonitor, type Monitor } from "../../src/app/start-monitor.ts";
import { fingerprintAll } from "../support/pipeline-harness.ts";
import { freeBytes, mountSmallDisk } from "../support/small-disk.ts";
import { clock, login } from "../support/test-server.ts";

let tmp: string;
let disk: string;
let unmount: (() => void) | undefined;
let monitor: Monitor | undefined;
const log: string[] = [];
const fatal: string[] = [];

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-disk-full-"));
  disk = path.join(tmp, "disk");
  unmount = mountSmallDisk(disk, 72);
});
afterAll(async () => {
  await monitor?.close();
  unmount?.();
  rmSync(tmp, { recursive: true, force: true });
});

const start = (config: Config, runAtStart: boolean) =>
  startMonitor({ config, clock, log: (line) => log.push(line), schedule: false, runAtStart, onFatal: (reason) => fatal.push(reason) });

async function themes(url: string): Promise<unknown> {
  const policy = await login(url, "policy");
  const response = await fetch(`${url}/api/v1/themes`, { headers: { cookie: policy.cookie } });
  expect(response.status).toBe(200);
  return response.json();
}

/** A trees export of `rows` rows with incompressible species names (deterministic, no randomness). */
async function writeHugeTreesCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write("tree_id,species,planting_year,lon,lat\n");
  let state = 2463534242;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0).toString(36);
  };
  for (let i = 0; i < rows;) {
    let chunk = "";
    for (let k = 0; k < 10_000 && i < rows; k++, i++)
      chunk += `B${String(i % 1_000_000).padStart(6, "0")},${next()}${next()}${next()},${1900 + (i % 120)},5.${String(i % 999_983).padStart(6, "0")},52.${String(i % 999_979).padStart(6, "0")}\n`;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

describe("disk full", () => {
  it("fails the run that fills the disk, records it, and keeps the previous data through a restart", async () => {
    const demo = path.join(tmp, "demo");
    cpSync(inject("demoDir"), demo, { recursive: true });
    const config = loadConfig({}, { PORT: 0, MM_DB: path.join(disk, "monitor.duckdb"), MM_DEMO: true, MM_DEMO_DIR: demo, MM_DB_RESERVE_MB: 16 });
    monitor = await start(config, true);
    for (const result of await monitor.startupRuns) expect(result.status, result.error ?? "").toBe("succeeded");
    const before = await fingerprintAll(monitor.db);
    const servedBefore = await themes(monitor.url);
    expect(existsSync(`${config.MM_DB}.reserve`)).toBe(true);

    // About twice what is free: the staging table cannot fit. (~25 bytes a row once in DuckDB.)
    await writeHugeTreesCsv(path.join(demo, "exports", "trees.csv"), Math.ceil((2 * freeBytes(disk)) / 25));
    const result = await monitor.runner.run(trees, "manual").catch((error: Error) => error);

    expect(log.join("\n")).toContain(`DISK FULL on ${disk}`);
    expect(existsSync(`${config.MM_DB}.reserve`)).toBe(false);
    if (result instanceof Error) {
      // DuckDB invalidated the database (its checkpoint could not be written): the process must restart.
      expect(result.message).toMatch(/invalidated/);
      expect(fatal).toEqual(["database invalidated"]);
    } else {
      expect(result.status).toBe("failed");
      expect(result.error).toMatch(/^disk full: .*No space left on device; free space on the database's disk$/);
      const [run] = await monitor.db.query("SELECT status, error FROM meta.pipeline_runs WHERE run_id = $1", [result.runId]);
      expect(run).toEqual({ status: "failed", error: result.error });
      expect(await themes(monitor.url)).toEqual(servedBefore);
    }
    await monitor.close();
    monitor = undefined;

    // The restart, as a supervisor would do it, on the same disk with nothing freed.
    monitor = await start(config, false);
    expect(await fingerprintAll(monitor.db)).toEqual(before);
    expect(await themes(monitor.url)).toEqual(servedBefore);
    const [last] = await monitor.db.query("SELECT status, error FROM meta.pipeline_runs WHERE pipeline = 'trees' ORDER BY run_id DESC LIMIT 1");
    expect(last!.status).toBe(result instanceof Error ? "abandoned" : "failed");
    expect(await monitor.db.query("SELECT run_id FROM meta.pipeline_runs WHERE status = 'running'")).toEqual([]);
    expect(await monitor.db.query("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '\\_\\_staging%' ESCAPE '\\'")).toEqual([]);
    // A whole monitor started, ingested and stopped: minutes on a busy two-core machine, not seconds.
  }, 240_000);
});
