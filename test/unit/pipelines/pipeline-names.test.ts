/**
 * Pipeline names are a type derived from the registry: naming a pipeline that does not exist, in an
 * indicator or in a list a cache is versioned by, does not compile. The `@ts-expect-error` lines are
 * the test (`npm run typecheck` fails when a misspelt name compiles); the assertions keep vitest honest.
 */
import { describe, expect, it } from "vitest";
import { findPipeline, pipelines, type PipelineName } from "../../../src/pipelines/index.ts";
import { versionOf, type PublishedRuns } from "../../../src/store/published-runs.ts";
import { LEGACY_TABLES } from "../../../src/store/rename-legacy-tables.ts";
import { defineTheme, municipalOnly, type IndicatorDefinition } from "../../../src/engine/themes/define-theme.ts";
import { releases } from "../../../src/engine/themes/release.ts";

const indicator = (pipelines: IndicatorDefinition["pipelines"]): IndicatorDefinition => ({
  id: "waste-test",
  name: { nl: "Test", en: "Test" },
  description: { nl: "Test", en: "Test" },
  unit: "kg",
  direction: "lower",
  sql: "SELECT 1",
  params: {},
  ...municipalOnly,
  pipelines,
  qualityTier: "validated",
  release: releases.cbsAnnual,
  norms: [],
});

describe("pipeline names", () => {
  it("are the registry's names", () => {
    const names: PipelineName[] = pipelines.map((p) => p.name);
    expect(names).toContain("air-quality-measurements");
    expect(findPipeline("air-quality-measurement")).toBeUndefined();
    expect(findPipeline("air-quality-measurements")?.table).toBe("air_quality_measurements");
  });

  it("do not compile when misspelt", () => {
    // @ts-expect-error not a pipeline: the registry has air-quality-measurements
    const misspelt: PipelineName = "air-quality-measurement";
    // @ts-expect-error an indicator names registered pipelines only
    const theme = defineTheme({ id: "t", name: { nl: "T", en: "T" }, indicators: [indicator(["waste", "air_quality_measurements"])] });
    const published: PublishedRuns = new Map([["waste", { runId: 1, finishedAt: null, version: "1.1" }]]);
    // @ts-expect-error a cache is versioned by registered pipelines only
    const version = versionOf(published, ["waste", "wastes"]);
    // @ts-expect-error asking whether a pipeline published takes a registered name
    const has = published.has("noise");
    expect([misspelt, theme.indicators[0]!.pipelines, version, has]).toEqual(["air-quality-measurement", ["waste", "air_quality_measurements"], null, false]);
  });
});

describe("the tables renamed from their names before issue 17", () => {
  it("are each renamed to a registered pipeline's table, and no old name is one", () => {
    const tables = new Set<string>(pipelines.map((p) => p.table));
    for (const [from, to] of Object.entries(LEGACY_TABLES)) {
      expect(tables.has(to), to).toBe(true);
      expect(tables.has(from), from).toBe(false);
    }
  });
});
