import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { definePipeline } from "../../src/pipelines/framework/define-pipeline.ts";
import type { CsvDialect } from "../../src/pipelines/framework/source.ts";
import { csvFile } from "../../src/pipelines/sources/files.ts";
import { fingerprint, measurementSchema, openHarness, type Harness } from "../support/pipeline-harness.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await openHarness();
});
afterEach(() => harness.close());

const csvPipeline = (file: string, options: { maxRejectShare?: number; dialect?: Partial<CsvDialect> } = {}) =>
  definePipeline({
    name: "test-measurements",
    title: { nl: "Test", en: "Test" },
    schedule: "0 * * * *",
    source: csvFile(`csv/${file}`, options.dialect),
    schema: measurementSchema,
    mode: "upsert",
    key: ["station_number", "formula", "timestamp_measured"],
    maxRejectShare: options.maxRejectShare ?? 0.6,
    attribution: { source: "test", licence: "CC0" },
  });

const rejectsOf = (runId: number) => harness.db.query("SELECT line, column_name, reason, raw FROM meta.rejects WHERE run_id = $1 ORDER BY line", [runId]);

describe("a CSV source", () => {
  it("loads valid rows set-wise and quarantines each bad line with its line, column and reason", async () => {
    const result = await harness.runner.run(csvPipeline("measurements.csv"), "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 11, rowsLoaded: 6, rowsRejected: 5 });
    const rejects = await rejectsOf(result.runId);
    expect(rejects.map((r) => [r.line, r.column_name])).toEqual([
      [4, "value"],
      [7, "value"],
      [8, "formula"],
      [9, "timestamp_measured"],
      [11, "station_number"],
    ]);
    expect(rejects[0]!.reason).toMatch(/^CAST: .*"n\/a"/);
    expect(rejects[0]!.raw).toBe("NL10938,NO2,n/a,2024-01-01T03:00:00+00:00");
    expect(rejects[1]!.reason).toBe("must be at most 500");
    expect(JSON.parse(String(rejects[1]!.raw)).value).toBe(900);
    expect(rejects[2]!.reason).toBe("must be one of NO2, PM10");
    expect(rejects[3]!.reason).toMatch(/^MISSING COLUMNS/);
    expect(rejects[4]!.reason).toBe("must match ^NL\\d{5}$");
  });

  it("keeps a line that repeats an earlier one once, and quarantines both lines of a key given two values, by line", async () => {
    // Line 5 is line 2 again (01:00 UTC written as 02:00+01:00); lines 6 and 7 give PM10 at 01:00 two values.
    const result = await harness.runner.run(csvPipeline("repeated-rows.csv"), "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 7, rowsLoaded: 3, rowsRejected: 3, rowsDuplicate: 1 });
    const rejects = await rejectsOf(result.runId);
    expect(rejects.map((r) => [r.line, r.column_name])).toEqual([
      [3, "value"],
      [6, "value"],
      [7, "value"],
    ]);
    const reason =
      "same key (station_number NL10938, formula PM10, timestamp_measured 2024-01-01T01:00:00Z) arrived with different values: value 14.0 and 15.5";
    expect(rejects.slice(1).map((r) => r.reason)).toEqual([reason, reason]);
    expect(JSON.parse(String(rejects[2]!.raw))).toMatchObject({ formula: "PM10", value: 15.5 });
    const rows = await harness.db.query("SELECT strftime(timestamp_measured, '%H') AS h, value FROM main.test_measurements ORDER BY h");
    expect(rows).toEqual([
      { h: "01", value: 21.4 },
      { h: "03", value: 18.1 },
      { h: "04", value: 17 },
    ]);
  });

  it("reads quoted values and converts time-zone offsets to UTC", async () => {
    await harness.runner.run(csvPipeline("measurements.csv"), "manual");
    const rows = await harness.db.query(
      "SELECT strftime(timestamp_measured, '%Y-%m-%dT%H:%M:%S') AS t FROM main.test_measurements WHERE formula = 'PM10' AND value = 11.9",
    );
    expect(rows).toEqual([{ t: "2024-01-01T03:00:00" }]);
  });

  it("honours a pinned dialect (semicolons)", async () => {
    const result = await harness.runner.run(csvPipeline("semicolon.csv", { dialect: { delimiter: ";" } }), "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsLoaded: 2, rowsRejected: 0 });
  });

  it("fails a run that rejects more than its limit, keeping the previous data", async () => {
    await harness.runner.run(csvPipeline("semicolon.csv", { dialect: { delimiter: ";" } }), "manual");
    const before = await fingerprint(harness.db, "test_measurements");
    const result = await harness.runner.run(csvPipeline("measurements.csv", { maxRejectShare: 0.02 }), "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toBe("5 of 11 rows rejected (45.5 %), more than the limit of 2 %; see the rejects of run 2");
    expect(await fingerprint(harness.db, "test_measurements")).toBe(before);
  });

  it("fails a structurally broken file (an unterminated quote) before publishing anything", async () => {
    const result = await harness.runner.run(csvPipeline("bad-quoting.csv"), "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/bad-quoting\.csv is not valid CSV at line 3: UNQUOTED VALUE/);
    const tables = await harness.db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'");
    expect(tables).toEqual([]);
  });

  it("fails on a dropped or renamed column, with the diff", async () => {
    const result = await harness.runner.run(csvPipeline("dropped-column.csv"), "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toBe("schema drift upstream: missing value; new concentration");
  });

  it("fails on a retyped column, with the diff", async () => {
    const result = await harness.runner.run(csvPipeline("retyped-column.csv"), "manual");
    expect(result.error).toBe("schema drift upstream: retyped value (expected DOUBLE, no value of 2 was one)");
  });

  it("publishes a file with an added column (in any order) and flags the run with a warning", async () => {
    const result = await harness.runner.run(csvPipeline("added-column.csv"), "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsLoaded: 2, warnings: 1 });
    expect(result.checks[0]).toMatchObject({ name: "schema_drift", level: "warn", passed: false, sample: ["unit"] });
    const columns = await harness.db.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'test_measurements' ORDER BY ordinal_position",
    );
    expect(columns.map((c) => c.column_name)).toEqual(["station_number", "formula", "value", "timestamp_measured"]);
  });
});
