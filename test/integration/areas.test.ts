import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DemoArea } from "../../data/demo/geography.ts";
import { writePdok } from "../../data/demo/write-pdok.ts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import areas from "../../src/pipelines/areas.ts";
import { recordedPath, startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import { pdokLevels, pdokQuery } from "../../src/pipelines/sources/pdok-wfs.ts";
import { fixturesDir, openHarness } from "../support/pipeline-harness.ts";
import { startTestMonitor, type TestMonitor } from "../support/test-server.ts";

describe("the areas pipeline on the demo", () => {
  let monitor: TestMonitor;
  beforeAll(async () => {
    monitor = await startTestMonitor(inject("demoDir"));
  });
  afterAll(() => monitor?.close());

  it("publishes one gemeente, 10 wijken and 50 buurten with CBS codes, parents and polygons", async () => {
    const counts = await monitor.db.query("SELECT level, count(*) AS n FROM main.areas GROUP BY level ORDER BY level");
    expect(counts).toEqual([
      { level: "buurt", n: 50 },
      { level: "gemeente", n: 1 },
      { level: "wijk", n: 10 },
    ]);
    const orphans = await monitor.db.query(
      "SELECT b.code FROM main.areas b LEFT JOIN main.areas p ON p.code = b.parent WHERE b.level <> 'gemeente' AND p.code IS NULL",
    );
    expect(orphans).toEqual([]);
    const buurt = await monitor.db.query("SELECT code, parent, geometry->>'$.type' AS type FROM main.areas WHERE code = 'BU99990101'");
    expect(buurt).toEqual([{ code: "BU99990101", parent: "WK999901", type: "MultiPolygon" }]);
  });
});

/** The recorded national answers (GM0518 and GM0599 mixed), by level. */
const nationalPages = Object.fromEntries(
  readdirSync(path.join(fixturesDir, "pdok")).map((file) => [
    /typeNames=gebiedsindelingen%3A(\w+)_gegeneraliseerd/.exec(file)![1]!,
    JSON.parse(readFileSync(path.join(fixturesDir, "pdok", file), "utf8")),
  ]),
) as Record<(typeof pdokLevels)[number], { features: { properties: { statcode: string }; geometry: unknown }[] }>;

/** Writes `body(level)` as the answer to the filtered first page of each level. */
function recordFiltered(dir: string, body: (level: (typeof pdokLevels)[number]) => unknown): void {
  for (const level of pdokLevels) {
    const file = path.join(dir, recordedPath(new URL(`/?${pdokQuery(level, 0, "GM0518")}`, "http://recorded")));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(body(level)));
  }
}

const EXPECTED_ROWS = [
  { code: "BU05180101", name: "Vogelwijk", level: "buurt", parent: "WK051801", year: 2024 },
  { code: "BU05180102", name: "Bomen- en Bloemenbuurt", level: "buurt", parent: "WK051801", year: 2024 },
  { code: "GM0518", name: "'s-Gravenhage", level: "gemeente", parent: null, year: 2024 },
  { code: "WK051801", name: "Wijk 01 Vogelwijk", level: "wijk", parent: "GM0518", year: 2024 },
];

describe("the PDOK WFS connector", () => {
  let server: RecordedServer;
  let failing = false;
  beforeAll(async () => {
    server = await startRecordedServer(path.join(fixturesDir, "pdok"), (req, res) => {
      if (failing) {
        res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Service tijdelijk niet beschikbaar</body></html>");
        return true;
      }
      // This recording's service refuses the municipality filter, as a WFS without filter support would.
      if (!req.url?.includes("filter=")) return false;
      res.writeHead(400, { "content-type": "application/xml" });
      res.end(
        '<?xml version="1.0"?><ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="2.0.0"><ows:Exception exceptionCode="InvalidParameterValue" locator="filter"/></ows:ExceptionReport>',
      );
      return true;
    });
  });
  afterAll(() => server.close());

  it("asks again without the filter when the service refuses it, keeps the municipality's areas and names their boundary year", async () => {
    const harness = await openHarness({ pdok: { baseUrl: server.url, municipalityCode: "GM0518" } });
    server.requests.length = 0;
    try {
      const result = await harness.runner.run(areas, "manual");
      expect(result).toMatchObject({ status: "succeeded", rowsRead: 4, rowsRejected: 0 });
      expect(await harness.db.query("SELECT code, name, level, parent, year FROM main.areas ORDER BY code")).toEqual(EXPECTED_ROWS);
      expect(server.requests.every((r) => r.includes("srsName=EPSG%3A4326") && r.includes("count=1000"))).toBe(true);
      // Per level: the filtered request (refused), then the unfiltered one.
      expect(server.requests.map((r) => r.includes("filter="))).toEqual([true, false, true, false, true, false]);
      expect(result.checks.find((c) => c.name === "boundary_year(year)")).toMatchObject({
        passed: true,
        message: { nl: "grenzen van 2024", en: "boundaries of 2024" },
      });
    } finally {
      harness.close();
    }
  });

  it("fails on an HTML error page and publishes nothing", async () => {
    const harness = await openHarness({ pdok: { baseUrl: server.url, municipalityCode: "GM0518" } });
    failing = true;
    try {
      const result = await harness.runner.run(areas, "manual");
      expect(result.status).toBe("failed");
      expect(result.error).toMatch(/expected JSON, got content-type "text\/html"/);
      expect(await harness.db.query("SELECT table_name FROM information_schema.tables WHERE table_name = 'areas'")).toEqual([]);
    } finally {
      failing = false;
      harness.close();
    }
  });
});

describe("the PDOK WFS connector with a service that filters", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mm-pdok-filtered-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function runOn(recordings: string) {
    const server = await startRecordedServer(recordings);
    const harness = await openHarness({ pdok: { baseUrl: server.url, municipalityCode: "GM0518" } });
    try {
      const result = await harness.runner.run(areas, "manual");
      const rows = await harness.db.query("SELECT code, name, level, parent, year FROM main.areas ORDER BY code");
      const types = await harness.db.query("SELECT code, geometry->>'$.type' AS type FROM main.areas ORDER BY code");
      return { result, rows, types, requests: [...server.requests] };
    } finally {
      harness.close();
      await server.close();
    }
  }

  it("asks each level for the municipality's features only, and takes polygons with holes and islands", async () => {
    const own = path.join(dir, "own");
    // Vogelwijk as one polygon with a hole (a pond); the wijk as a coast with an island.
    const withHole = {
      type: "Polygon",
      coordinates: [
        [
          [4.2, 52.0],
          [4.25, 52.0],
          [4.25, 52.05],
          [4.2, 52.05],
          [4.2, 52.0],
        ],
        [
          [4.21, 52.01],
          [4.22, 52.01],
          [4.22, 52.02],
          [4.21, 52.02],
          [4.21, 52.01],
        ],
      ],
    };
    const island = [
      [
        [4.31, 52.11],
        [4.32, 52.11],
        [4.32, 52.12],
        [4.31, 52.11],
      ],
    ];
    recordFiltered(own, (level) => {
      const features = nationalPages[level].features.filter((f) => /^(GM|WK|BU)0518/.test(f.properties.statcode));
      return {
        type: "FeatureCollection",
        features: features.map((f) =>
          f.properties.statcode === "BU05180101"
            ? { ...f, geometry: withHole }
            : f.properties.statcode === "WK051801"
              ? { ...f, geometry: { type: "MultiPolygon", coordinates: [...(f.geometry as { coordinates: unknown[] }).coordinates, island] } }
              : f,
        ),
      };
    });
    const { result, rows, types, requests } = await runOn(own);
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 4, rowsRejected: 0 });
    expect(rows).toEqual(EXPECTED_ROWS);
    expect(types).toEqual([
      { code: "BU05180101", type: "Polygon" },
      { code: "BU05180102", type: "MultiPolygon" },
      { code: "GM0518", type: "MultiPolygon" },
      { code: "WK051801", type: "MultiPolygon" },
    ]);
    expect(requests).toHaveLength(3);
    const filters = requests.map((r) => new URL(r, "http://x").searchParams.get("filter"));
    expect(filters.map((f) => /<fes:Literal>([^<]+)<\/fes:Literal>/.exec(f ?? "")?.[1])).toEqual(["GM0518", "WK0518*", "BU0518*"]);
  });

  it("keeps only the municipality's features when the service ignores the filter", async () => {
    const ignored = path.join(dir, "ignored");
    recordFiltered(ignored, (level) => nationalPages[level]);
    const { result, rows, requests } = await runOn(ignored);
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 4 });
    expect(rows).toEqual(EXPECTED_ROWS);
    expect(requests.every((r) => r.includes("filter="))).toBe(true);
  });
});

describe("PDOK paging", () => {
  it("requests pages of 1000 by startIndex until a short page", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mm-pdok-"));
    const square = (i: number): DemoArea["ring"] => [
      [4 + i / 1e4, 52],
      [4.0001 + i / 1e4, 52],
      [4.0001 + i / 1e4, 52.0001],
      [4 + i / 1e4, 52],
    ];
    const area = (code: string, level: DemoArea["level"], i = 0): DemoArea => ({ code, name: code, level, parent: null, ring: square(i) });
    const buurten = Array.from({ length: 1003 }, (_, i) => area(`BU0518${String(i).padStart(4, "0")}`, "buurt", i));
    writePdok(dir, { gemeente: area("GM0518", "gemeente"), wijken: [], buurten });
    const server = await startRecordedServer(dir);
    const harness = await openHarness({ pdok: { baseUrl: server.url, municipalityCode: "GM0518" } });
    try {
      const result = await harness.runner.run(areas, "manual");
      expect(result).toMatchObject({ status: "succeeded", rowsRead: 1004 });
      const buurtPages = server.requests.filter((r) => r.includes("buurt_gegeneraliseerd")).map((r) => new URL(r, server.url).searchParams.get("startIndex"));
      expect(buurtPages).toEqual(["0", "1000"]);
    } finally {
      harness.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
