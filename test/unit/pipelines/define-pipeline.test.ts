import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { definePipeline } from "../../../src/pipelines/framework/define-pipeline.ts";
import { pipelines } from "../../../src/pipelines/index.ts";
import { luchtmeetnetStations } from "../../../src/pipelines/sources/luchtmeetnet.ts";

const valid = {
  name: "example-dataset",
  title: { nl: "Voorbeeld", en: "Example" },
  schedule: "0 * * * *",
  source: luchtmeetnetStations,
  schema: z.object({ id: z.string(), value: z.number() }),
  mode: "upsert" as const,
  key: ["id"],
  attribution: { source: "Example", licence: "CC0" },
};

describe("definePipeline", () => {
  it("accepts a valid definition, whose table is named after it", () => {
    const pipeline = definePipeline(valid);
    expect(pipeline.name).toBe("example-dataset");
    expect(pipeline.table).toBe("example_dataset");
  });

  it("takes no table of its own: the name decides it", () => {
    // @ts-expect-error a pipeline cannot name its table
    expect(() => definePipeline({ ...valid, table: "elsewhere" })).toThrow("table must not be given: a pipeline publishes the table named after it");
  });

  it.each([
    [{ schedule: "hourly" }, 'schedule must be a cron expression like "0 * * * *", got "hourly"'],
    [{ name: "Drop Table" }, 'name must be kebab-case like "air-quality-hourly", got "Drop Table"'],
    [{ key: ["Drop Table"] }, 'must be a lower_snake_case SQL identifier, got "Drop Table"'],
    [{ key: [] }, "an upsert pipeline needs key columns"],
    [{ key: ["nope"] }, "every key column must be a field of the schema"],
    [{ mode: "merge" }, "mode"],
  ])("rejects %o with a message saying how to fix it", (change, message) => {
    expect(() => definePipeline({ ...valid, ...change } as typeof valid)).toThrow(message);
  });
});

describe("the pipeline registry", () => {
  it("lists every pipeline file in src/pipelines/, once, under unique names and tables", () => {
    const dir = path.resolve(import.meta.dirname, "../../../src/pipelines");
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts");
    expect(pipelines.map((p) => `${p.name}.ts`).sort()).toEqual(files.sort());
    expect(new Set(pipelines.map((p) => p.table)).size).toBe(pipelines.length);
  });

  it("publishes each pipeline's data in the table named after it", () => {
    for (const pipeline of pipelines) expect(pipeline.table, pipeline.name).toBe(pipeline.name.replaceAll("-", "_"));
  });

  it("has every references() check point at a table some pipeline publishes", () => {
    const tables = new Set<string>(pipelines.map((p) => p.table));
    const targets = pipelines.flatMap((p) => p.checks.flatMap((c) => [...c.name.matchAll(/^references\(.* → ([a-z0-9_]+)\./g)].map((m) => m[1])));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(tables, target).toContain(target);
  });
});
