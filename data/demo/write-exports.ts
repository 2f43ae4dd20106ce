/**
 * Writes the demo municipality's own theme exports as CSV files (comma-separated, with a header,
 * dot decimals), the way its departments drop them for the file pipelines to read.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buurtProfiles } from "./buurt-profile.ts";
import { greenHeatRows, noiseRows } from "./exports-buurt.ts";
import { co2Rows, energyUseRows, renewableRows, wasteRows, type Row } from "./exports-city.ts";
import { treeRows } from "./exports-trees.ts";
import type { DemoGeography } from "./geography.ts";
import { createRandom, type Random } from "./random.ts";

/** Quotes a field only when CSV needs it; the generators never write a delimiter, but stay safe. */
function field(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeCsv(dir: string, name: string, header: string[], rows: Row[]): void {
  const lines = [header, ...rows].map((row) => row.map(field).join(","));
  writeFileSync(path.join(dir, name), `${lines.join("\n")}\n`);
}

export function writeThemeExports(dir: string, geography: DemoGeography, random: Random): void {
  mkdirSync(dir, { recursive: true });
  // One stream per file, seeded from the given one in a fixed order, so changing one dataset's
  // generator never shifts another's values; a new file takes a new stream at the end.
  const [profiles, co2, renewable, noise, trees, green, waste, energy] = Array.from({ length: 8 }, () => createRandom(Math.floor(random.next() * 2 ** 32)));
  const buurten = buurtProfiles(geography, profiles!);
  writeCsv(dir, "co2-emissions.csv", ["year", "sector", "kton_co2"], co2Rows(co2!));
  writeCsv(dir, "renewable-energy.csv", ["year", "source", "tj"], renewableRows(renewable!));
  writeCsv(dir, "energy-use.csv", ["year", "sector", "carrier", "tj"], energyUseRows(energy!));
  writeCsv(dir, "noise-lden.csv", ["buurt_code", "year", "class", "share"], noiseRows(buurten, noise!));
  writeCsv(dir, "trees.csv", ["tree_id", "species", "planting_year", "lon", "lat"], treeRows(buurten, trees!));
  writeCsv(dir, "green-heat.csv", ["buurt_code", "year", "green_share", "heat_stress_class"], greenHeatRows(buurten, green!));
  writeCsv(
    dir,
    "waste.csv",
    ["year", "residual_kg_per_inhabitant", "separation_share", "residual_fine_kg_per_inhabitant", "residual_bulky_kg_per_inhabitant"],
    wasteRows(waste!),
  );
}
