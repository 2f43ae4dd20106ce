/**
 * Start-up recovery: after a SIGKILL mid-run, a truncated or corrupted write-ahead log never keeps
 * the monitor from starting. DuckDB replays what it can; a WAL it refuses (or silently skips) is
 * moved aside with its bytes kept, the log names what may be lost, /healthz says "degraded", and
 * `npm run rebuild` brings the published data back from the sources.
 *
 * The crashed database: the demo ingested and closed, then a child run killed right after the
 * measurements' publish committed, with a CHECKPOINT taken while that run was staging (so the file
 * itself holds the run as `running`, as after one of DuckDB's automatic checkpoints). Seeded random
 * damage on top: MM_FAULT_ITERATIONS / 3 cases (from MM_FAULT_SEED, which is in the test names).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createRandom } from "../../data/demo/random.ts";
import airQualityMeasurements from "../../src/pipelines/air-quality-measurements.ts";
import { pipelines } from "../../src/pipelines/index.ts";
import { Health } from "../../src/ground/contract/contract.ts";
import { loadConfig } from "../../src/app/config.ts";
import { startMonitor, type Monitor } from "../../src/app/start-monitor.ts";
import { killDuringRuns, openMonitorDatabase } from "../support/crash-runs.ts";
import { runScript } from "../support/run-script.ts";
import { startServerProcess } from "../support/server-process.ts";
import { fingerprintAll } from "../support/pipeline-harness.ts";
import { clock } from "../support/test-server.ts";

const seed = Number(process.env.MM_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const randomCases = Math.ceil(Number(process.env.MM_FAULT_ITERATIONS ?? 6) / 3);
const measurements = airQualityMeasurements.name;

let tmp: string;
let crashed: string;
let crashedWal: Buffer;
let oldVersion: Record<string, string>;
let newVersion: Record<string, string>;

/** DuckDB's WAL (version 2): a header object ending in 0xFFFF, then entries of [length u64][checksum u64][payload]. */
function walEntries(wal: Buffer): { payload: number; length: number }[] {
  const entries = [];
  for (let at = wal.indexOf(Buffer.from([0xff, 0xff])) + 2; at + 16 <= wal.length;) {
    const length = Number(wal.readBigUInt64LE(at));
    entries.push({ payload: at + 16, length });
    at += 16 + length;
  }
  return entries;
}

const truncateTo = (size: number) => (wal: string) => truncateSync(wal, size);
const flipByteAt = (offset: number) => (wal: string) => {
  const bytes = readFileSync(wal);
  bytes[offset]! ^= 0xff;
  writeFileSync(wal, bytes);
};

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-recovery-"));
  crashed = path.join(tmp, "crashed.duckdb");
  const demoDir = inject("demoDir");
  const old = await openMonitorDatabase(crashed, demoDir);
  for (const pipeline of pipelines) await old.runner.run(pipeline, "startup");
  oldVersion = await fingerprintAll(old.db);
  await old.close();
  const atMeasurements = (point: "after-staging" | "after-commit") => ({ point, pipeline: measurements });
  await killDuringRuns(crashed, demoDir, 1, atMeasurements("after-commit"), { checkpointAt: atMeasurements("after-staging") });
  crashedWal = readFileSync(`${crashed}.wal`);
  expect(walEntries(crashedWal).at(-1)).toMatchObject({ payload: crashedWal.length - 5 });
  // The new version: what replaying the intact WAL gives.
  const replayed = path.join(tmp, "replayed.duckdb");
  copyFileSync(crashed, replayed);
  writeFileSync(`${replayed}.wal`, crashedWal);
  const intact = await openMonitorDatabase(replayed, demoDir);
  newVersion = await fingerprintAll(intact.db);
  await intact.close();
  expect(newVersion.air_quality_measurements).not.toBe(oldVersion.air_quality_measurements);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Started {
  monitor: Monitor;
  dir: string;
  db: string;
  lines: string[];
  damaged: Buffer;
}

/** Copies the crashed database, damages its WAL, and starts the monitor on it (no runs, no schedule). */
async function startDamaged(damage: (wal: string) => void): Promise<Started> {
  const dir = mkdtempSync(path.join(tmp, "start-"));
  const db = path.join(dir, "m.duckdb");
  copyFileSync(crashed, db);
  writeFileSync(`${db}.wal`, crashedWal);
  damage(`${db}.wal`);
  const damaged = readFileSync(`${db}.wal`);
  const lines: string[] = [];
  // No disk reserve: it has nothing to do with the WAL, and would be 32 MB per start here.
  const config = loadConfig({}, { PORT: 0, MM_DB: db, MM_DEMO: true, MM_DEMO_DIR: inject("demoDir"), MM_DB_RESERVE_MB: 0 });
  const monitor = await startMonitor({ config, clock, log: (line) => lines.push(line), runAtStart: false, schedule: false });
  return { monitor, dir, db, lines, damaged };
}

const keptWals = (dir: string) => readdirSync(dir).filter((f) => f.startsWith("m.duckdb.wal.damaged-"));

/**
 * The monitor is up; a WAL set aside is kept byte for byte, logged and reported as degraded health;
 * otherwise health is ok. Either way every table is the version the measurements' run record implies.
 */
async function expectRecovered({ monitor, dir, lines, damaged }: Started, setAside: boolean) {
  const response = await fetch(`${monitor.url}/healthz`);
  expect(response.status).toBe(200);
  const health = Health.parse(await response.json());
  const kept = keptWals(dir);
  if (setAside) {
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(dir, kept[0]!)).equals(damaged)).toBe(true);
    expect(health).toMatchObject({ status: "degraded", database: true, reason: expect.stringContaining("npm run rebuild") });
    const warnings = lines.filter((line) => line.startsWith("WARNING: database recovery:"));
    expect(warnings.join("\n")).toContain(path.join(dir, kept[0]!));
    expect(warnings.join("\n")).toMatch(/pipelines cut off during a run: .*\n.*npm run rebuild/);
  } else {
    expect(kept).toEqual([]);
    expect(health).toEqual({ status: "ok", database: true });
  }
  const [run] = await monitor.db.query("SELECT run_id, status FROM meta.pipeline_runs WHERE pipeline = $1 ORDER BY run_id DESC LIMIT 1", [measurements]);
  expect(["succeeded", "abandoned"]).toContain(run!.status);
  // The measurements are a backfill: each slice commits with its publish, so what is published says
  // which version the table holds (the run itself is abandoned when killed after a slice's commit).
  const [published] = await monitor.db.query("SELECT run_id FROM meta.published WHERE pipeline = $1", [measurements]);
  expect(await fingerprintAll(monitor.db)).toEqual(Number(published!.run_id) === Number(run!.run_id) ? newVersion : oldVersion);
  expect(await monitor.db.query("SELECT * FROM meta.pipeline_locks")).toEqual([]);
  return { health, run: run!, published: Number(published!.run_id), lines };
}

describe("starting on the WAL of a killed run", () => {
  it("replays an intact WAL: the committed publish is there and health is ok", async () => {
    const started = await startDamaged(() => {});
    try {
      const recovered = await expectRecovered(started, false);
      // The killed commit was a slice's: its publish is there, the run itself was cut off.
      expect(recovered.published).toBe(Number(recovered.run.run_id));
    } finally {
      await started.monitor.close();
    }
  });

  it.each<[string, () => number, boolean]>([
    ["to 0 bytes: DuckDB deletes it (what it held is lost, and nothing can tell)", () => 0, false],
    ["to 5 bytes, inside its header: DuckDB skips it silently, so it is set aside", () => 5, true],
    ["to half its size: the commits before the cut are replayed", () => Math.floor(crashedWal.length / 2), false],
    ["by one byte: the torn last commit is dropped", () => crashedWal.length - 1, false],
  ])("truncated %s", async (_name, size, setAside) => {
    const started = await startDamaged(truncateTo(size()));
    try {
      await expectRecovered(started, setAside);
    } finally {
      await started.monitor.close();
    }
  });

  it.each<[string, () => number]>([
    ["in its header", () => 2],
    ["in its first entry", () => walEntries(crashedWal)[0]!.payload + 1],
    ["in its largest entry", () => walEntries(crashedWal).reduce((a, b) => (b.length > a.length ? b : a)).payload + 7],
    ["in its last entry (the publish's commit)", () => walEntries(crashedWal).at(-1)!.payload + 1],
  ])("corrupted %s: set aside, the cut-off run named, health degraded", async (_name, offset) => {
    const started = await startDamaged(flipByteAt(offset()));
    try {
      const { health, run } = await expectRecovered(started, true);
      expect(run.status).toBe("abandoned");
      expect(health.reason).toContain(`runs cut off: ${measurements}`);
      expect(started.lines.join("\n")).toContain(`pipelines cut off during a run: ${measurements} (run ${run.run_id}, table air_quality_measurements)`);
    } finally {
      await started.monitor.close();
    }
  });

  describe(`random damage (seed ${seed})`, () => {
    const random = createRandom(seed);
    const cases = Array.from({ length: randomCases }, () => ({ truncate: random.next() < 0.5, share: random.next() }));
    const name = (c: (typeof cases)[number]) => `${c.truncate ? "truncated at" : "byte flipped at"} ${(c.share * 100).toFixed(1)} %`;
    it.each(cases.map((c, i) => [i + 1, name(c), c] as const))("case %i, %s: comes up consistent", async (_i, _name, c) => {
      const at = Math.floor(c.share * crashedWal.length);
      const started = await startDamaged(c.truncate ? truncateTo(at) : flipByteAt(at));
      try {
        await expectRecovered(started, keptWals(started.dir).length > 0);
      } finally {
        await started.monitor.close();
      }
    });
  });
});

const rebuild = (db: string) => runScript("src/app/cli/rebuild.ts", [], { MM_DB: db, MM_DEMO: "true", MM_DEMO_DIR: inject("demoDir") });

describe("after a loss", () => {
  it("npm run rebuild runs every pipeline in order from the sources, and health is ok again", async () => {
    const started = await startDamaged(flipByteAt(walEntries(crashedWal)[0]!.payload + 1));
    const { db } = started;
    try {
      await expectRecovered(started, true);
      // Worse than a WAL: published tables gone, the areas every point's buurt comes from among them.
      await started.monitor.db.query("DROP TABLE main.areas");
      await started.monitor.db.query("DROP TABLE main.trees");
    } finally {
      await started.monitor.close();
    }

    const result = await rebuild(db);
    expect(result.code, result.stderr).toBe(0);
    const reported = result.stdout.trim().split("\n");
    expect(reported.slice(0, -1).map((line) => line.split(":")[0])).toEqual(pipelines.map((p) => p.name));
    for (const line of reported.slice(0, -1)) expect(line).toMatch(/^[a-z0-9-]+: run \d+ succeeded: \d+ read, \d+ loaded, \d+ rejected, \d+ warnings$/);
    expect(reported.at(-1)).toBe(`rebuilt: all ${pipelines.length} pipelines ran from their sources`);

    const config = loadConfig({}, { PORT: 0, MM_DB: db, MM_DEMO: true, MM_DEMO_DIR: inject("demoDir") });
    const monitor = await startMonitor({ config, clock, log: () => {}, runAtStart: false, schedule: false });
    try {
      expect(await (await fetch(`${monitor.url}/healthz`)).json()).toEqual({ status: "ok", database: true });
      expect(await fingerprintAll(monitor.db)).toEqual(oldVersion);
    } finally {
      await monitor.close();
    }
  });
});

describe("the real server on a corrupted WAL", () => {
  it("comes up degraded instead of exiting, and says so in its log", async () => {
    const dir = mkdtempSync(path.join(tmp, "process-"));
    const db = path.join(dir, "m.duckdb");
    copyFileSync(crashed, db);
    writeFileSync(`${db}.wal`, crashedWal);
    flipByteAt(walEntries(crashedWal).at(-1)!.payload + 1)(`${db}.wal`);
    // startServerProcess waits for /readyz: ready, though degraded.
    const server = await startServerProcess({ MM_DB: db, MM_DEMO_DIR: inject("demoDir") });
    try {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(200);
      expect(Health.parse(await response.json())).toMatchObject({ status: "degraded", reason: expect.stringContaining(measurements) });
      expect(server.output()).toMatch(/WARNING: database recovery: the write-ahead log of .* could not be replayed: .*Corrupt WAL file/);
      expect(keptWals(dir)).toHaveLength(1);
    } finally {
      server.child.kill("SIGKILL");
      await server.exited;
    }
  });
});
