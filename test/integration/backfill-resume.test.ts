/**
 * A live start loads the air-quality history from RIVM's bulk files from MM_HISTORY_FROM=2015-01-01,
 * slice by slice, while the server serves; a SIGKILL halfway loses nothing published, and the next
 * start resumes with the slices still to load. The NO₂ indicator then shows every year with its tier.
 * The upstream is a loopback server holding bulk files in RIVM's layout (data/demo/write-rivm.ts) and
 * answering the open API; the 2019 PM2.5 file is held back in the first process, so the kill always
 * lands after 2015–2018 and before 2019, however fast or slow the machine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateStationSeries } from "../../data/demo/air-quality.ts";
import { createRandom } from "../../data/demo/random.ts";
import type { DemoStation } from "../../data/demo/stations.ts";
import { writeStations } from "../../data/demo/write-luchtmeetnet.ts";
import { rivmHistory } from "../../data/demo/write-rivm.ts";
import type { PipelineList, Series } from "../../src/ground/contract/contract.ts";
import { startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { login, type Login } from "../support/test-server.ts";

const stations: DemoStation[] = [
  { number: "NL10404", location: "Den Haag-Rebecquestraat", type: "background", lon: 4.289185, lat: 52.077148, base: { NO2: 24, PM25: 11 } },
  { number: "NL10450", location: "Den Haag-Neherkade", type: "traffic", lon: 4.318551, lat: 52.062537, base: { NO2: 31, PM25: 12 } },
];
// Fetched while loading the 2019 slice (NO₂, the first component, was read before it).
const HELD = "/rivm/Vastgesteld-jaar/2019/2019_PM25.csv";

let dir: string;
let upstream: RecordedServer;
let hold = true;
const held: ServerResponse[] = [];
const now = new Date();
const thisYear = now.getUTCFullYear();
const monthStart = Date.UTC(thisYear, now.getUTCMonth(), 1);

/** The open API's recent hours, answered for whatever window the run asks: 20 µg/m³ NO₂ every hour. */
function answerMeasurements(req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? "/", "http://upstream");
  if (url.pathname !== "/luchtmeetnet/measurements") return false;
  const start = Date.parse(url.searchParams.get("start")!);
  const end = Date.parse(url.searchParams.get("end")!);
  const data = [];
  for (let t = start + 3_600_000; t <= end; t += 3_600_000) {
    data.push({
      station_number: url.searchParams.get("station_number"),
      formula: "NO2",
      value: 20,
      timestamp_measured: new Date(t).toISOString().replace(".000Z", "+00:00"),
    });
  }
  const pagination = { first_page: 1, prev_page: 1, current_page: 1, next_page: 1, last_page: 1, page_list: [1] };
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ pagination, data }));
  return true;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "mm-backfill-"));
  // Validated years 2015 … last year, provisional months of this year before the current one.
  const history = rivmHistory(path.join(dir, "rivm"), stations, {
    fromYear: 2015,
    lastValidated: thisYear - 1,
    provisionalYear: thisYear,
    lastMonth: now.getUTCMonth(),
  });
  const random = createRandom(18);
  for (const station of stations) history.add(station, generateStationSeries(station, new Date("2015-01-01T00:00:00Z"), new Date(monthStart), random));
  history.write();
  writeStations(path.join(dir, "luchtmeetnet"), stations);
  upstream = await startRecordedServer(dir, (req, res) => {
    if (hold && req.url === HELD) {
      held.push(res);
      return true;
    }
    return answerMeasurements(req, res);
  });
}, 120_000);

afterAll(async () => {
  for (const res of held) res.destroy();
  await upstream?.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({
  MM_DB: path.join(dir, "monitor.duckdb"),
  MM_SOURCES: "live",
  MM_HISTORY_FROM: "2015-01-01",
  MM_RIVM_URL: `${upstream.url}/rivm`,
  MM_LUCHTMEETNET_URL: `${upstream.url}/luchtmeetnet`,
  MM_LUCHTMEETNET_STATIONS: stations.map((s) => s.number).join(","),
  // The other live sources are not served here: they fail fast, without waiting to retry.
  MM_PDOK_URL: `${upstream.url}/pdok`,
  MM_CBS_URL: `${upstream.url}/cbs`,
  MM_SENSORTHINGS_URL: `${upstream.url}/sensorthings`,
  MM_FILES_DIR: path.join(dir, "files"),
  MM_UPSTREAM_MAX_WAIT_MINUTES: "0",
  MM_SCHEDULE: "false",
  MM_DB_RESERVE_MB: "0",
});

async function backfillOf(server: ServerProcess, session: Login) {
  const response = await fetch(`${server.url}/api/v1/pipelines`, { headers: { cookie: session.cookie } });
  const list = (await response.json()) as PipelineList;
  return list.pipelines.find((p) => p.name === "air-quality-measurements")!;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const asked = (file: string) => upstream.requests.filter((r) => r === `/rivm/${file}`).length;

describe("a live start with years of air-quality history", () => {
  it("publishes slice by slice while serving, survives a SIGKILL halfway, resumes, and shows each year's tier", async () => {
    const first = await startServerProcess(env(), 120_000);
    const analyst = await login(first.url, "analyst");
    // The server answers while the backfill runs: four validated years are in, 2019 is being fetched.
    const halfway = await until("four slices", async () => {
      const p = await backfillOf(first, analyst);
      return p.backfill && p.backfill.slicesDone >= 4 && p;
    });
    expect(halfway.running).toBe(true);
    expect(halfway.backfill).toMatchObject({ slicesDone: 4, next: "2019 validated" });
    expect(halfway.backfill!.slicesTotal).toBe(thisYear - 2015 + now.getUTCMonth());
    expect(halfway.backfill!.secondsLeft).not.toBeNull();
    first.child.kill("SIGKILL");
    await first.exited;
    const askedBefore = upstream.requests.length;

    hold = false;
    const second = await startServerProcess(env(), 120_000);
    try {
      const session = await login(second.url, "analyst");
      const done = await until("the backfill", async () => {
        const p = await backfillOf(second, session);
        return p.backfill && p.backfill.next === null && !p.running && p;
      });
      expect(done.backfill!.slicesDone).toBe(done.backfill!.slicesTotal);
      expect(done.lastRun).toMatchObject({ status: "succeeded", rowsRejected: 0 });
      // What the first process loaded was not asked for again; what it had not finished was.
      const askedAfter = upstream.requests.slice(askedBefore);
      for (const year of [2015, 2016, 2017, 2018])
        expect(
          askedAfter.filter((r) => r.includes(`/${year}_`)),
          String(year),
        ).toEqual([]);
      expect(askedAfter).toContain("/rivm/Vastgesteld-jaar/2019/2019_NO2.csv");
      expect(askedAfter).toContain(HELD);
      expect(asked("Vastgesteld-jaar/2015/2015_NO2.csv")).toBe(1);

      const policy = await login(second.url, "policy");
      const response = await fetch(`${second.url}/api/v1/indicators/no2-annual-mean/series`, { headers: { cookie: policy.cookie } });
      expect(response.status).toBe(200);
      const series = (await response.json()) as Series;
      const tiers = Object.fromEntries(series.points.map((p) => [p.period, p.tier]));
      for (let year = 2015; year < thisYear; year++) expect(tiers[String(year)], `${year} in ${JSON.stringify(tiers)}`).toBe("validated");
      // This year rests on provisional months and the API's unvalidated hours: the weakest tier shows.
      expect(tiers[String(thisYear)]).toBe("unvalidated");
      expect(series.points.filter((p) => p.value !== null && Number(p.period) < thisYear)).toHaveLength(thisYear - 2015);
      if (series.points.find((p) => p.period === String(thisYear))?.value !== null) expect(series.provenance.provisionalPeriods).toEqual([String(thisYear)]);
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  }, 600_000);
});
