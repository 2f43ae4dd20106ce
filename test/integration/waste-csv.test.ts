/**
 * The waste export in both layouts: without the split of residual waste into fine and bulky (an
 * older export) and with it, where a year's split must add up to its residual waste within 0.5 kg.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import waste from "../../src/pipelines/waste.ts";
import { openHarness, type Harness } from "../support/pipeline-harness.ts";

let dir: string;
let harness: Harness;
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "mm-waste-"));
  mkdirSync(path.join(dir, "exports"));
  harness = await openHarness({ filesDir: dir });
});
afterEach(() => {
  harness.close();
  rmSync(dir, { recursive: true, force: true });
});

const writeWaste = (lines: string[]) => writeFileSync(path.join(dir, "exports", "waste.csv"), `${lines.join("\n")}\n`);
const published = () =>
  harness.db.query(
    "SELECT year, residual_kg_per_inhabitant AS residual, residual_fine_kg_per_inhabitant AS fine, residual_bulky_kg_per_inhabitant AS bulky FROM main.waste ORDER BY year",
  );
const NEW_HEADER = "year,residual_kg_per_inhabitant,separation_share,residual_fine_kg_per_inhabitant,residual_bulky_kg_per_inhabitant";

describe("the waste export", () => {
  it("loads an export without the split, which then has none", async () => {
    writeWaste(["year,residual_kg_per_inhabitant,separation_share", "2015,232.1,0.502", "2016,224.0,0.515"]);
    const result = await harness.runner.run(waste, "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect(await published()).toEqual([
      { year: 2015, residual: 232.1, fine: null, bulky: null },
      { year: 2016, residual: 224, fine: null, bulky: null },
    ]);
  });

  it("loads an export with the split, a year without it, and a split off by rounding within 0.5 kg", async () => {
    writeWaste([NEW_HEADER, "2015,232.1,0.502,199.6,32.5", "2016,224.0,0.515,,", "2017,216.3,0.531,184.0,32.0"]);
    const result = await harness.runner.run(waste, "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 });
    expect(await published()).toEqual([
      { year: 2015, residual: 232.1, fine: 199.6, bulky: 32.5 },
      { year: 2016, residual: 224, fine: null, bulky: null },
      { year: 2017, residual: 216.3, fine: 184, bulky: 32 },
    ]);
  });

  it("rejects a year whose fine and bulky residual waste do not add up to its residual waste, saying so", async () => {
    writeWaste([NEW_HEADER, "2015,232.1,0.502,199.6,32.5", "2016,224.0,0.515,190.0,30.0"]);
    const result = await harness.runner.run(waste, "manual");
    // One row a year: a rejected year fails the run, and the previous version stays.
    expect(result).toMatchObject({ status: "failed", rowsRejected: 1 });
    const rejects = await harness.db.query("SELECT line, column_name, reason, reason_nl FROM meta.rejects WHERE run_id = $1", [result.runId]);
    expect(rejects).toEqual([
      {
        line: 3,
        column_name: "residual_fine_kg_per_inhabitant",
        reason: "residual_fine_kg_per_inhabitant + residual_bulky_kg_per_inhabitant must add up to residual_kg_per_inhabitant, within 0.5 kg",
        reason_nl: "residual_fine_kg_per_inhabitant + residual_bulky_kg_per_inhabitant moeten samen residual_kg_per_inhabitant zijn, op 0,5 kg na",
      },
    ]);
  });
});
