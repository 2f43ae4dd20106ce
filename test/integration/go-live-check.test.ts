/**
 * The go-live check against recorded responses on loopback and CSV files on disk: a source that is
 * right reports its rows, period and checks; a wrong base URL, an unreachable host or a station that
 * does not exist report the error with the URL and the setting to change; a CSV with bad rows reports
 * its rejects by reason with examples. The scratch folder exists while it runs and is gone after,
 * and a database of the monitor's is left exactly as it was.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withPrerequisites } from "../../src/engine/pipelines/check-prerequisites.ts";
import { runGoLiveCheck, type GoLiveCheckDeps } from "../../src/engine/pipelines/go-live-check.ts";
import { PipelineCheck } from "../../src/ground/contract/contract-go-live.ts";
import { silentLogger } from "../../src/ground/logger.ts";
import airQualityStations from "../../src/pipelines/air-quality-stations.ts";
import complaints from "../../src/pipelines/complaints.ts";
import { createFetchJson } from "../../src/pipelines/framework/fetch-json.ts";
import { startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import type { SourceSettings } from "../../src/pipelines/framework/source.ts";
import { fingerprintAll, fixturesDir, openHarness } from "../support/pipeline-harness.ts";

const DEN_HAAG = ["NL10404", "NL10445", "NL10446", "NL10450"];
const names = {
  "luchtmeetnet.baseUrl": "MM_LUCHTMEETNET_URL",
  "luchtmeetnet.stations": "MM_LUCHTMEETNET_STATIONS",
  filesDir: "MM_FILES_DIR",
};

let server: RecordedServer;
/** A port nothing listens on: a server was there and has closed. */
let closedPort: number;
let tmp: string;
let scratchParent: string;
let filesDir: string;
beforeAll(async () => {
  server = await startRecordedServer(fixturesDir);
  closedPort = await new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-go-live-test-"));
  scratchParent = path.join(tmp, "scratch");
  filesDir = path.join(tmp, "files");
  mkdirSync(scratchParent);
  mkdirSync(path.join(filesDir, "exports"), { recursive: true });
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** "Now" for freshness: ten hours after the newest recorded measurement, so it is fresh. */
const NOW = "2024-01-08T12:00:00Z";
const settings = (luchtmeetnet: Partial<SourceSettings["luchtmeetnet"]> = {}): SourceSettings => ({
  asOf: NOW,
  pdok: { baseUrl: `${server.url}/pdok`, municipalityCode: "GM0518" },
  luchtmeetnet: { baseUrl: `${server.url}/luchtmeetnet`, from: "2024-01-08T00:00:00Z", to: "2024-01-10T00:00:00Z", stations: DEN_HAAG, ...luchtmeetnet },
  filesDir,
});

const deps = (pipelines: GoLiveCheckDeps["pipelines"], sourceSettings: SourceSettings): GoLiveCheckDeps => ({
  pipelines,
  settings: sourceSettings,
  fetchJson: createFetchJson({ baseDelayMs: 5, retries: 1 }),
  settingNames: names,
  lockdown: { allowedDirectories: [filesDir], memoryLimit: "1GB" },
  clock: () => new Date(NOW),
  logger: silentLogger,
  scratchParent,
});

const check = async (pipelines: GoLiveCheckDeps["pipelines"], sourceSettings: SourceSettings) =>
  (await runGoLiveCheck(deps(pipelines, sourceSettings))).map((result) => PipelineCheck.parse(result));

describe("the go-live check", () => {
  it("reports a source that is right: reached, rows, checks and the period its data covers", async () => {
    const [areas, stations, measurements] = await check(withPrerequisites(["air-quality-measurements"]), settings());
    expect(areas).toMatchObject({ pipeline: "areas", outcome: "passed", reached: true });
    // The recorded boundaries hold only part of the city: a station outside them is a warning, not a failure.
    expect(stations).toMatchObject({
      pipeline: "air-quality-stations",
      outcome: "warned",
      reached: true,
      location: `${server.url}/luchtmeetnet/stations?page=1`,
      rowsRead: 4,
      rowsLoaded: 4,
      error: null,
      settings: [],
      period: null,
    });
    expect(stations!.requests).toBe(2 + DEN_HAAG.length);
    expect(stations!.checks.filter((c) => !c.passed).map((c) => [c.name, c.level])).toEqual([["buurt_assignment", "warn"]]);
    expect(measurements).toMatchObject({
      pipeline: "air-quality-measurements",
      outcome: "passed",
      reached: true,
      rowsRead: 8,
      rowsLoaded: 8,
      rowsRejected: 0,
      rejects: [],
      period: { column: "timestamp_measured", from: "2024-01-08T01:00:00Z", to: "2024-01-08T02:00:00Z" },
    });
    const names = measurements!.checks.map((c) => [c.name, c.passed]);
    expect(names).toContainEqual(["references(station_number → air_quality_stations.number)", true]);
    expect(names).toContainEqual(["freshness_error(timestamp_measured)", true]);
    expect(measurements!.checks.every((c) => c.message.nl && c.message.en)).toBe(true);
  });

  it("reports a wrong base URL with the URL asked and the setting naming it", async () => {
    const [result] = await check([airQualityStations], settings({ baseUrl: `${server.url}/luchtmeetnet-typo` }));
    expect(result).toMatchObject({ outcome: "failed", reached: false, rowsRead: 0, settings: ["MM_LUCHTMEETNET_URL"], period: null });
    expect(result!.failedUrl).toBe(`${server.url}/luchtmeetnet-typo/stations?page=1`);
    expect(result!.error!.en).toContain(`${server.url}/luchtmeetnet-typo/stations?page=1`);
    expect(result!.error!.en).toMatch(/HTTP 404/);
    // In Dutch too, as the run record has it.
    expect(result!.error!.nl).toContain(`${server.url}/luchtmeetnet-typo/stations?page=1`);
    expect(result!.error!.nl).not.toBe(result!.error!.en);
  });

  it("reports a host that refuses the connection with the base URL's setting", async () => {
    const url = `http://127.0.0.1:${closedPort}/open_api`;
    const [result] = await check([airQualityStations], settings({ baseUrl: url }));
    expect(result).toMatchObject({ outcome: "failed", reached: false, failedUrl: `${url}/stations?page=1`, settings: ["MM_LUCHTMEETNET_URL"] });
    expect(result!.error!.en).toMatch(new RegExp(`^${url.replaceAll(".", "\\.")}/stations\\?page=1: connection refused`));
  });

  it("names the station setting first for a station number that does not exist", async () => {
    const [result] = await check([airQualityStations], settings({ stations: ["NL10404", "NL10999"] }));
    expect(result).toMatchObject({ outcome: "failed", reached: false, settings: ["MM_LUCHTMEETNET_STATIONS", "MM_LUCHTMEETNET_URL"] });
    expect(result!.error!.en).toContain("NL10999");
    // The station list was read to its end before the station was missed: the URL asked last.
    expect(result!.failedUrl).toBe(`${server.url}/luchtmeetnet/stations?page=2`);
  });

  it("reports a CSV's rejects by column and reason, with raw examples, and a period from its date column", async () => {
    const lines = readFileSync(path.join(inject("demoDir"), "exports", "complaints.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(0, 151);
    lines[3] = lines[3]!.replace(/,(noise|odour|dust|light|other),/, ",smell,");
    lines[7] = lines[7]!.replace(/,(noise|odour|dust|light|other),/, ",smoke,");
    lines[9] = lines[9]!.replace(/^KL-\d{6}/, "KL-12");
    writeFileSync(path.join(filesDir, "exports", "complaints.csv"), `${lines.join("\n")}\n`);
    const [result] = await check([complaints], settings());
    // The buurt and the establishments are not in the scratch database: those checks warn.
    expect(result).toMatchObject({ outcome: "warned", reached: true, rowsRead: 150, rowsRejected: 3, rowsLoaded: 147 });
    expect(result!.location).toBe(path.join(filesDir, "exports", "complaints.csv"));
    expect(result!.requests).toBe(0);
    const kind = result!.rejects.find((r) => r.column === "kind")!;
    expect(kind).toMatchObject({ rows: 2, reason: { en: "must be one of noise, odour, dust, light, other" } });
    expect(kind.reason.nl).toMatch(/^moet een van deze zijn/);
    expect(kind.examples).toHaveLength(2);
    expect(kind.examples.some((e) => e.includes("smell"))).toBe(true);
    expect(kind.examples.some((e) => e.includes("smoke"))).toBe(true);
    const id = result!.rejects.find((r) => r.column === "complaint_id")!;
    expect(id).toMatchObject({ rows: 1 });
    expect(id.examples[0]).toContain("KL-12");
    expect(result!.period).toMatchObject({ column: "received_on" });
    expect(result!.period!.from <= result!.period!.to).toBe(true);
    expect(result!.checks.filter((c) => !c.passed).map((c) => c.level)).toEqual(expect.arrayContaining(["warn"]));
  });

  it("names the files folder for a CSV export that is not there", async () => {
    const empty = path.join(tmp, "no-files");
    const [result] = await check([complaints], { ...settings(), filesDir: empty });
    expect(result).toMatchObject({ outcome: "failed", reached: false, settings: ["MM_FILES_DIR"], location: path.join(empty, "exports", "complaints.csv") });
    expect(result!.error!.en).toContain(path.join(empty, "exports", "complaints.csv"));
  });

  it("skips a pipeline without demo data, saying what is missing", async () => {
    const results = await runGoLiveCheck({ ...deps([complaints], settings()), noDemoData: new Map([["complaints", "/demo/exports/complaints.csv"]]) });
    expect(results).toEqual([
      expect.objectContaining({
        pipeline: "complaints",
        outcome: "skipped",
        requests: 0,
        skipped: expect.objectContaining({ en: expect.stringContaining("/demo/exports/complaints.csv") }),
      }),
    ]);
  });

  it("works in a scratch folder that exists while it runs and is gone afterwards, leaving the monitor's database as it was", async () => {
    const harness = await openHarness(settings());
    try {
      expect((await harness.runner.run(airQualityStations, "manual")).status).toBe("succeeded");
      const before = { tables: await fingerprintAll(harness.db), runs: await harness.db.query("SELECT * FROM meta.pipeline_runs ORDER BY run_id") };
      const seen: string[][] = [];
      await runGoLiveCheck(deps(withPrerequisites(["air-quality-measurements"]), settings()), {
        onProgress: () => seen.push(readdirSync(scratchParent)),
      });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((entries) => entries.length === 1 && entries[0]!.startsWith("mm-go-live-"))).toBe(true);
      expect(readdirSync(scratchParent)).toEqual([]);
      expect({ tables: await fingerprintAll(harness.db), runs: await harness.db.query("SELECT * FROM meta.pipeline_runs ORDER BY run_id") }).toEqual(before);
    } finally {
      harness.close();
    }
  });

  it("stops when aborted, keeping what it found, and still removes the scratch folder", async () => {
    const abort = new AbortController();
    const results = await runGoLiveCheck(deps(withPrerequisites(["air-quality-measurements"]), settings()), {
      signal: abort.signal,
      onResult: () => abort.abort(),
    });
    expect(results.map((r) => r.pipeline)).toEqual(["areas"]);
    expect(readdirSync(scratchParent)).toEqual([]);
  });
});
