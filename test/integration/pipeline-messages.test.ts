/**
 * What the pipeline framework says about a run reaches the analyst in Dutch and English through
 * GET /api/v1/pipelines/:name/runs/:runId: a failed check, the run's error, a quarantined row's
 * reason. Rows written by a version that stored only English text still read, in both languages.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { range } from "../../src/pipelines/framework/checks.ts";
import { definePipeline } from "../../src/pipelines/framework/define-pipeline.ts";
import { abandonInterruptedRuns } from "../../src/pipelines/framework/run-lock.ts";
import trees from "../../src/pipelines/trees.ts";
import { RunDetail, RunList } from "../../src/ground/contract/contract.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

const LEGACY_RUN = 1000;
let dir: string;
let monitor: TestMonitor;
let analyst: Login;

/**
 * A database as the monitor left it before run errors, check messages and reasons had a Dutch column
 * (its run is a month before the test clock, within the rejects' retention period).
 */
async function legacyDatabase(file: string): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(`CREATE SCHEMA meta;
    CREATE SEQUENCE meta.run_id START 1;
    CREATE TABLE meta.pipeline_runs (run_id BIGINT PRIMARY KEY DEFAULT nextval('meta.run_id'), pipeline VARCHAR NOT NULL, trigger VARCHAR NOT NULL, status VARCHAR NOT NULL,
      started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, rows_read BIGINT, rows_loaded BIGINT, rows_rejected BIGINT, error VARCHAR, warnings INTEGER DEFAULT 0);
    CREATE TABLE meta.check_results (run_id BIGINT NOT NULL, pipeline VARCHAR NOT NULL, name VARCHAR NOT NULL, level VARCHAR NOT NULL, passed BOOLEAN NOT NULL,
      count DOUBLE NOT NULL, sample VARCHAR[] NOT NULL, message VARCHAR NOT NULL);
    CREATE TABLE meta.rejects (run_id BIGINT NOT NULL, pipeline VARCHAR NOT NULL, origin VARCHAR NOT NULL, line BIGINT, column_name VARCHAR, reason VARCHAR NOT NULL, raw VARCHAR NOT NULL);
    INSERT INTO meta.pipeline_runs VALUES (${LEGACY_RUN}, 'trees', 'cli', 'failed', '2026-02-01 00:00:00', '2026-02-01 00:01:00', 3, 2, 1, 'check row_count_change failed: 4 → 2 rows', 0);
    INSERT INTO meta.check_results VALUES (${LEGACY_RUN}, 'trees', 'row_count_change', 'error', false, 2, [], '4 → 2 rows');
    INSERT INTO meta.rejects VALUES (${LEGACY_RUN}, 'trees', 'trees.csv', 3, 'lon', 'must be at most 7.5', 'B000003,Tilia,1990,9.1,52.1');`);
  connection.closeSync();
  instance.closeSync();
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "mm-messages-"));
  const file = path.join(dir, "legacy.duckdb");
  await legacyDatabase(file);
  monitor = await startTestMonitor(inject("demoDir"), { config: { MM_DB: file } });
  analyst = await login(monitor.url, "analyst");
});
afterAll(async () => {
  await monitor?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function runDetail(runId: number): Promise<RunDetail> {
  const response = await fetch(`${monitor.url}/api/v1/pipelines/trees/runs/${runId}`, { headers: { cookie: analyst.cookie } });
  expect(response.status).toBe(200);
  return RunDetail.parse(await response.json());
}

describe("pipeline messages in Dutch and English", () => {
  it("gives a failed error-level check and the run's error in both languages", async () => {
    // The demo register has trees planted after 1900: this declared range fails, as a real rule would.
    const result = await monitor.runner.run({ ...trees, checks: [range("planting_year", { max: 1900 })] }, "manual");
    expect(result.status).toBe("failed");
    const detail = await runDetail(result.runId);
    const check = detail.checks.find((c) => c.name === "range(planting_year)")!;
    expect(check.passed).toBe(false);
    expect(check.message.en).toBe(`${check.count} rows break the rule: -∞ ≤ planting_year ≤ 1900`);
    expect(check.message.nl).toBe(`${check.count} rijen overtreden de regel: -∞ ≤ planting_year ≤ 1900`);
    const sample = check.sample.join("; ");
    expect(detail.error).toEqual({
      en: `check range(planting_year) failed: ${check.message.en} (e.g. ${sample})`,
      nl: `controle range(planting_year) mislukt: ${check.message.nl} (bijv. ${sample})`,
    });
    // The buurt assignment ran before the checks; its warning is localised too.
    expect(detail.checks.find((c) => c.name === "buurt_assignment")!.message.nl).toMatch(/^\d+ van \d+ locaties liggen in een buurt$/);
    // The runner itself (CLI, logs) keeps the English text.
    expect(result.error).toBe(detail.error!.en);
  });

  it("gives quarantined rows' reasons, and a run failed on too many of them, in both languages", async () => {
    const strict = definePipeline({
      name: "trees",
      title: trees.title,
      schedule: trees.schedule,
      source: trees.source,
      // Only the first nine tree ids pass: the rest of the register is quarantined.
      schema: z.object({
        tree_id: z.string().regex(/^B00000\d$/),
        species: z.string(),
        planting_year: z.number().nullable(),
        lon: z.number(),
        lat: z.number(),
      }),
      mode: "replace",
      key: ["tree_id"],
      attribution: trees.attribution,
    });
    const result = await monitor.runner.run(strict, "manual");
    expect(result.status).toBe("failed");
    const detail = await runDetail(result.runId);
    expect(detail.rejectsTotal).toBe(result.rowsRejected);
    expect(detail.rejects.length).toBeGreaterThan(0);
    for (const row of detail.rejects) {
      expect(row).toMatchObject({ column: "tree_id", reason: { en: "must match ^B00000\\d$", nl: "moet passen bij het patroon ^B00000\\d$" } });
    }
    const share = ((result.rowsRejected / result.rowsRead) * 100).toFixed(1);
    expect(detail.error).toEqual({
      en: `${result.rowsRejected} of ${result.rowsRead} rows rejected (${share} %), more than the limit of 2 %; see the rejects of run ${result.runId}`,
      nl: `${result.rowsRejected} van ${result.rowsRead} rijen afgewezen (${share.replace(".", ",")} %), meer dan de grens van 2 %; zie de afgewezen rijen van run ${result.runId}`,
    });
  });

  it("gives schema drift and DuckDB's cast errors under the catalogue's wording in both languages", async () => {
    const retyped = definePipeline({
      name: "trees",
      title: trees.title,
      schedule: trees.schedule,
      source: trees.source,
      // The register's species are names, so no row can be read with this schema.
      schema: z.object({ tree_id: z.string(), species: z.number(), planting_year: z.number().nullable(), lon: z.number(), lat: z.number() }),
      mode: "replace",
      key: ["tree_id"],
      attribution: trees.attribution,
    });
    const result = await monitor.runner.run(retyped, "manual");
    expect(result.status).toBe("failed");
    const detail = await runDetail(result.runId);
    expect(detail.error).toEqual({
      en: `schema drift upstream: retyped species (expected DOUBLE, no value of ${result.rowsRead} was one)`,
      nl: `schemawijziging bij de bron: ander type: species (verwacht DOUBLE, geen van ${result.rowsRead} waarden was dat)`,
    });
    const [first] = detail.rejects;
    expect(first!.reason.en).toMatch(/^CAST: .+/);
    expect(first!.reason.nl).toBe(`regel niet te lezen (CAST): ${first!.reason.en.slice("CAST: ".length)}`);
  });

  it("gives the text of a run the process left unfinished in both languages", async () => {
    const [row] = await monitor.db.query(
      "INSERT INTO meta.pipeline_runs (pipeline, trigger, status, started_at) VALUES ('trees', 'cli', 'running', '2026-03-02 08:00:00') RETURNING run_id",
    );
    await abandonInterruptedRuns(monitor.db, new Date("2026-03-02T09:00:00Z"));
    const detail = await runDetail(Number(row!.run_id));
    expect(detail).toMatchObject({
      status: "abandoned",
      error: { en: "abandoned: the process stopped during this run", nl: "verlaten: het proces stopte tijdens deze run" },
    });
  });

  it("reads a run recorded with English text only, after the schema added the Dutch columns at start-up", async () => {
    const detail = await runDetail(LEGACY_RUN);
    const same = (text: string) => ({ nl: text, en: text });
    expect(detail.error).toEqual(same("check row_count_change failed: 4 → 2 rows"));
    expect(detail.checks.map((c) => c.message)).toEqual([same("4 → 2 rows")]);
    expect(detail.rejects.map((r) => r.reason)).toEqual([same("must be at most 7.5")]);
    const list = await fetch(`${monitor.url}/api/v1/pipelines/trees/runs?limit=100`, { headers: { cookie: analyst.cookie } });
    const { runs } = RunList.parse(await list.json());
    expect(runs.find((r) => r.runId === LEGACY_RUN)!.error).toEqual(same("check row_count_change failed: 4 → 2 rows"));
  });
});
