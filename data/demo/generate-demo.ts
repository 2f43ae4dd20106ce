/**
 * Generates the demo municipality deterministically from a seed, in the real sources' formats,
 * into a directory the demo's recorded upstream server serves.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { generateStationSeries } from "./air-quality.ts";
import { generateGeography } from "./geography.ts";
import { createRandom } from "./random.ts";
import { demoMunicipality, demoStations } from "./stations.ts";
import { writeMeasurements, writeStations } from "./write-luchtmeetnet.ts";
import { writeCbsKeyFigures } from "./write-cbs.ts";
import { writeThemeExports } from "./write-exports.ts";
import { writePdok } from "./write-pdok.ts";
import { writeRegisters } from "./write-registers.ts";
import { writeSensorThings } from "./write-sensorthings.ts";

/** The demo's CBS key-figures table id (fictional, in CBS's format). */
export const DEMO_CBS_TABLE = "85618NED";

/** Bump when the generated output changes, so existing demo folders are regenerated. */
export const DEMO_VERSION = 4;

export const DemoManifest = z.object({
  version: z.number(),
  seed: z.number(),
  municipality: z.object({ code: z.string(), name: z.string() }),
  luchtmeetnet: z.object({ dir: z.string(), from: z.string(), to: z.string() }),
  sensorthings: z.object({ from: z.string(), to: z.string() }),
});
export type DemoManifest = z.infer<typeof DemoManifest>;

export interface DemoOptions {
  seed?: number;
  from?: string;
  to?: string;
  /** Only the first n stations (small demos for fast tests). */
  stations?: number;
}

export function generateDemo(outDir: string, { seed = 20261123, from = "2022-01-01T00:00:00Z", to = "2026-01-01T00:00:00Z", stations = demoStations.length }: DemoOptions = {}): DemoManifest {
  rmSync(outDir, { recursive: true, force: true });
  const luchtmeetnetDir = path.join(outDir, "luchtmeetnet");
  mkdirSync(luchtmeetnetDir, { recursive: true });
  // Separate streams per dataset, so adding one never changes the others' values.
  const geography = generateGeography(createRandom(seed + 1));
  writePdok(path.join(outDir, "pdok"), geography);
  writeRegisters(path.join(outDir, "exports"), geography, createRandom(seed + 2), { asOf: new Date(to) });
  writeThemeExports(path.join(outDir, "exports"), geography, createRandom(seed + 3));
  const lastFullYear = new Date(to).getUTCFullYear() - 1;
  writeCbsKeyFigures(path.join(outDir, "cbs"), geography, createRandom(seed + 4), { fromYear: 2015, toYear: lastFullYear - 1, table: DEMO_CBS_TABLE });
  // Citizen sensors: the last eight weeks, hourly (years of them would only slow the demo down).
  const sensorsFrom = new Date(new Date(to).getTime() - 56 * 86_400_000).toISOString().replace(".000Z", "Z");
  writeSensorThings(path.join(outDir, "sensorthings"), geography, createRandom(seed + 5), { from: new Date(sensorsFrom), to: new Date(to) });
  const random = createRandom(seed);
  const chosen = demoStations.slice(0, stations);
  writeStations(luchtmeetnetDir, chosen);
  for (const station of chosen) {
    const series = generateStationSeries(station, new Date(from), new Date(to), random);
    writeMeasurements(luchtmeetnetDir, station, series, new Date(from), new Date(to));
  }
  const manifest: DemoManifest = {
    version: DEMO_VERSION,
    seed,
    municipality: demoMunicipality,
    luchtmeetnet: { dir: "luchtmeetnet", from, to },
    sensorthings: { from: sensorsFrom, to },
  };
  // Written last: a folder without a manifest is an interrupted generation and is redone.
  writeFileSync(path.join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** The manifest of an existing, complete, current demo folder, or null. */
export function readDemoManifest(outDir: string): DemoManifest | null {
  try {
    const manifest = DemoManifest.parse(JSON.parse(readFileSync(path.join(outDir, "manifest.json"), "utf8")));
    return manifest.version === DEMO_VERSION ? manifest : null;
  } catch {
    return null;
  }
}
