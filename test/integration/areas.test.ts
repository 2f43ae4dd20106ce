import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DemoArea } from "../../data/demo/geography.ts";
import { writePdok } from "../../data/demo/write-pdok.ts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import areas from "../../src/pipelines/areas.ts";
import { startRecordedServer, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
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

describe("the PDOK WFS connector", () => {
  let server: RecordedServer;
  let failing = false;
  beforeAll(async () => {
    server = await startRecordedServer(path.join(fixturesDir, "pdok"), (_req, res) => {
      if (!failing) return false;
      res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Service tijdelijk niet beschikbaar</body></html>");
      return true;
    });
  });
  afterAll(() => server.close());

  it("keeps the configured municipality's areas from recorded WFS responses", async () => {
    const harness = await openHarness({ pdok: { baseUrl: server.url, municipalityCode: "GM0518" } });
    try {
      const result = await harness.runner.run(areas, "manual");
      expect(result).toMatchObject({ status: "succeeded", rowsRead: 4, rowsRejected: 0 });
      const rows = await harness.db.query("SELECT code, name, level, parent FROM main.areas ORDER BY code");
      expect(rows).toEqual([
        { code: "BU05180101", name: "Vogelwijk", level: "buurt", parent: "WK051801" },
        { code: "BU05180102", name: "Bomen- en Bloemenbuurt", level: "buurt", parent: "WK051801" },
        { code: "GM0518", name: "'s-Gravenhage", level: "gemeente", parent: null },
        { code: "WK051801", name: "Wijk 01 Vogelwijk", level: "wijk", parent: "GM0518" },
      ]);
      expect(server.requests.every((r) => r.includes("srsName=EPSG%3A4326") && r.includes("count=1000"))).toBe(true);
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
