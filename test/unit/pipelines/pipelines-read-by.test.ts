/**
 * A table is named after its pipeline, so the SQL says which pipelines an answer depends on: the lists
 * that version caches are derived from it, and every table the server's SQL names is a pipeline's.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pipelines } from "../../../src/pipelines/index.ts";
import { pipelinesReadBy } from "../../../src/engine/pipelines/pipelines-read-by.ts";
import { HIERARCHY_PIPELINES } from "../../../src/engine/themes/area-hierarchy.ts";
import { themes } from "../../../src/engine/themes/index.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file, ext) : entry.name.endsWith(ext) ? [file] : [];
  });
}

describe("pipelinesReadBy", () => {
  it("names the pipelines whose tables the SQL reads, in registry order, quoted or not, not those in comments", () => {
    const sql = `-- reads main.waste too, in a comment
      SELECT * FROM main."air_quality_measurements" m JOIN main.air_quality_stations s ON s.number = m.station_number, main.areas`;
    expect(pipelinesReadBy(sql)).toEqual(["areas", "air-quality-stations", "air-quality-measurements"]);
    expect(pipelinesReadBy("SELECT 1", "SELECT * FROM main.trees", "SELECT * FROM main.trees t")).toEqual(["trees"]);
  });

  it("fails on a table no pipeline publishes, such as one under its name from before", () => {
    expect(() => pipelinesReadBy("SELECT * FROM main.air_measurements")).toThrow("the SQL reads main.air_measurements, which no pipeline publishes");
  });

  it("gives the lists that were kept by hand before", () => {
    expect(HIERARCHY_PIPELINES).toEqual(["areas", "area-key-figures"]);
    expect(pipelinesReadBy(read("src/engine/alerts/sql/latest-daily-means.sql"))).toEqual(["air-quality-stations", "air-quality-measurements"]);
  });
});

describe("the server's SQL", () => {
  it("reads only tables that pipelines publish, in every .sql file and every indicator's SQL", () => {
    const files = filesUnder("src", ".sql").filter((f) => !f.startsWith(path.join("src", "store")));
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) expect(() => pipelinesReadBy(read(file)), file).not.toThrow();
    const indicators = themes.flatMap((t) => t.indicators);
    expect(indicators.length).toBeGreaterThan(10);
    for (const indicator of indicators) expect(() => pipelinesReadBy(indicator.sql), indicator.id).not.toThrow();
  });

  it("names only pipelines' tables after main. in the TypeScript, too", () => {
    const tables = new Set<string>(pipelines.map((p) => p.table));
    for (const file of filesUnder("src", ".ts")) {
      const named = [...read(file).matchAll(/(?<![\w/.])main\."?([a-z0-9_]+)/g)].map((m) => m[1]!).filter((t) => t !== "ts");
      for (const table of named) expect(tables, `${file}: main.${table}`).toContain(table);
    }
  });

  it("has each indicator list every pipeline whose table its SQL reads", () => {
    for (const indicator of themes.flatMap((t) => t.indicators)) {
      const readBySql = pipelinesReadBy(indicator.sql);
      expect(readBySql.length, indicator.id).toBeGreaterThan(0);
      expect(indicator.pipelines, indicator.id).toEqual(expect.arrayContaining(readBySql));
    }
  });
});
