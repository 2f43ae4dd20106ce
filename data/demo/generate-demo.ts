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
import { checkScale, extraStations, sensorCountFor, stationCountFor } from "./scale.ts";
import { demoMunicipality, demoStations } from "./stations.ts";
import { writeMeasurements, writeStations } from "./write-luchtmeetnet.ts";
import { rivmHistory } from "./write-rivm.ts";
import { writeCbsKeyFigures } from "./write-cbs.ts";
import { writeThemeExports } from "./write-exports.ts";
import { nearestAddress, writeBag } from "./write-bag.ts";
import { writePdok } from "./write-pdok.ts";
import { writeRegisters } from "./write-registers.ts";
import { writeSensorThings } from "./write-sensorthings.ts";

/** The demo's CBS key-figures table id (fictional, in CBS's format). */
export const DEMO_CBS_TABLE = "85618NED";

/** Bump when the generated output changes, so existing demo folders are regenerated. */
export const DEMO_VERSION = 7;

export const DemoManifest = z.object({
  version: z.number(),
  seed: z.number(),
  /** See scale.ts; absent (scale 1) in the demo's own folder, which predates scales. */
  scale: z.number().default(1),
  municipality: z.object({ code: z.string(), name: z.string() }),
  /** The open API's recent hours: from the start of the last month, which RIVM has not published yet. */
  luchtmeetnet: z.object({ dir: z.string(), from: z.string(), to: z.string() }),
  /** RIVM's bulk files: the history from `from`, validated years and provisional months. */
  rivm: z.object({ dir: z.string(), from: z.string() }),
  sensorthings: z.object({ from: z.string(), to: z.string() }),
});
export type DemoManifest = z.infer<typeof DemoManifest>;

export interface DemoOptions {
  seed?: number;
  from?: string;
  to?: string;
  /** Only the first n stations (small demos for fast tests). */
  stations?: number;
  /** N > 1: 10·N stations and 50·N sensors, at least N million hourly measurements (see scale.ts). */
  scale?: number;
  /** Progress and a summary of what was written. */
  log?: (message: string) => void;
}

/** The default folder of the demo at a scale: data/demo/out, or data/demo/out-scale<N>. */
export function demoDirFor(scale: number): string {
  return path.join(import.meta.dirname, checkScale(scale) === 1 ? "out" : `out-scale${scale}`);
}

export function generateDemo(outDir: string, options: DemoOptions = {}): DemoManifest {
  const { seed = 20261123, from = "2022-01-01T00:00:00Z", to = "2026-01-01T00:00:00Z", scale = 1, log = () => {} } = options;
  const { stations = stationCountFor(scale) } = options;
  rmSync(outDir, { recursive: true, force: true });
  const luchtmeetnetDir = path.join(outDir, "luchtmeetnet");
  mkdirSync(luchtmeetnetDir, { recursive: true });
  // Separate streams per dataset, so adding one never changes the others' values.
  const geography = generateGeography(createRandom(seed + 1));
  writePdok(path.join(outDir, "pdok"), geography);
  // The BAG (addresses and footprints) from its own stream (seed + 9): adding it changed no other dataset.
  const bag = writeBag(path.join(outDir, "bag"), geography, createRandom(seed + 9), { timeStamp: to });
  const takenAddresses = new Set<string>();
  // Findings and complaints' places from their own stream (seed + 21): the registers above keep their values.
  writeRegisters(path.join(outDir, "exports"), geography, createRandom(seed + 2), {
    asOf: new Date(to),
    enforcement: createRandom(seed + 21),
    // Establishments at BAG addresses, so a dossier links to its address and the map shows its building.
    addressAt: (lon, lat, buurtCode) => nearestAddress(bag, lon, lat, buurtCode, takenAddresses),
  });
  writeThemeExports(path.join(outDir, "exports"), geography, createRandom(seed + 3));
  const lastFullYear = new Date(to).getUTCFullYear() - 1;
  writeCbsKeyFigures(path.join(outDir, "cbs"), geography, createRandom(seed + 4), { fromYear: 2015, toYear: lastFullYear - 1, table: DEMO_CBS_TABLE });
  // Citizen sensors: the last eight weeks, hourly (years of them would only slow the demo down).
  const sensorsFrom = new Date(new Date(to).getTime() - 56 * 86_400_000).toISOString().replace(".000Z", "Z");
  // At scale > 1, the sensors beyond the first 50 come from their own stream (seed + 8).
  const sensorCount = sensorCountFor(scale);
  const sensors = writeSensorThings(path.join(outDir, "sensorthings"), geography, createRandom(seed + 5), {
    from: new Date(sensorsFrom),
    to: new Date(to),
    ...(sensorCount > 50 ? { extra: { sensors: sensorCount - 50, random: createRandom(seed + 8) } } : {}),
  });
  const observations = sensors.reduce((sum, s) => sum + s.observations, 0);
  log(`${sensors.length} citizen sensors, ${observations.toLocaleString("en")} observations`);
  // The five stations of stations.ts draw from `seed`; stations beyond them are placed from seed + 6
  // and measured from seed + 7, so a larger scale never changes the first five.
  const all = [...demoStations, ...extraStations(Math.max(0, stations - demoStations.length), geography, createRandom(seed + 6))];
  const chosen = all.slice(0, stations);
  writeStations(luchtmeetnetDir, chosen);
  const random = createRandom(seed);
  const extraRandom = createRandom(seed + 7);
  // The history as RIVM's bulk files, the last month from the open API (as a municipality gets them).
  const split = historySplit(new Date(from), new Date(to));
  const history = rivmHistory(path.join(outDir, "rivm"), chosen, split);
  let measurements = 0;
  for (const [i, station] of chosen.entries()) {
    // One station's series at a time: memory stays bounded at any scale.
    const series = generateStationSeries(station, new Date(from), new Date(to), i < demoStations.length ? random : extraRandom);
    history.add(station, series);
    const recent = series.filter((m) => Date.parse(m.timestamp_measured) > split.apiFrom.getTime());
    writeMeasurements(luchtmeetnetDir, station, recent, split.apiFrom, new Date(to));
    measurements += series.length;
    if ((i + 1) % 25 === 0 && i + 1 < chosen.length) log(`${i + 1}/${chosen.length} stations, ${measurements.toLocaleString("en")} measurements`);
  }
  const inFiles = history.write();
  log(
    `${chosen.length} stations, ${measurements.toLocaleString("en")} measurements (${inFiles.toLocaleString("en")} in RIVM bulk files); ${(measurements + observations).toLocaleString("en")} hourly values in all`,
  );
  const manifest: z.input<typeof DemoManifest> = {
    version: DEMO_VERSION,
    seed,
    // Recorded from scale 2 up; a manifest without it is scale 1 (so the demo's own folder is unchanged).
    ...(scale === 1 ? {} : { scale }),
    municipality: demoMunicipality,
    luchtmeetnet: { dir: "luchtmeetnet", from: split.apiFrom.toISOString().replace(".000Z", "Z"), to },
    rivm: { dir: "rivm", from },
    sensorthings: { from: sensorsFrom, to },
  };
  // Written last: a folder without a manifest is an interrupted generation and is redone.
  writeFileSync(path.join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return DemoManifest.parse(manifest);
}

/**
 * Where the demo's history splits, as RIVM's publication does: the open API serves the last month
 * (from its first day), provisional monthly files the months before it that year (or all of the
 * year before, when the API month is January), validated yearly files the years before those.
 */
export function historySplit(from: Date, to: Date) {
  const last = new Date(to.getTime() - 1);
  const monthStart = Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), 1);
  // The files' months are in UTC+1: the API takes over from the hour ending at the month's first
  // midnight there (23:00 UTC the day before), so no hour falls between the two.
  const apiFrom = new Date(Math.max(from.getTime(), monthStart - 3_600_000));
  const fileMonth = new Date(monthStart);
  const january = fileMonth.getUTCMonth() === 0;
  const provisionalYear = january ? fileMonth.getUTCFullYear() - 1 : fileMonth.getUTCFullYear();
  return { apiFrom, fromYear: from.getUTCFullYear(), lastValidated: provisionalYear - 1, provisionalYear, lastMonth: january ? 12 : fileMonth.getUTCMonth() };
}

/**
 * The manifest of an existing, complete, current demo folder, or null. With `scale`, also null when
 * the folder holds another scale (so a caller asking for scale 10 regenerates it); without, any scale.
 */
export function readDemoManifest(outDir: string, { scale }: { scale?: number } = {}): DemoManifest | null {
  try {
    const manifest = DemoManifest.parse(JSON.parse(readFileSync(path.join(outDir, "manifest.json"), "utf8")));
    return manifest.version === DEMO_VERSION && (scale === undefined || manifest.scale === scale) ? manifest : null;
  } catch {
    return null;
  }
}
