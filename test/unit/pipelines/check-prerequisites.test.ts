/** What a go-live check of some pipelines runs first: the pipelines they read from, in registry order. */
import { describe, expect, it } from "vitest";
import { prerequisitesOf, withPrerequisites } from "../../../src/engine/pipelines/check-prerequisites.ts";
import { pipelines } from "../../../src/pipelines/index.ts";

describe("withPrerequisites", () => {
  it("adds the areas for a buurt and a referenced register, before the pipeline, in registry order", () => {
    expect(withPrerequisites(["inspections"]).map((p) => p.name)).toEqual(["areas", "establishments", "inspections"]);
    expect(withPrerequisites(["air-quality-measurements"]).map((p) => p.name)).toEqual(["areas", "air-quality-stations", "air-quality-measurements"]);
    expect(withPrerequisites(["areas"]).map((p) => p.name)).toEqual(["areas"]);
  });

  it("finds every registered pipeline's references (a renamed check would otherwise be missed)", () => {
    for (const pipeline of pipelines) {
      const references = pipeline.checks.filter((c) => c.name.startsWith("references("));
      const tables = prerequisitesOf(pipeline).map((name) => pipelines.find((p) => p.name === name)!.table);
      for (const check of references)
        expect(
          tables.some((table) => check.name.includes(` → ${table}.`)),
          `${pipeline.name}: ${check.name}`,
        ).toBe(true);
      // Registry order: what a pipeline reads from is registered before it.
      for (const name of prerequisitesOf(pipeline)) expect(pipelines.findIndex((p) => p.name === name)).toBeLessThan(pipelines.indexOf(pipeline));
    }
  });

  it("refuses an unknown name", () => {
    expect(() => withPrerequisites(["nope"])).toThrow("unknown pipeline: nope");
  });
});
