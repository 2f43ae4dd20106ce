/**
 * The air-quality history from RIVM's bulk files (src/pipelines/sources/rivm-bulk.ts), run for real
 * against a loopback upstream: bulk files in RIVM's layout (data/demo/write-rivm.ts: latin-1, `;`,
 * zone-less times in UTC+1) and the open API's recorded `{pagination, data}` answers, written into a
 * temporary folder per scenario. Real hourly PM2.5 of two Den Haag stations (test/fixtures/rivm/)
 * must arrive as it is; synthetic NO₂ series (data/demo/air-quality.ts) carry the slice scenarios:
 * tiers, both monthly layouts, a missing year, resuming, and a trial run.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateStationSeries, type Measurement } from "../../data/demo/air-quality.ts";
import { createRandom } from "../../data/demo/random.ts";
import { demoStations, type DemoStation } from "../../data/demo/stations.ts";
import { writeMeasurements, writeStations } from "../../data/demo/write-luchtmeetnet.ts";
import { rivmHistory } from "../../data/demo/write-rivm.ts";
import airQualityMeasurements from "../../src/pipelines/air-quality-measurements.ts";
import airQualityStations from "../../src/pipelines/air-quality-stations.ts";
import { createFetchJson } from "../../src/pipelines/framework/fetch-json.ts";
import { startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import { createRunner, type Runner, type RunnerDeps } from "../../src/pipelines/framework/run-pipeline.ts";
import type { SourceSettings } from "../../src/pipelines/framework/source.ts";
import { silentLogger } from "../../src/ground/logger.ts";
import type { Database } from "../../src/store/database.ts";
import { fingerprint, fixturesDir, openHarness, type Harness } from "../support/pipeline-harness.ts";
import { clock } from "../support/test-server.ts";

const HOUR = 3_600_000;
const TABLE = "air_quality_measurements";

/** A loopback upstream over a temporary folder: `rivm/` holds the bulk files, `luchtmeetnet/` the API's answers. */
interface Upstream {
  dir: string;
  server: RecordedServer;
  close(): Promise<void>;
}

async function openUpstream(build: (dir: string) => void): Promise<Upstream> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mm-rivm-"));
  build(dir);
  const server = await startRecordedServer(dir);
  return {
    dir,
    server,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The settings of a municipality reading history from `historyFrom` and the API's hours in [from, to]; "now" is asOf. */
function settingsFor(
  upstream: Upstream,
  { asOf, historyFrom, api, stations, rivmPath = "rivm" }: { asOf: string; historyFrom: string; api: [string, string]; stations?: string[]; rivmPath?: string },
): Partial<SourceSettings> {
  return {
    asOf,
    luchtmeetnet: { baseUrl: `${upstream.server.url}/luchtmeetnet`, from: api[0], to: api[1], ...(stations ? { stations } : {}) },
    rivm: { baseUrl: `${upstream.server.url}/${rivmPath}`, historyFrom, timeOffset: "+01:00" },
  };
}

/** Another runner on the same database (other settings, a fault hook, a trial). */
function runnerOn(db: Database, settings: Partial<SourceSettings>, deps: Partial<RunnerDeps> = {}): Runner {
  return createRunner({
    db,
    settings: { luchtmeetnet: { baseUrl: "http://127.0.0.1:9" }, filesDir: fixturesDir, ...settings },
    fetchJson: createFetchJson({ baseDelayMs: 5, retries: 2 }),
    clock,
    logger: silentLogger,
    ...deps,
  });
}

/** A database with the stations published (the measurements' reference check needs them). */
async function harnessWithStations(settings: Partial<SourceSettings>): Promise<Harness> {
  const harness = await openHarness(settings);
  expect((await harness.runner.run(airQualityStations, "manual")).status).toBe("succeeded");
  return harness;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
/** Hourly series whose hours end in (from, to], as the API dates them. */
const seriesOf = (station: DemoStation, from: string, to: string, seed: number) =>
  generateStationSeries(station, new Date(Date.parse(from) - HOUR), new Date(Date.parse(to) - HOUR), createRandom(seed));
const within = (series: Measurement[], from: string, to: string) =>
  series.filter((m) => Date.parse(m.timestamp_measured) > Date.parse(from) && Date.parse(m.timestamp_measured) <= Date.parse(to));
/** The API's own spelling of a time: `+00:00`, not `Z`. */
const asApi = (series: Measurement[], change: (value: number) => number = (v) => v) =>
  series.map((m) => ({ ...m, value: change(m.value), timestamp_measured: m.timestamp_measured.replace("Z", "+00:00") }));

/** Rows of the measurements table matching a condition written in this file. */
async function count(db: Database, where = "true"): Promise<number> {
  const rows = await db.query(`SELECT count(*)::INTEGER AS n FROM main.${TABLE} WHERE ${where}`);
  return Number(rows[0]!.n);
}

async function slices(db: Database): Promise<{ id: string; loaded: boolean; rowsReplaced: number | null }[]> {
  const rows = await db.query("SELECT slice_id, run_id, rows_replaced FROM meta.pipeline_slices WHERE pipeline = $1 ORDER BY position", [
    airQualityMeasurements.name,
  ]);
  return rows.map((r) => ({ id: String(r.slice_id), loaded: r.run_id !== null, rowsReplaced: r.rows_replaced === null ? null : Number(r.rows_replaced) }));
}

/** The real hourly PM2.5 of NL10404 and NL10450 (Bron: RIVM / Luchtmeetnet), as measurements of the demo's shape. */
function realPm25(): Measurement[] {
  const lines = readFileSync(path.join(fixturesDir, "rivm", "luchtmeetnet-pm25-gm0518-2023-episodes.csv"), "utf8")
    .trim()
    .split(/\r?\n/);
  expect(lines[0]).toBe("station_number,location,formula,timestamp_utc,value_ugm3");
  return lines.slice(1).map((line) => {
    const [station, , formula, stamp, value] = line.split(",");
    expect(formula).toBe("PM25");
    return { station_number: station!, formula: "PM25", value: Number(value), timestamp_measured: iso(Date.parse(stamp!.replace(" ", "T"))) };
  });
}

describe("real PM2.5 through the provisional monthly files and the open API", () => {
  // The stations measure NO₂ too: every monthly NO₂ file is there (the plan looks for a month by its NO₂ file).
  const denHaag: DemoStation[] = [
    { number: "NL10404", location: "Den Haag-Rebecquestraat", type: "background", lon: 4.289185, lat: 52.077148, base: { NO2: 24, PM25: 11 } },
    { number: "NL10450", location: "Den Haag-Neherkade", type: "traffic", lon: 4.318551, lat: 52.062537, base: { NO2: 31, PM25: 12 } },
  ];
  const real = realPm25();
  const API: [string, string] = ["2023-09-07T00:00:00Z", "2024-01-02T00:00:00Z"];
  let upstream: Upstream;

  beforeAll(async () => {
    upstream = await openUpstream((dir) => {
      writeStations(path.join(dir, "luchtmeetnet"), denHaag);
      // 2023 awaits validation: its months are provisional files; January 2024 is not complete yet.
      const history = rivmHistory(path.join(dir, "rivm"), denHaag, { fromYear: 2023, lastValidated: 2022, provisionalYear: 2023, lastMonth: 12 });
      for (const [i, station] of denHaag.entries()) {
        const no2 = seriesOf({ ...station, base: { NO2: station.base.NO2! } }, "2023-01-01T00:00:00Z", "2023-12-31T23:00:00Z", 40 + i);
        const pm25 = real.filter((m) => m.station_number === station.number);
        history.add(station, no2);
        history.add(station, pm25);
        // The API answers with the values as the file came from it, for every week asked.
        writeMeasurements(path.join(dir, "luchtmeetnet"), station, asApi(pm25), new Date(API[0]), new Date(API[1]));
      }
      history.write();
    });
  });
  afterAll(() => upstream?.close());

  it("loads every value, the 17 negative ones and the New Year peak at its UTC hour included, none rejected", async () => {
    expect(real).toHaveLength(191);
    expect(real.filter((m) => m.value < 0)).toHaveLength(17);
    const settings = settingsFor(upstream, { asOf: "2024-01-02T00:00:00Z", historyFrom: "2023-01-01", api: API, stations: ["NL10404", "NL10450"] });
    const harness = await harnessWithStations(settings);
    try {
      const result = await harness.runner.run(airQualityMeasurements, "manual");
      expect(result.error).toBeNull();
      expect(result).toMatchObject({ status: "succeeded", rowsRejected: 0 });

      const rows = await harness.db.query(
        `SELECT station_number, strftime(timestamp_measured, '%Y-%m-%dT%H:%M:%SZ') AS t, value, tier FROM main.${TABLE} WHERE formula = 'PM25' ORDER BY station_number, t`,
      );
      // Every real value at its own hour: a file read in the wrong zone would add shifted hours beside the API's.
      expect(rows.map((r) => [r.station_number, r.t, r.value])).toEqual(
        real.map((m) => [m.station_number, m.timestamp_measured, m.value]).sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)),
      );
      expect(rows.filter((r) => (r.value as number) < 0)).toHaveLength(17);
      expect(rows.filter((r) => (r.value as number) > 400)).toEqual([
        { station_number: "NL10404", t: "2024-01-01T00:00:00Z", value: 456.46, tier: "unvalidated" },
      ]);

      // The hours of 2023 (UTC+1 file time) came from the monthly files; the API's copies of them did not replace them.
      const provisional = rows.filter((r) => r.tier === "provisional");
      expect(provisional).toHaveLength(143);
      expect(provisional.every((r) => (r.t as string) <= "2023-12-31T23:00:00Z")).toBe(true);
      expect(rows.filter((r) => r.tier === "unvalidated").every((r) => (r.t as string) >= "2024-01-01T00:00:00Z")).toBe(true);
      // The last hour of the December file ends at 00:00 UTC+1 on New Year's Day: 23:00 UTC.
      expect(provisional.find((r) => r.station_number === "NL10404" && r.t === "2023-12-31T23:00:00Z")?.value).toBe(60.78);
      expect(upstream.server.requests).toContain("/rivm/Voorlopig-jaar/2023/2023_12_PM25.csv");
    } finally {
      harness.close();
    }
  });
});

describe("tiers: a validated year replaces its provisional months, and nothing replaces it", () => {
  // Two of the demo's stations, NO₂ only (the files stay small).
  const stations = demoStations.slice(0, 2).map((s): DemoStation => ({ ...s, base: { NO2: s.base.NO2! } }));
  const API: [string, string] = ["2024-12-23T00:00:00Z", "2025-01-03T00:00:00Z"];
  const raw = stations.map((station, i) => seriesOf(station, "2024-01-01T00:00:00Z", API[1], 10 + i));
  const of2024 = raw.map((series) => within(series, "2023-12-31T23:00:00Z", "2024-12-31T23:00:00Z"));
  /** Validation corrects the provisional values (here: a calibration factor). */
  const validate = (value: number) => Math.round(value * 95) / 100;
  const apiValue = (value: number) => Math.round((value + 1.5) * 10) / 10;
  let upstream: Upstream;

  beforeAll(async () => {
    upstream = await openUpstream((dir) => {
      writeStations(path.join(dir, "luchtmeetnet"), stations);
      const months = rivmHistory(path.join(dir, "rivm"), stations, { fromYear: 2024, lastValidated: 2023, provisionalYear: 2024, lastMonth: 12 });
      for (const [i, station] of stations.entries()) {
        months.add(station, raw[i]!);
        writeMeasurements(path.join(dir, "luchtmeetnet"), station, asApi(within(raw[i]!, ...API), apiValue), new Date(API[0]), new Date(API[1]));
      }
      months.write();
    });
  });
  afterAll(() => upstream?.close());

  it("loads 2024 as provisional months, then replaces them by the validated year, counting the rows replaced", async () => {
    const settings = settingsFor(upstream, { asOf: API[1], historyFrom: "2024-01-01", api: API });
    const harness = await harnessWithStations(settings);
    const in2024 = "timestamp_measured <= TIMESTAMP '2024-12-31 23:00:00'";
    const n2024 = of2024.flat().length;
    try {
      const first = await harness.runner.run(airQualityMeasurements, "manual");
      expect(first.error).toBeNull();
      expect(first.rowsReplaced).toBe(0);
      expect(await count(harness.db, `${in2024} AND tier = 'provisional'`)).toBe(n2024);
      expect(await count(harness.db, in2024)).toBe(n2024);
      expect((await slices(harness.db)).map((s) => s.id)).toEqual(Array.from({ length: 12 }, (_, m) => `provisional:2024-${String(m + 1).padStart(2, "0")}`));

      // RIVM publishes the validated 2024 file.
      const validated = rivmHistory(path.join(upstream.dir, "rivm"), stations, { fromYear: 2024, lastValidated: 2024, provisionalYear: 2025, lastMonth: 0 });
      for (const [i, station] of stations.entries()) {
        validated.add(
          station,
          of2024[i]!.map((m) => ({ ...m, value: validate(m.value) })),
        );
      }
      expect(validated.write()).toBe(n2024);

      const second = await harness.runner.run(airQualityMeasurements, "manual");
      expect(second.error).toBeNull();
      expect(second.rowsReplaced).toBe(n2024);
      expect(await count(harness.db, `${in2024} AND tier = 'validated'`)).toBe(n2024);
      expect(await count(harness.db, "tier = 'provisional'")).toBe(0);
      // The plan is the truth: the provisional months of 2024 are gone from the bookkeeping.
      expect(await slices(harness.db)).toEqual([{ id: "validated:2024", loaded: true, rowsReplaced: n2024 }]);
      const sample = of2024[0]![4000]!;
      const stored = await harness.db.query(`SELECT value, tier FROM main.${TABLE} WHERE station_number = $1 AND timestamp_measured = $2::TIMESTAMP`, [
        sample.station_number,
        sample.timestamp_measured,
      ]);
      expect(stored).toEqual([{ value: validate(sample.value), tier: "validated" }]);

      // A later run: the API's recent hours overlap the validated end of December and do not downgrade it.
      const before = await fingerprint(harness.db, TABLE);
      const asked = upstream.server.requests.length;
      const third = await harness.runner.run(airQualityMeasurements, "manual");
      expect(third.error).toBeNull();
      const requests = upstream.server.requests.slice(asked);
      expect(requests.some((r) => r.startsWith("/luchtmeetnet/measurements") && r.includes("start=2024-12-30"))).toBe(true);
      expect(requests.filter((r) => r.startsWith("/rivm/"))).toEqual([]);
      expect(third.rowsReplaced).toBe(0);
      const overlap = await harness.db.query(
        `SELECT DISTINCT tier FROM main.${TABLE} WHERE timestamp_measured > TIMESTAMP '2024-12-30 00:00:00' AND timestamp_measured <= TIMESTAMP '2024-12-31 23:00:00'`,
      );
      expect(overlap).toEqual([{ tier: "validated" }]);
      expect(await fingerprint(harness.db, TABLE)).toBe(before);
      expect(await count(harness.db, "tier = 'unvalidated'")).toBe(raw.flat().length - n2024);
    } finally {
      harness.close();
    }
  }, 120_000);
});

describe("the monthly files' two layouts", () => {
  // The files hold a third station that is not the municipality's: its column is skipped.
  const inFiles = demoStations.slice(2, 5).map((s): DemoStation => ({ ...s, base: { NO2: s.base.NO2! } }));
  const municipal = inFiles.slice(0, 2);
  let upstream: Upstream;
  let written = 0;
  let kept = 0;

  beforeAll(async () => {
    upstream = await openUpstream((dir) => {
      writeStations(path.join(dir, "luchtmeetnet"), municipal);
      // In a year folder (a/rivm/Voorlopig-jaar/2024/2024_01_NO2.csv), as write-rivm writes them …
      const history = rivmHistory(path.join(dir, "a", "rivm"), inFiles, { fromYear: 2024, lastValidated: 2023, provisionalYear: 2024, lastMonth: 2 });
      for (const [i, station] of inFiles.entries()) {
        const series = seriesOf(station, "2024-01-01T00:00:00Z", "2024-02-29T23:00:00Z", 20 + i);
        history.add(station, series);
        if (municipal.includes(station)) kept += series.length;
      }
      written = history.write();
      // … and the same files directly in the tier's folder (b/rivm/Voorlopig-jaar/2024_01_NO2.csv).
      const flat = path.join(dir, "b", "rivm", "Voorlopig-jaar");
      mkdirSync(flat, { recursive: true });
      cpSync(path.join(dir, "a", "rivm", "Voorlopig-jaar", "2024"), path.join(dir, "b", "year"), { recursive: true });
      for (const name of ["2024_01_NO2.csv", "2024_02_NO2.csv"]) renameSync(path.join(dir, "b", "year", name), path.join(flat, name));
    });
  });
  afterAll(() => upstream?.close());

  it("loads the same rows with and without the year folder", async () => {
    const prints: string[] = [];
    for (const layout of ["a", "b"]) {
      const settings = settingsFor(upstream, {
        asOf: "2024-03-01T00:00:00Z",
        historyFrom: "2024-01-01",
        api: ["2024-03-01T00:00:00Z", "2024-03-01T00:00:00Z"],
        rivmPath: `${layout}/rivm`,
      });
      const harness = await harnessWithStations(settings);
      try {
        const result = await harness.runner.run(airQualityMeasurements, "manual");
        expect(result.error).toBeNull();
        expect(result).toMatchObject({ rowsLoaded: kept, rowsRejected: 0 });
        expect(await count(harness.db, "tier = 'provisional'")).toBe(kept);
        expect((await slices(harness.db)).map((s) => [s.id, s.loaded])).toEqual([
          ["provisional:2024-01", true],
          ["provisional:2024-02", true],
        ]);
        prints.push(await fingerprint(harness.db, TABLE));
      } finally {
        harness.close();
      }
    }
    expect(kept).toBeGreaterThan(2500);
    expect(written).toBeGreaterThan(kept);
    expect(prints[1]).toBe(prints[0]);
    expect(upstream.server.requests).toContain("/b/rivm/Voorlopig-jaar/2024_02_NO2.csv");
  }, 120_000);
});

describe("a backfill of validated years and provisional months", () => {
  const stations = demoStations.slice(0, 2).map((s): DemoStation => ({ ...s, base: { NO2: s.base.NO2! } }));
  const API: [string, string] = ["2024-12-23T00:00:00Z", "2025-01-03T00:00:00Z"];
  const at = (historyFrom: string) => settingsFor(upstream, { asOf: API[1], historyFrom, api: API });
  const series = stations.map((station, i) => seriesOf(station, "2022-01-01T00:00:00Z", API[1], 30 + i));
  let upstream: Upstream;

  beforeAll(async () => {
    upstream = await openUpstream((dir) => {
      writeStations(path.join(dir, "luchtmeetnet"), stations);
      // 2022 and 2023 validated; 2024 still in provisional months; the API from 23 December on.
      const history = rivmHistory(path.join(dir, "rivm"), stations, { fromYear: 2022, lastValidated: 2023, provisionalYear: 2024, lastMonth: 12 });
      for (const [i, station] of stations.entries()) {
        history.add(station, series[i]!);
        writeMeasurements(path.join(dir, "luchtmeetnet"), station, asApi(within(series[i]!, ...API)), new Date(API[0]), new Date(API[1]));
      }
      history.write();
    });
  });
  afterAll(() => upstream?.close());

  const allSlices = ["validated:2022", "validated:2023", ...Array.from({ length: 12 }, (_, m) => `provisional:2024-${String(m + 1).padStart(2, "0")}`)];

  it("fails on a year before last without its validated file, naming the URL and the settings, and keeps what was published", async () => {
    const harness = await harnessWithStations(at("2022-01-01"));
    try {
      expect((await harness.runner.run(airQualityMeasurements, "manual")).error).toBeNull();
      const before = await fingerprint(harness.db, TABLE);
      const published = await harness.db.query("SELECT run_id FROM meta.published WHERE pipeline = $1", [airQualityMeasurements.name]);

      const earlier = await runnerOn(harness.db, at("2020-01-01")).run(airQualityMeasurements, "manual");
      expect(earlier.status).toBe("failed");
      expect(earlier.error).toContain(`${upstream.server.url}/rivm/Vastgesteld-jaar/2020/2020_NO2.csv`);
      expect(earlier.error).toMatch(/MM_RIVM_URL.*MM_HISTORY_FROM/);
      const record = await harness.db.query("SELECT error_nl FROM meta.pipeline_runs WHERE run_id = $1", [earlier.runId]);
      expect(record[0]!.error_nl).toMatch(/2020.*MM_RIVM_URL.*MM_HISTORY_FROM/);
      expect(await fingerprint(harness.db, TABLE)).toBe(before);
      expect(await harness.db.query("SELECT run_id FROM meta.published WHERE pipeline = $1", [airQualityMeasurements.name])).toEqual(published);
      // The years asked for are in the plan, still to load; nothing that was loaded is lost.
      expect((await slices(harness.db)).filter((s) => !s.loaded).map((s) => s.id)).toEqual(["validated:2020", "validated:2021"]);
      expect((await slices(harness.db)).filter((s) => s.loaded).map((s) => s.id)).toEqual(allSlices);

      // Starting later again, as the message says: the run succeeds and the plan no longer holds those years.
      const again = await harness.runner.run(airQualityMeasurements, "manual");
      expect(again.error).toBeNull();
      expect((await slices(harness.db)).map((s) => [s.id, s.loaded])).toEqual(allSlices.map((id) => [id, true]));
    } finally {
      harness.close();
    }
  }, 120_000);

  it("resumes after a crash with the slices not loaded, asking nothing again of the loaded ones, and ends complete", async () => {
    const reference = await harnessWithStations(at("2022-01-01"));
    const harness = await harnessWithStations(at("2022-01-01"));
    try {
      expect((await reference.runner.run(airQualityMeasurements, "manual")).error).toBeNull();

      let commits = 0;
      const crashing = runnerOn(harness.db, at("2022-01-01"), {
        fault: (point, pipeline) => {
          if (point === "after-commit" && pipeline === airQualityMeasurements.name && ++commits === 3) throw new Error("crash after the third slice");
        },
      });
      const crashed = await crashing.run(airQualityMeasurements, "manual");
      expect(crashed).toMatchObject({ status: "failed", error: "crash after the third slice" });
      expect((await slices(harness.db)).filter((s) => s.loaded).map((s) => s.id)).toEqual(allSlices.slice(0, 3));
      expect(await count(harness.db)).toBeGreaterThan(0);

      const asked = upstream.server.requests.length;
      const resumed = await harness.runner.run(airQualityMeasurements, "manual");
      expect(resumed.error).toBeNull();
      const requests = upstream.server.requests.slice(asked);
      // The loaded slices cost no request; the first one not loaded is read.
      expect(requests.filter((r) => /\/2022[/_]|\/2023[/_]|2024_01_/.test(r))).toEqual([]);
      expect(requests).toContain("/rivm/Voorlopig-jaar/2024/2024_02_NO2.csv");
      expect(requests).toContain("/rivm/Voorlopig-jaar/2024/2024_12_NO2.csv");
      expect((await slices(harness.db)).map((s) => [s.id, s.loaded])).toEqual(allSlices.map((id) => [id, true]));
      expect(await fingerprint(harness.db, TABLE)).toBe(await fingerprint(reference.db, TABLE));
    } finally {
      harness.close();
      reference.close();
    }
  }, 180_000);

  it("loads only the first slice still to load and the recent hours in a trial run", async () => {
    const harness = await harnessWithStations(at("2022-01-01"));
    try {
      const trial = runnerOn(harness.db, at("2022-01-01"), { sampleSlices: true });
      const first = await trial.run(airQualityMeasurements, "manual");
      expect(first.error).toBeNull();
      expect((await slices(harness.db)).filter((s) => s.loaded).map((s) => s.id)).toEqual(["validated:2022"]);
      const tiers = await harness.db.query(
        `SELECT tier, count(*)::INTEGER AS n, strftime(max(timestamp_measured), '%Y-%m-%dT%H:%M:%SZ') AS last FROM main.${TABLE} GROUP BY tier ORDER BY tier`,
      );
      // 2022 in UTC+1 file time (its last hour ends at 23:00 UTC), then the API's hours from 23 December 2024.
      const year2022 = series.flatMap((s) => within(s, "2021-12-31T23:00:00Z", "2022-12-31T23:00:00Z"));
      const recent = series.flatMap((s) => within(s, ...API));
      const last = (values: Measurement[]) => iso(Math.max(...values.map((m) => Date.parse(m.timestamp_measured))));
      expect(tiers).toEqual([
        { tier: "unvalidated", n: recent.length, last: last(recent) },
        { tier: "validated", n: year2022.length, last: last(year2022) },
      ]);

      const second = await trial.run(airQualityMeasurements, "manual");
      expect(second.error).toBeNull();
      expect((await slices(harness.db)).filter((s) => s.loaded).map((s) => s.id)).toEqual(["validated:2022", "validated:2023"]);
      expect(await count(harness.db, "tier = 'provisional'")).toBe(0);
    } finally {
      harness.close();
    }
  }, 120_000);
});
