/**
 * Luchtmeetnet does not document whether /measurements includes both `start` and `end`; the connector
 * asks for weekly windows that meet at their bounds. Served over loopback by an upstream that reads a
 * window either way, the run publishes the same rows: a boundary hour that arrives twice, identically,
 * is one record; one that arrives with two different values is quarantined with both, and the rest
 * publishes.
 */
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import airQualityMeasurements from "../../src/pipelines/air-quality-measurements.ts";
import airQualityStations from "../../src/pipelines/air-quality-stations.ts";
import { startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import { fingerprint, fixturesDir, openHarness } from "../support/pipeline-harness.ts";

const HOUR_MS = 3_600_000;
const FROM = Date.parse("2024-01-03T00:00:00Z");
const TO = Date.parse("2024-01-10T00:00:00Z");
/** Where the two request windows meet: the Monday of the connector's weekly grid. */
const BOUNDARY = Date.parse("2024-01-08T00:00:00Z");
const PAGE_SIZE = 100;
/** The upstream's hours (their end, as `timestamp_measured`): the week from FROM to TO. */
const HOURS = Array.from({ length: (TO - FROM) / HOUR_MS }, (_, i) => FROM + (i + 1) * HOUR_MS);

/** "end": a window holds the hours in (start, end]; "both": in [start, end]. */
type Reading = "end" | "both";
let reading: Reading = "end";
/** A value the later window gives the boundary hour instead of the first one's (a correction upstream). */
let corrected: number | null = null;

const valueAt = (hour: number) => 10 + (hour - FROM) / HOUR_MS / 10;

/** One page of GET /measurements in the API's shape, for the window and page asked. */
function measurementsPage(url: URL): unknown {
  const start = Date.parse(url.searchParams.get("start")!);
  const end = Date.parse(url.searchParams.get("end")!);
  const page = Number(url.searchParams.get("page") ?? "1");
  const hours = HOURS.filter((hour) => (reading === "both" ? hour >= start : hour > start) && hour <= end);
  const data = hours.map((hour) => ({
    station_number: url.searchParams.get("station_number"),
    value: corrected !== null && hour === BOUNDARY && start === BOUNDARY ? corrected : valueAt(hour),
    timestamp_measured: new Date(hour).toISOString().replace(".000Z", "+00:00"),
    formula: "NO2",
  }));
  const lastPage = Math.max(1, Math.ceil(data.length / PAGE_SIZE));
  const pageList = Array.from({ length: lastPage }, (_, i) => i + 1);
  return {
    pagination: {
      last_page: lastPage,
      prev_page: Math.max(1, page - 1),
      next_page: Math.min(lastPage, page + 1),
      current_page: page,
      first_page: 1,
      page_list: pageList,
    },
    data: data.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
  };
}

let server: RecordedServer;
beforeAll(async () => {
  // The station list and details are the recorded ones; the measurements are computed per request.
  server = await startRecordedServer(path.join(fixturesDir, "luchtmeetnet"), (req, res) => {
    const url = new URL(req.url ?? "/", "http://upstream");
    if (url.pathname !== "/measurements") return false;
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(measurementsPage(url)));
    return true;
  });
});
afterAll(() => server.close());
beforeEach(() => {
  reading = "end";
  corrected = null;
});

async function runWeek() {
  const harness = await openHarness({
    asOf: new Date(TO).toISOString(),
    luchtmeetnet: { baseUrl: server.url, from: new Date(FROM).toISOString(), to: new Date(TO).toISOString(), stations: ["NL10404"] },
  });
  expect((await harness.runner.run(airQualityStations, "manual")).status).toBe("succeeded");
  const result = await harness.runner.run(airQualityMeasurements, "manual");
  const rejects = await harness.db.query("SELECT origin, column_name, reason, reason_nl FROM meta.rejects WHERE run_id = $1 ORDER BY origin", [result.runId]);
  const published = result.status === "succeeded" ? await fingerprint(harness.db, "air_quality_measurements") : null;
  const boundary = await harness.db
    .query("SELECT value FROM main.air_quality_measurements WHERE timestamp_measured = $1::TIMESTAMP", [new Date(BOUNDARY).toISOString()])
    .catch(() => []);
  harness.close();
  return { result, rejects, published, boundary };
}

describe("Luchtmeetnet windows that meet at their bounds", () => {
  it("publishes every hour once whether the API includes only the end or both bounds", async () => {
    const exclusive = await runWeek();
    expect(exclusive.result).toMatchObject({ status: "succeeded", rowsRead: 168, rowsLoaded: 168, rowsRejected: 0, rowsDuplicate: 0 });
    // Both windows were asked for, meeting at the boundary.
    const boundary = encodeURIComponent(new Date(BOUNDARY).toISOString().replace(".000Z", "Z"));
    expect(server.requests.some((r) => r.includes(`end=${boundary}`))).toBe(true);
    expect(server.requests.some((r) => r.includes(`start=${boundary}`))).toBe(true);

    reading = "both";
    const inclusive = await runWeek();
    // The boundary hour arrived at the end of the first window's last page and on the second window's first page.
    expect(inclusive.result).toMatchObject({ status: "succeeded", rowsRead: 169, rowsLoaded: 168, rowsRejected: 0, rowsDuplicate: 1 });
    expect(inclusive.rejects).toEqual([]);
    expect(inclusive.published).toBe(exclusive.published);
    expect(inclusive.published).toMatch(/^168:/);
  });

  it("quarantines a boundary hour that arrives with two different values, naming both, and publishes the rest", async () => {
    reading = "both";
    corrected = 99.5;
    const { result, rejects, boundary } = await runWeek();
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 169, rowsLoaded: 167, rowsRejected: 2, rowsDuplicate: 0 });
    const key = "station_number NL10404, formula NO2, timestamp_measured 2024-01-08T00:00:00Z";
    // DuckDB writes the double 22 as 22.0.
    const first = valueAt(BOUNDARY).toFixed(1);
    expect(rejects.map((r) => r.reason)).toEqual([
      `same key (${key}) arrived with different values: value ${first} and 99.5`,
      `same key (${key}) arrived with different values: value ${first} and 99.5`,
    ]);
    expect(rejects[0]!.reason_nl).toBe(`dezelfde sleutel (${key}) kwam binnen met verschillende waarden: value ${first} en 99.5`);
    // One reject from each window.
    expect(rejects.map((r) => new URL(String(r.origin)).searchParams.get("start"))).toEqual(["2024-01-03T00:00:00Z", "2024-01-08T00:00:00Z"]);
    expect(boundary).toEqual([]);
  });
});
