/**
 * The demo's theme exports, written by the generator and read by their pipelines end to end against
 * a real DuckDB, with the demo's areas published first so buurt codes and tree locations are checked.
 */
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateGeography } from "../../data/demo/geography.ts";
import { createRandom } from "../../data/demo/random.ts";
import { writeThemeExports } from "../../data/demo/write-exports.ts";
import { writePdok } from "../../data/demo/write-pdok.ts";
import areas from "../../src/pipelines/areas.ts";
import co2Emissions from "../../src/pipelines/co2-emissions.ts";
import energyUse from "../../src/pipelines/energy-use.ts";
import type { PipelineDefinition } from "../../src/pipelines/framework/define-pipeline.ts";
import { startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import type { RunResult } from "../../src/pipelines/framework/run-pipeline.ts";
import greenHeat from "../../src/pipelines/green-heat.ts";
import noiseExposure from "../../src/pipelines/noise-exposure.ts";
import renewableEnergy from "../../src/pipelines/renewable-energy.ts";
import trees from "../../src/pipelines/trees.ts";
import waste from "../../src/pipelines/waste.ts";
import { openHarness, type Harness } from "../support/pipeline-harness.ts";

const SEED = 42;
const geography = generateGeography(createRandom(7));
const themePipelines = [co2Emissions, renewableEnergy, energyUse, noiseExposure, trees, greenHeat, waste];

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mm-exports-"));
  dirs.push(dir);
  return dir;
}
function exportsWith(seed: number): string {
  const dir = tempDir();
  writeThemeExports(path.join(dir, "exports"), geography, createRandom(seed));
  return dir;
}

let demoDir: string;
let server: RecordedServer;
let harness: Harness;
const results = new Map<string, RunResult>();

beforeAll(async () => {
  demoDir = exportsWith(SEED);
  writePdok(path.join(demoDir, "pdok"), geography);
  server = await startRecordedServer(path.join(demoDir, "pdok"));
  harness = await openHarness({ filesDir: demoDir, pdok: { baseUrl: server.url, municipalityCode: "GM9999" } });
  expect((await harness.runner.run(areas, "manual")).status).toBe("succeeded");
  for (const pipeline of themePipelines) results.set(pipeline.name, await harness.runner.run(pipeline, "manual"));
});
afterAll(async () => {
  harness?.close();
  await server?.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const query = (sql: string) => harness.db.query(sql);
const checkOf = (result: RunResult | undefined, prefix: string) => result?.checks.find((c) => c.name.startsWith(prefix));

describe("the theme exports of the demo municipality", () => {
  it("are deterministic: the same seed gives byte-identical files, another seed does not", () => {
    const again = path.join(exportsWith(SEED), "exports");
    const other = path.join(exportsWith(SEED + 1), "exports");
    const files = readdirSync(path.join(demoDir, "exports")).sort();
    expect(files).toEqual(["co2-emissions.csv", "energy-use.csv", "green-heat.csv", "noise-lden.csv", "renewable-energy.csv", "trees.csv", "waste.csv"]);
    for (const file of files) {
      const original = readFileSync(path.join(demoDir, "exports", file));
      expect(readFileSync(path.join(again, file)).equals(original), file).toBe(true);
      expect(readFileSync(path.join(other, file)).equals(original), file).toBe(false);
    }
  });

  it("load completely, without rejects or failed checks", () => {
    for (const pipeline of themePipelines) {
      const result = results.get(pipeline.name)!;
      expect(result, pipeline.name).toMatchObject({ status: "succeeded", rowsRejected: 0, warnings: 0 });
    }
    expect(results.get("co2-emissions")!.rowsLoaded).toBe(11 * 6);
    expect(results.get("renewable-energy")!.rowsLoaded).toBe(11 * 4);
    expect(results.get("energy-use")!.rowsLoaded).toBe(11 * 13);
    expect(results.get("noise-exposure")!.rowsLoaded).toBe(50 * 2 * 5);
    expect(results.get("green-heat")!.rowsLoaded).toBe(50 * 7);
    expect(results.get("waste")!.rowsLoaded).toBe(11);
    expect(results.get("trees")!.rowsLoaded).toBeGreaterThan(4900);
    expect(results.get("trees")!.rowsLoaded).toBeLessThan(5100);
    expect(checkOf(results.get("noise-exposure"), "references")).toMatchObject({ level: "warn", passed: true });
    expect(checkOf(results.get("green-heat"), "references")).toMatchObject({ level: "warn", passed: true });
  });

  it("emit CO2 at a 100k city's level, falling, with homes faster than traffic", async () => {
    const totals = await query("SELECT year, sum(kton_co2) AS total FROM main.co2_emissions GROUP BY year ORDER BY year");
    const first = totals[0]!.total as number;
    const last = totals[totals.length - 1]!.total as number;
    expect(first).toBeGreaterThan(600);
    expect(first).toBeLessThan(700);
    expect(last / first).toBeGreaterThan(0.65);
    expect(last / first).toBeLessThan(0.85);
    const change = await query(
      `SELECT sector, max(kton_co2) FILTER (year = 2025) / max(kton_co2) FILTER (year = 2015) AS ratio FROM main.co2_emissions GROUP BY sector`,
    );
    const ratio = Object.fromEntries(change.map((r) => [r.sector, r.ratio as number]));
    expect(ratio.built_environment_homes).toBeLessThan(ratio.traffic!);
  });

  it("generate ever more renewable energy, solar fastest", async () => {
    const growth = await query(
      `SELECT source, max(tj) FILTER (year = 2025) / max(tj) FILTER (year = 2015) AS ratio FROM main.renewable_energy GROUP BY source ORDER BY ratio DESC`,
    );
    expect(growth[0]).toMatchObject({ source: "solar_pv" });
    expect(growth[0]!.ratio).toBeGreaterThan(3);
  });

  it("use energy at a 100k city's level, homes leaving gas and traffic going electric", async () => {
    const [total] = await query("SELECT sum(tj) FILTER (year = 2015) AS first, sum(tj) FILTER (year = 2025) AS last FROM main.energy_use");
    expect(total!.first).toBeGreaterThan(7000);
    expect(total!.first).toBeLessThan(9000);
    expect(total!.last).toBeLessThan(total!.first as number);
    const change = await query(
      `SELECT sector || '/' || carrier AS use, max(tj) FILTER (year = 2025) / max(tj) FILTER (year = 2015) AS ratio FROM main.energy_use GROUP BY ALL`,
    );
    const ratio = Object.fromEntries(change.map((r) => [r.use, r.ratio as number]));
    expect(ratio["built_environment_homes/natural_gas"]).toBeLessThan(0.8);
    expect(ratio["traffic/electricity"]).toBeGreaterThan(5);
  });

  it("produce less residual waste and separate more of it", async () => {
    const [first, last] = await query("SELECT * FROM main.waste WHERE year IN (2015, 2025) ORDER BY year");
    expect(first!.residual_kg_per_inhabitant).toBeGreaterThan(215);
    expect(last!.residual_kg_per_inhabitant).toBeLessThan(170);
    expect(last!.separation_share).toBeGreaterThan((first!.separation_share as number) + 0.1);
    // Split into fine and bulky (about 85 / 15 %) every year but one, adding up to the residual exactly.
    const split = await query(
      "SELECT year, residual_fine_kg_per_inhabitant / residual_kg_per_inhabitant AS fine_share, residual_fine_kg_per_inhabitant + residual_bulky_kg_per_inhabitant - residual_kg_per_inhabitant AS off FROM main.waste ORDER BY year",
    );
    expect(split.filter((r) => r.fine_share === null).map((r) => r.year)).toEqual([2016]);
    for (const row of split.filter((r) => r.fine_share !== null)) {
      expect(row.fine_share as number).toBeGreaterThan(0.8);
      expect(row.fine_share as number).toBeLessThan(0.9);
      expect(Math.abs(row.off as number)).toBeLessThan(1e-9);
    }
  });

  it("give noise-class shares that sum to 1 per buurt and round, quieter in the later round", async () => {
    const off = await query("SELECT buurt_code, year FROM main.noise_exposure GROUP BY ALL HAVING abs(sum(share) - 1) > 1e-9");
    expect(off).toEqual([]);
    const loud = await query("SELECT year, avg(share) AS share FROM main.noise_exposure WHERE class <> 'le55' GROUP BY year ORDER BY year");
    expect(loud[1]!.share).toBeLessThan(loud[0]!.share as number);
  });

  it("place every tree in a buurt, more of them in green buurten", async () => {
    expect(checkOf(results.get("trees"), "buurt_assignment")).toMatchObject({ passed: true, count: 0 });
    expect(await query("SELECT count(*) AS n FROM main.trees WHERE buurt_code IS NULL")).toEqual([{ n: 0 }]);
    const byGreen = await query(
      `SELECT g.green_share > 0.3 AS green, count(*) / count(DISTINCT t.buurt_code) AS per_buurt
       FROM main.trees t JOIN main.green_heat g ON g.buurt_code = t.buurt_code AND g.year = 2019 GROUP BY ALL ORDER BY green`,
    );
    expect(byGreen[1]!.per_buurt).toBeGreaterThan(byGreen[0]!.per_buurt as number);
  });

  it("rate heat stress higher where there is less green, and let green grow on average", async () => {
    const heat = await query("SELECT green_share < 0.2 AS grey, avg(heat_stress_class) AS heat FROM main.green_heat GROUP BY ALL ORDER BY grey");
    expect(heat[1]!.heat).toBeGreaterThan(heat[0]!.heat as number);
    const green = await query("SELECT year, avg(green_share) AS green FROM main.green_heat WHERE year IN (2019, 2025) GROUP BY year ORDER BY year");
    expect(green[1]!.green).toBeGreaterThan(green[0]!.green as number);
  });
});

/** One bad line per file, appended to the generated export; what the pipeline must make of it. */
const badRows: { pipeline: PipelineDefinition; file: string; line: string; column: string; reason: RegExp }[] = [
  { pipeline: co2Emissions, file: "co2-emissions.csv", line: "2024,shipping,12.0", column: "sector", reason: /^must be one of / },
  { pipeline: renewableEnergy, file: "renewable-energy.csv", line: "2026,solar_pv,-5", column: "tj", reason: /^must be at least 0$/ },
  { pipeline: energyUse, file: "energy-use.csv", line: "2026,households,electricity,400", column: "sector", reason: /^must be one of / },
  { pipeline: noiseExposure, file: "noise-lden.csv", line: "BU9999010,2022,le55,0.5", column: "buurt_code", reason: /^buurt_code must be a CBS code/ },
  { pipeline: trees, file: "trees.csv", line: "B999999,Tilia x europaea,1990,52.09,5.12", column: "lon", reason: /^must be at most 7.5$/ },
  { pipeline: greenHeat, file: "green-heat.csv", line: "BU99990101,2026,n/a,3", column: "green_share", reason: /^CAST: / },
  { pipeline: waste, file: "waste.csv", line: "2026,140.0,1.2,120.0,20.0", column: "separation_share", reason: /^must be at most 1$/ },
];

describe.each(badRows)("a bad row in $file", ({ pipeline, file, line, column, reason }) => {
  it(`is quarantined with its line, column and reason (${column})`, async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "exports"));
    const target = path.join(dir, "exports", file);
    copyFileSync(path.join(demoDir, "exports", file), target);
    appendFileSync(target, `${line}\n`);
    const lines = readFileSync(target, "utf8").trimEnd().split("\n").length;
    const broken = await openHarness({ filesDir: dir });
    try {
      const result = await broken.runner.run(pipeline, "manual");
      expect(result).toMatchObject({ rowsRead: lines - 1, rowsRejected: 1 });
      const rejects = await broken.db.query("SELECT line, column_name, reason FROM meta.rejects WHERE run_id = $1", [result.runId]);
      expect(rejects).toHaveLength(1);
      expect(rejects[0]).toMatchObject({ line: lines, column_name: column });
      expect(rejects[0]!.reason).toMatch(reason);
      if (pipeline.maxRejectShare === 0) {
        // Yearly series that are summed or charted per year: a partial version is worse than the last one.
        expect(result.status).toBe("failed");
        expect(await broken.db.query("SELECT table_name FROM information_schema.tables WHERE table_name = $1", [pipeline.table])).toEqual([]);
      } else {
        expect(result).toMatchObject({ status: "succeeded", rowsLoaded: lines - 2 });
      }
    } finally {
      broken.close();
    }
  });
});
