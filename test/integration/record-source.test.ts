import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { definePipeline } from "../../src/pipelines/framework/define-pipeline.ts";
import { pagesByNextLink } from "../../src/pipelines/framework/paging.ts";
import { startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import type { RecordSource } from "../../src/pipelines/framework/source.ts";
import { geojsonFile, jsonFile } from "../../src/pipelines/sources/files.ts";
import { fixturesDir, fingerprint, measurementSchema, openHarness, type Harness } from "../support/pipeline-harness.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await openHarness();
});
afterEach(() => harness.close());

/** A record source serving the given pages, so each test states its upstream data inline. */
const pages = (...batches: unknown[][]): RecordSource => ({
  kind: "records",
  describe: "inline test pages",
  async *extract() {
    for (const [i, records] of batches.entries()) yield { origin: `page ${i + 1}`, records };
  },
});

const measurement = (hour: number, value: unknown = 10 + hour, extra: Record<string, unknown> = {}) => ({
  station_number: "NL10938",
  formula: "NO2",
  value,
  timestamp_measured: `2024-01-01T${String(hour).padStart(2, "0")}:00:00+00:00`,
  ...extra,
});

const pipelineOf = (source: RecordSource, mode: "replace" | "append" | "upsert" = "upsert") =>
  definePipeline({
    name: "test-records",
    title: { nl: "Test", en: "Test" },
    schedule: "0 * * * *",
    source,
    schema: measurementSchema,
    mode,
    key: mode === "append" ? [] : ["station_number", "formula", "timestamp_measured"],
    maxRejectShare: 0.5,
    attribution: { source: "test", licence: "CC0" },
  });

describe("a record source", () => {
  it("casts set-wise and quarantines values of the wrong type with page, position and column", async () => {
    const result = await harness.runner.run(pipelineOf(pages([measurement(1), measurement(2, "12.5")], [measurement(3, null), measurement(4)])), "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 4, rowsLoaded: 2, rowsRejected: 2 });
    const rejects = await harness.db.query("SELECT origin, line, column_name, reason FROM meta.rejects ORDER BY origin, line");
    expect(rejects).toEqual([
      { origin: "page 1", line: 2, column_name: "value", reason: "not a valid double" },
      { origin: "page 2", line: 1, column_name: "value", reason: "is required" },
    ]);
  });

  it("fails on a retyped or dropped field with the diff, and warns on a new one", async () => {
    const retyped = await harness.runner.run(pipelineOf(pages([measurement(1, "low"), measurement(2, "high")])), "manual");
    expect(retyped.error).toBe("schema drift upstream: retyped value (expected DOUBLE, no value of 2 was one)");
    const dropped = await harness.runner.run(pipelineOf(pages([{ ...measurement(1), formula: undefined }])), "manual");
    expect(dropped.error).toBe("schema drift upstream: missing formula");
    const added = await harness.runner.run(pipelineOf(pages([measurement(1, 5, { unit: "µg/m³" })])), "manual");
    expect(added).toMatchObject({ status: "succeeded", warnings: 1 });
    expect(added.checks[0]).toMatchObject({ name: "schema_drift", passed: false, sample: ["unit"] });
  });

  it.each(["replace", "upsert"] as const)("gives the same table when a %s run is repeated on the same input", async (mode) => {
    const pipeline = pipelineOf(pages([measurement(1), measurement(2), measurement(3)]), mode);
    await harness.runner.run(pipeline, "manual");
    const first = await fingerprint(harness.db, "test_records");
    await harness.runner.run(pipeline, "manual");
    expect(await fingerprint(harness.db, "test_records")).toBe(first);
    expect(first.startsWith("3:")).toBe(true);
  });

  it("upserts by key: changed rows replace old ones, new rows are added", async () => {
    await harness.runner.run(pipelineOf(pages([measurement(1), measurement(2)])), "manual");
    await harness.runner.run(pipelineOf(pages([measurement(2, 99), measurement(3)])), "manual");
    const rows = await harness.db.query("SELECT value FROM main.test_records ORDER BY timestamp_measured");
    expect(rows.map((r) => r.value)).toEqual([11, 99, 13]);
  });

  it("appends in append mode", async () => {
    const pipeline = pipelineOf(pages([measurement(1)]), "append");
    await harness.runner.run(pipeline, "manual");
    await harness.runner.run(pipeline, "manual");
    expect(await fingerprint(harness.db, "test_records")).toMatch(/^2:/);
  });

  it("replaces in replace mode, dropping rows that are gone upstream", async () => {
    await harness.runner.run(pipelineOf(pages([measurement(1), measurement(2)]), "replace"), "manual");
    await harness.runner.run(pipelineOf(pages([measurement(3)]), "replace"), "manual");
    expect(await harness.db.query("SELECT value FROM main.test_records")).toEqual([{ value: 13 }]);
  });
});

describe("records that arrive more than once", () => {
  it("keeps a record that arrives on two pages once, also when its JSON is written differently", async () => {
    const sameHourOtherwiseWritten = { timestamp_measured: "2024-01-01T02:00:00Z", value: 12, formula: "NO2", station_number: "NL10938" };
    const result = await harness.runner.run(pipelineOf(pages([measurement(1), measurement(2)], [sameHourOtherwiseWritten, measurement(3)])), "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 4, rowsLoaded: 3, rowsRejected: 0, rowsDuplicate: 1, warnings: 0 });
    expect(await harness.db.query("SELECT value FROM main.test_records ORDER BY timestamp_measured")).toEqual([{ value: 11 }, { value: 12 }, { value: 13 }]);
    expect(await harness.db.query("SELECT rows_duplicate FROM meta.pipeline_runs WHERE run_id = $1", [result.runId])).toEqual([{ rows_duplicate: 1 }]);
    expect(await harness.db.query("SELECT count(*) AS n FROM meta.rejects")).toEqual([{ n: 0 }]);
  });

  it("loads the valid copy of a key whose other copy breaks a rule, rejecting only that one", async () => {
    const result = await harness.runner.run(pipelineOf(pages([measurement(1), measurement(2, 12)], [measurement(2, "n/a")])), "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 3, rowsLoaded: 2, rowsRejected: 1, rowsDuplicate: 0 });
    expect(await harness.db.query("SELECT value FROM main.test_records ORDER BY timestamp_measured")).toEqual([{ value: 11 }, { value: 12 }]);
    expect(await harness.db.query("SELECT origin, column_name, reason FROM meta.rejects")).toEqual([
      { origin: "page 2", column_name: "value", reason: "not a valid double" },
    ]);
  });

  it("quarantines each version of a key that arrives with different values, naming the key and both values, and publishes the rest", async () => {
    // Hour 2 arrives three times: twice as 12.3, once as 12.9.
    const result = await harness.runner.run(
      pipelineOf(pages([measurement(1), measurement(2, 12.3)], [measurement(2, 12.3), measurement(2, 12.9), measurement(3), measurement(4)])),
      "manual",
    );
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 6, rowsLoaded: 3, rowsRejected: 2, rowsDuplicate: 1 });
    expect(await harness.db.query("SELECT value FROM main.test_records ORDER BY timestamp_measured")).toEqual([{ value: 11 }, { value: 13 }, { value: 14 }]);
    const rejects = await harness.db.query("SELECT origin, line, column_name, reason, reason_nl, raw FROM meta.rejects ORDER BY origin, line");
    const key = "station_number NL10938, formula NO2, timestamp_measured 2024-01-01T02:00:00Z";
    const reason = {
      reason: `same key (${key}) arrived with different values: value 12.3 and 12.9`,
      reason_nl: `dezelfde sleutel (${key}) kwam binnen met verschillende waarden: value 12.3 en 12.9`,
    };
    expect(rejects).toEqual([
      { origin: "page 1", line: 2, column_name: "value", ...reason, raw: JSON.stringify(measurement(2, 12.3)) },
      { origin: "page 2", line: 2, column_name: "value", ...reason, raw: JSON.stringify(measurement(2, 12.9)) },
    ]);
    expect(await harness.db.query("SELECT column_name, reason, reason_nl, rejected FROM meta.reject_counts")).toEqual([
      { column_name: "value", reason: "same key with different values", reason_nl: "dezelfde sleutel met verschillende waarden", rejected: 2 },
    ]);
  });
});

describe("file sources", () => {
  it("fails a truncated JSON file before writing anything", async () => {
    const result = await harness.runner.run(pipelineOf(jsonFile("json/truncated.json")), "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/truncated\.json: invalid JSON/);
    expect(await harness.db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")).toEqual([]);
  });

  it("reads a GeoJSON FeatureCollection, geometry as JSON, and quarantines bad features", async () => {
    const pipeline = definePipeline({
      name: "test-buurten",
      title: { nl: "Test", en: "Test" },
      schedule: "0 0 * * *",
      source: geojsonFile("geojson/buurten.geojson"),
      schema: z.object({ statcode: z.string().regex(/^BU\d{8}$/), statnaam: z.string(), geometry: z.object({ type: z.string() }) }),
      mode: "replace",
      key: ["statcode"],
      maxRejectShare: 0.5,
      attribution: { source: "test", licence: "CC0" },
    });
    const result = await harness.runner.run(pipeline, "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsLoaded: 2, rowsRejected: 1 });
    const rows = await harness.db.query("SELECT statcode, geometry->>'$.type' AS type FROM main.test_buurten ORDER BY statcode");
    expect(rows).toEqual([
      { statcode: "BU99990101", type: "Polygon" },
      { statcode: "BU99990102", type: "Polygon" },
    ]);
  });
});

describe("next-link paging", () => {
  let server: RecordedServer;
  beforeAll(async () => {
    server = await startRecordedServer(path.join(fixturesDir, "sensorthings"));
  });
  afterAll(() => server.close());

  it("follows @iot.nextLink pages, re-basing absolute links from the live API onto the configured URL", async () => {
    const context = {
      settings: { luchtmeetnet: { baseUrl: "" } },
      fetchJson: async (url: string) => (await fetch(url)).json(),
      now: new Date(0),
      query: async () => [],
      table: "t",
      signal: new AbortController().signal,
    };
    const results = [];
    for await (const page of pagesByNextLink(`${server.url}/Datastreams(7)/Observations`, context, {
      next: "@iot.nextLink",
      baseUrl: server.url,
      upstreamBase: "http://ignored.example/v1.0",
    })) {
      results.push(...page.records.map((r) => (r as { "@iot.id": number })["@iot.id"]));
    }
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests).toEqual([
      "/Datastreams(7)/Observations",
      "/Datastreams(7)/Observations?$skip=2&$top=2",
      "/Datastreams(7)/Observations?$skip=4&$top=2",
    ]);
  });
});
