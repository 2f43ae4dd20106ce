import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acceptedValues, notNull, range, references, rowCountChange, unique, type Check } from "../../src/pipelines/framework/checks.ts";
import { definePipeline } from "../../src/pipelines/framework/define-pipeline.ts";
import type { Release } from "../../src/pipelines/framework/release-schedule.ts";
import { PipelineBusyError } from "../../src/pipelines/framework/run-pipeline.ts";
import type { RecordSource } from "../../src/pipelines/framework/source.ts";
import { z } from "zod";
import { fingerprint, openHarness, type Harness } from "../support/pipeline-harness.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await openHarness({ asOf: "2024-01-02T00:00:00Z" });
});
afterEach(() => harness.close());

type Row = { code: string; kind: string | null; level: number; measured_at: string };
const rows = (...items: Row[]): RecordSource => ({
  kind: "records",
  describe: "inline",
  async *extract() {
    yield { origin: "inline", records: items };
  },
});
const row = (code: string, level = 50, kind: string | null = "noise", measured_at = "2024-01-01T12:00:00Z"): Row => ({ code, kind, level, measured_at });

const pipelineOf = (source: RecordSource, checks: Check[], name = "test-complaints", freshness?: { column: string; release: Release }) =>
  definePipeline({
    name,
    title: { nl: "Test", en: "Test" },
    schedule: "0 * * * *",
    source,
    schema: z.object({ code: z.string(), kind: z.string().nullable(), level: z.number(), measured_at: z.iso.datetime() }),
    mode: "replace",
    key: ["code"],
    checks,
    freshness,
    attribution: { source: "test", licence: "CC0" },
  });

describe("declared checks", () => {
  it("keeps the previous version when an error-level check fails, naming the rule, count and sample keys", async () => {
    const good = rows(row("A"), row("B"), row("C"));
    const checks = [notNull(["kind"]), acceptedValues("kind", ["noise", "odour"]), range("level", { min: 0, max: 120 })];
    expect((await harness.runner.run(pipelineOf(good, checks), "manual")).status).toBe("succeeded");
    const before = await fingerprint(harness.db, "test_complaints");

    const bad = await harness.runner.run(pipelineOf(rows(row("A"), row("B", 50, "dust"), row("C", 50, "dust")), checks), "manual");
    expect(bad.status).toBe("failed");
    expect(bad.error).toBe("check accepted_values(kind) failed: 2 rows break the rule: kind in noise, odour (e.g. B; C)");
    expect(bad.checks.map((c) => [c.name, c.passed])).toEqual([
      ["unique(code)", true],
      ["not_null(kind)", true],
      ["accepted_values(kind)", false],
    ]);
    expect(await fingerprint(harness.db, "test_complaints")).toBe(before);
    const stored = await harness.db.query("SELECT name, passed, count, sample, message, message_nl FROM meta.check_results WHERE run_id = $1 ORDER BY name", [
      bad.runId,
    ]);
    expect(stored.find((c) => c.name === "accepted_values(kind)")).toMatchObject({
      passed: false,
      count: 2,
      sample: ["B", "C"],
      message: "2 rows break the rule: kind in noise, odour",
      message_nl: "2 rijen overtreden de regel: kind is een van noise, odour",
    });
    const [run] = await harness.db.query("SELECT error, error_nl FROM meta.pipeline_runs WHERE run_id = $1", [bad.runId]);
    expect(run).toEqual({
      error: bad.error,
      error_nl: "controle accepted_values(kind) mislukt: 2 rijen overtreden de regel: kind is een van noise, odour (bijv. B; C)",
    });
  });

  it("publishes with a visible flag when a warn-level check fails", async () => {
    const result = await harness.runner.run(pipelineOf(rows(row("A", 130), row("B")), [range("level", { max: 120 }, "warn")]), "manual");
    expect(result).toMatchObject({ status: "succeeded", warnings: 1 });
    const runs = await harness.db.query("SELECT status, warnings FROM meta.pipeline_runs WHERE run_id = $1", [result.runId]);
    expect(runs[0]).toEqual({ status: "succeeded", warnings: 1 });
    expect(await fingerprint(harness.db, "test_complaints")).toMatch(/^2:/);
  });

  it("checks not-null, unique and referential integrity against a published table", async () => {
    await harness.runner.run(pipelineOf(rows(row("noise"), row("odour")), [], "test-kinds"), "manual");
    const ref = references("kind", { table: "test_kinds", column: "code" });
    const ok = await harness.runner.run(pipelineOf(rows(row("A", 50, "noise")), [ref]), "manual");
    expect(ok.status).toBe("succeeded");
    const orphan = await harness.runner.run(pipelineOf(rows(row("A", 50, "dust")), [ref]), "manual");
    expect(orphan.error).toBe("check references(kind → test_kinds.code) failed: 1 rows break the rule: kind exists in test_kinds.code (e.g. A)");
    const missing = await harness.runner.run(pipelineOf(rows(row("A", 50, null)), [notNull(["kind"])]), "manual");
    expect(missing.error).toMatch(/^check not_null\(kind\) failed: 1 rows/);
    // A key given two values is quarantined before the checks (both versions), so here it is too many rejects.
    const duplicate = await harness.runner.run(pipelineOf(rows(row("A"), row("A", 60)), []), "manual");
    expect(duplicate).toMatchObject({
      status: "failed",
      rowsRejected: 2,
      error: `2 of 2 rows rejected (100.0 %), more than the limit of 2 %; see the rejects of run ${duplicate.runId}`,
    });
    const dupLevels = await harness.runner.run(pipelineOf(rows(row("A", 5), row("B", 5)), [unique(["level"], "warn")]), "manual");
    expect(dupLevels).toMatchObject({ status: "succeeded", warnings: 1 });
  });

  it("limits how much a table may shrink from one run to the next", async () => {
    const limit = [rowCountChange({ maxDropPercent: 25 })];
    await harness.runner.run(pipelineOf(rows(row("A"), row("B"), row("C"), row("D")), limit), "manual");
    const shrunk = await harness.runner.run(pipelineOf(rows(row("A"), row("B")), limit), "manual");
    expect(shrunk.error).toBe("check row_count_change failed: 4 → 2 rows (-50.0 %; allowed at most −25 %)");
    expect((await harness.runner.run(pipelineOf(rows(row("A"), row("B"), row("C")), limit), "manual")).status).toBe("succeeded");
  });

  it("judges freshness by the data's own newest timestamp", async () => {
    const fresh = { column: "measured_at", release: { kind: "feed", every: "hour", warnAfterHours: 6, staleAfterHours: 48, failRunWhenStale: true } } as const;
    const recent = await harness.runner.run(pipelineOf(rows(row("A", 5, "noise", "2024-01-01T23:00:00Z")), [], "test-complaints", fresh), "manual");
    expect(recent).toMatchObject({ status: "succeeded", warnings: 0 });
    const older = await harness.runner.run(pipelineOf(rows(row("A", 5, "noise", "2024-01-01T12:00:00Z")), [], "test-complaints", fresh), "manual");
    expect(older).toMatchObject({ status: "succeeded", warnings: 1 });
    expect(older.checks.find((c) => c.name === "freshness_warn(measured_at)")!.message).toEqual({
      nl: "nieuwste measured_at 2024-01-01T12:00:00Z is 12,0 u oud (grens 6 u)",
      en: "newest measured_at 2024-01-01T12:00:00Z is 12.0 h old (limit 6 h)",
    });
    const stale = await harness.runner.run(pipelineOf(rows(row("A", 5, "noise", "2023-12-01T00:00:00Z")), [], "test-complaints", fresh), "manual");
    expect(stale.status).toBe("failed");
    expect(stale.error).toMatch(/^check freshness_error\(measured_at\) failed: newest measured_at 2023-12-01T00:00:00Z is 768.0 h old \(limit 48 h\)/);
    // A release that does not fail a run when stale (a register, annual figures) publishes the newest there is, with a warning.
    const lenient = { column: "measured_at", release: { ...fresh.release, failRunWhenStale: false } } as const;
    const late = await harness.runner.run(pipelineOf(rows(row("A", 5, "noise", "2023-12-01T00:00:00Z")), [], "test-complaints", lenient), "manual");
    expect(late).toMatchObject({ status: "succeeded", warnings: 1 });
    expect(late.checks.filter((c) => c.name.startsWith("freshness")).map((c) => [c.name, c.level, c.passed])).toEqual([
      ["freshness_warn(measured_at)", "warn", false],
    ]);
  });
});

describe("the run lock in the database", () => {
  it("refuses a run while the database holds the pipeline's lock, and frees it when the run ends", async () => {
    const pipeline = pipelineOf(rows(row("A")), []);
    await harness.db.query("INSERT INTO meta.pipeline_locks VALUES ('test-complaints', 999, now()::TIMESTAMP)");
    await expect(harness.runner.run(pipeline, "manual")).rejects.toBeInstanceOf(PipelineBusyError);
    expect(await harness.db.query("SELECT count(*) AS n FROM meta.pipeline_runs")).toEqual([{ n: 0 }]);
    await harness.db.query("DELETE FROM meta.pipeline_locks");
    expect((await harness.runner.run(pipeline, "manual")).status).toBe("succeeded");
    expect(await harness.db.query("SELECT count(*) AS n FROM meta.pipeline_locks")).toEqual([{ n: 0 }]);
  });
});
