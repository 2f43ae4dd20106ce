/**
 * Rejected rows are bounded per run: a sample of the first 1,000 with line, column, reason and raw
 * value, counts per column and reason of all of them, both deleted once their run is older than the
 * retention period by the runner's clock. A source that breaks every row of every run then adds a
 * bounded number of rows to the database per run, not its whole input.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { definePipeline } from "../../src/pipelines/framework/define-pipeline.ts";
import { RAW_MAX_CHARS, REJECT_SAMPLE_SIZE, SAMPLED_RUNS_KEPT } from "../../src/pipelines/framework/reject-store.ts";
import type { RecordSource } from "../../src/pipelines/framework/source.ts";
import { RunDetail } from "../../src/ground/contract/contract.ts";
import { createPipelineService } from "../../src/engine/pipelines/pipeline-service.ts";
import { openHarness, type Harness } from "../support/pipeline-harness.ts";

const BAD_STATIONS = 5000;
const TOO_HIGH = 3;
const DAY_MS = 86_400_000;

const measurement = (i: number, station = "NL10938", value = 10) => ({
  station_number: station,
  formula: "NO2",
  value,
  timestamp_measured: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
});

/** 10 good records, then 5,000 with a station number that breaks the pattern, then 3 values above the maximum. */
const flood: RecordSource = {
  kind: "records",
  describe: "a broken upstream",
  async *extract() {
    const good = Array.from({ length: 10 }, (_, i) => measurement(i));
    const badStations = Array.from({ length: BAD_STATIONS }, (_, i) => measurement(100 + i, `station-${i}`));
    const tooHigh = Array.from({ length: TOO_HIGH }, (_, i) => measurement(10_000 + i, "NL10938", 900));
    yield { origin: "page 1", records: [...good, ...badStations] };
    yield { origin: "page 2", records: tooHigh };
  },
};

// The run pages look a pipeline up in the registry: the broken source stands in for a registered one.
const broken = definePipeline({
  name: "air-quality-measurements",
  title: { nl: "Test", en: "Test" },
  schedule: "0 * * * *",
  source: flood,
  schema: z.object({
    station_number: z.string().regex(/^NL\d{5}$/),
    formula: z.enum(["NO2"]),
    value: z.number().max(500),
    timestamp_measured: z.iso.datetime(),
  }),
  mode: "replace",
  key: ["station_number", "formula", "timestamp_measured"],
  attribution: { source: "test", licence: "CC0" },
});

let now: Date;
let harness: Harness;
beforeEach(async () => {
  now = new Date("2026-03-02T09:00:00Z");
  harness = await openHarness({}, { clock: () => now, rejectsRetentionDays: 30 });
});
afterEach(() => harness.close());

const storedRejects = async (runId?: number) =>
  Number(
    (await harness.db.query(`SELECT count(*) AS n FROM meta.rejects${runId === undefined ? "" : " WHERE run_id = $1"}`, runId === undefined ? [] : [runId]))[0]!
      .n,
  );

describe("rejected rows of a run", () => {
  it("keeps a sample of the first 1,000 with the first of every reason, counts all of them, and the API says the sample is cut", async () => {
    const result = await harness.runner.run(broken, "manual");
    expect(result).toMatchObject({ status: "failed", rowsRead: 5013, rowsRejected: 5003 });
    expect(REJECT_SAMPLE_SIZE).toBe(1000);
    expect(await storedRejects(result.runId)).toBe(1000);
    const counts = await harness.db.query("SELECT column_name, reason, reason_nl, rejected FROM meta.reject_counts WHERE run_id = $1 ORDER BY rejected DESC", [
      result.runId,
    ]);
    expect(counts).toEqual([
      { column_name: "station_number", reason: "must match ^NL\\d{5}$", reason_nl: "moet passen bij het patroon ^NL\\d{5}$", rejected: 5000 },
      { column_name: "value", reason: "must be at most 500", reason_nl: "mag hoogstens 500 zijn", rejected: 3 },
    ]);
    // The three values above the maximum come last in the input, but a rare reason keeps its examples.
    const sample = await harness.db.query("SELECT origin, line, column_name FROM meta.rejects WHERE run_id = $1 AND column_name = 'value' ORDER BY line", [
      result.runId,
    ]);
    expect(sample).toEqual([1, 2, 3].map((line) => ({ origin: "page 2", line, column_name: "value" })));
    const firstStations = await harness.db.query(
      "SELECT min(line) AS first, max(line) AS last FROM meta.rejects WHERE run_id = $1 AND column_name = 'station_number'",
      [result.runId],
    );
    expect(firstStations).toEqual([{ first: 11, last: 11 + 997 - 1 }]);

    const service = createPipelineService(harness.db, harness.runner, () => now);
    const detail = RunDetail.parse(await service.run(broken.name, result.runId, {}));
    expect(detail).toMatchObject({ rowsRejected: 5003, rejectsTotal: 5003, rejectsSampleCut: true });
    expect(detail.rejects).toHaveLength(1000);
    expect(detail.rejects[0]).toEqual({
      origin: "page 1",
      line: 11,
      column: "station_number",
      reason: { en: "must match ^NL\\d{5}$", nl: "moet passen bij het patroon ^NL\\d{5}$" },
      raw: JSON.stringify(measurement(100, "station-0")),
    });
    expect(detail.rejectCounts).toEqual([
      { column: "station_number", reason: { en: "must match ^NL\\d{5}$", nl: "moet passen bij het patroon ^NL\\d{5}$" }, rows: 5000 },
      { column: "value", reason: { en: "must be at most 500", nl: "mag hoogstens 500 zijn" }, rows: 3 },
    ]);
  });

  it("adds at most a sample per run, and deletes the rejects of runs older than the retention period by the runner's clock", async () => {
    const old = [];
    for (let i = 0; i < 3; i++) old.push((await harness.runner.run(broken, "manual")).runId);
    expect(await storedRejects()).toBe(3 * REJECT_SAMPLE_SIZE);

    // 29 days on, nothing is old enough yet.
    now = new Date(now.getTime() + 29 * DAY_MS);
    const recent = (await harness.runner.run(broken, "manual")).runId;
    expect(await storedRejects()).toBe(4 * REJECT_SAMPLE_SIZE);

    // 31 days after the first three: only the recent run's rejects are left, the history stays.
    now = new Date(now.getTime() + 2 * DAY_MS);
    const latest = (await harness.runner.run(broken, "manual")).runId;
    expect(await storedRejects()).toBe(2 * REJECT_SAMPLE_SIZE);
    for (const runId of old) expect(await storedRejects(runId)).toBe(0);
    expect([await storedRejects(recent), await storedRejects(latest)]).toEqual([REJECT_SAMPLE_SIZE, REJECT_SAMPLE_SIZE]);
    const counted = await harness.db.query("SELECT DISTINCT run_id FROM meta.reject_counts ORDER BY run_id");
    expect(counted.map((r) => r.run_id)).toEqual([recent, latest]);
    expect(await harness.db.query("SELECT count(*) AS n FROM meta.pipeline_runs")).toEqual([{ n: 5 }]);

    const service = createPipelineService(harness.db, harness.runner, () => now);
    const pruned = RunDetail.parse(await service.run(broken.name, old[0]!, {}));
    expect(pruned).toMatchObject({ rowsRejected: 5003, rejectsTotal: 0, rejectsSampleCut: false, rejects: [], rejectCounts: [] });
  });

  it("keeps the samples of a pipeline's newest runs only, and the counts of the others, for a source that fails every hour", async () => {
    const runs = [];
    for (let i = 0; i < SAMPLED_RUNS_KEPT + 3; i++) {
      runs.push((await harness.runner.run(broken, "schedule")).runId);
      now = new Date(now.getTime() + 3_600_000);
    }
    // Each run's start prunes to the newest SAMPLED_RUNS_KEPT, then the run adds its own.
    expect(await storedRejects()).toBe((SAMPLED_RUNS_KEPT + 1) * REJECT_SAMPLE_SIZE);
    expect(await storedRejects(runs[0])).toBe(0);
    expect(await storedRejects(runs.at(-1))).toBe(REJECT_SAMPLE_SIZE);
    const counted = await harness.db.query("SELECT count(DISTINCT run_id) AS n FROM meta.reject_counts");
    expect(Number(counted[0]!.n)).toBe(runs.length);
  });

  it("keeps a long raw value cut, so one sample row cannot hold a whole polygon", async () => {
    const long: RecordSource = {
      kind: "records",
      describe: "a record with a long field",
      async *extract() {
        yield { origin: "page 1", records: [...Array.from({ length: 99 }, (_, i) => measurement(i)), { ...measurement(99, "NL1"), note: "x".repeat(10_000) }] };
      },
    };
    const result = await harness.runner.run({ ...broken, source: long }, "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRejected: 1 });
    const [row] = await harness.db.query("SELECT raw FROM meta.rejects WHERE run_id = $1", [result.runId]);
    expect(String(row!.raw)).toHaveLength(RAW_MAX_CHARS + 1);
    expect(String(row!.raw)).toMatch(/^\{"station_number":"NL1",.*x…$/);
  });
});
