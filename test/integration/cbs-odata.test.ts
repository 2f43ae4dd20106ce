import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateGeography } from "../../data/demo/geography.ts";
import { createRandom } from "../../data/demo/random.ts";
import { writeCbsKeyFigures } from "../../data/demo/write-cbs.ts";
import areaKeyFigures from "../../src/pipelines/area-key-figures.ts";
import { startRecordedServer, type Intercept, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import { measureNames, toRecord } from "../../src/pipelines/sources/cbs-odata.ts";
import { fingerprint, fixturesDir, openHarness, type Harness } from "../support/pipeline-harness.ts";

const TABLE = "85618NED";
let harness: Harness | undefined;
let server: RecordedServer | undefined;
afterEach(async () => {
  harness?.close();
  await server?.close();
  harness = server = undefined;
});

/** A harness whose CBS settings point at a loopback server over `dir`. */
async function against(dir: string, table = TABLE, intercept?: Intercept): Promise<{ harness: Harness; server: RecordedServer }> {
  server = await startRecordedServer(dir, intercept);
  harness = await openHarness({ cbs: { baseUrl: server.url, table } });
  return { harness, server };
}

const published = async (h: Harness) =>
  (await h.db.query("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'area_key_figures'"))[0]!.n;

describe("the demo's CBS key figures", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mm-cbs-"));
  const geography = generateGeography(createRandom(1));
  const areas = 1 + geography.wijken.length + geography.buurten.length;
  beforeAll(() => writeCbsKeyFigures(dir, geography, createRandom(2), { fromYear: 2022, toYear: 2023, table: TABLE, pageSize: 200 }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads every observation over all next-link pages, with trimmed codes and withheld values as null", async () => {
    const { harness, server } = await against(dir);
    const result = await harness.runner.run(areaKeyFigures, "manual");
    const expected = areas * 2 * measureNames.length;
    expect(result).toMatchObject({ status: "succeeded", rowsRead: expected, rowsLoaded: expected, rowsRejected: 0 });
    expect(server.requests).toEqual([
      `/${TABLE}/MeasureCodes`,
      `/${TABLE}/Observations`,
      ...[200, 400, 600, 800].map((skip) => `/${TABLE}/Observations?$skip=${skip}`),
    ]);

    const codes = await harness.db.query(
      "SELECT DISTINCT area_code FROM main.area_key_figures WHERE area_code IN ('GM9999', 'WK999901', 'BU99990101') ORDER BY 1",
    );
    expect(codes.map((r) => r.area_code)).toEqual(["BU99990101", "GM9999", "WK999901"]);
    expect(await harness.db.query("SELECT count(*)::INTEGER AS n FROM main.area_key_figures WHERE area_code <> trim(area_code)")).toEqual([{ n: 0 }]);

    const missing = await harness.db.query(
      "SELECT value_attribute, count(*)::INTEGER AS n, count(value)::INTEGER AS with_value FROM main.area_key_figures GROUP BY 1 ORDER BY 1",
    );
    expect(missing.map((r) => r.value_attribute)).toEqual(["Impossible", "None"]);
    expect(missing[0]).toMatchObject({ with_value: 0 });
    expect(missing[1]!.with_value).toBe(missing[1]!.n);

    // A wijk's inhabitants are the sum of its buurten's, wherever none of them is withheld.
    const [sums] = await harness.db.query(`
      WITH buurten AS (
        SELECT 'WK' || substr(area_code, 3, 6) AS wijk, period, sum(value) AS total, count(*) - count(value) AS withheld
        FROM main.area_key_figures WHERE area_code LIKE 'BU%' AND measure = 'inhabitants' GROUP BY ALL)
      SELECT count(*)::INTEGER AS compared, count(*) FILTER (WHERE w.value <> b.total)::INTEGER AS different
      FROM main.area_key_figures w JOIN buurten b ON w.area_code = b.wijk AND w.period = b.period
      WHERE w.measure = 'inhabitants' AND b.withheld = 0 AND w.value IS NOT NULL`);
    expect(sums!.different).toBe(0);
    expect(sums!.compared).toBeGreaterThan(10);
  });

  it("gives the same table when the run is repeated", async () => {
    const { harness } = await against(dir);
    await harness.runner.run(areaKeyFigures, "manual");
    const first = await fingerprint(harness.db, "area_key_figures");
    expect(await harness.runner.run(areaKeyFigures, "manual")).toMatchObject({ status: "succeeded", rowsRejected: 0 });
    expect(await fingerprint(harness.db, "area_key_figures")).toBe(first);
  });

  it("is deterministic for the same seed", () => {
    const again = mkdtempSync(path.join(os.tmpdir(), "mm-cbs-"));
    try {
      writeCbsKeyFigures(again, geography, createRandom(2), { fromYear: 2022, toYear: 2023, table: TABLE, pageSize: 200 });
      const page = (d: string) => readFileSync(path.join(d, TABLE, "Observations", "%24skip=400.json"), "utf8");
      expect(page(again)).toBe(page(dir));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

describe("the CBS OData connector on recorded responses", () => {
  const fixtures = path.join(fixturesDir, "cbs");

  it("reads padded codes, value attributes, an empty page and a last page without next link", async () => {
    const { harness, server } = await against(fixtures);
    const result = await harness.runner.run(areaKeyFigures, "manual");
    // 8 observations, one of a measure we do not map (M000100) left out.
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 7, rowsLoaded: 7, rowsRejected: 0 });
    expect(server.requests).toEqual([`/${TABLE}/MeasureCodes`, `/${TABLE}/Observations`, `/${TABLE}/Observations?$skip=4`, `/${TABLE}/Observations?$skip=8`]);
    const rows = await harness.db.query(
      "SELECT area_code, period::INTEGER AS period, measure, value, value_attribute FROM main.area_key_figures ORDER BY area_code, period, measure",
    );
    expect(rows).toEqual([
      { area_code: "BU05180101", period: 2022, measure: "inhabitants", value: 6710, value_attribute: "None" },
      { area_code: "BU05180101", period: 2023, measure: "avg_gas_m3", value: null, value_attribute: "Impossible" },
      { area_code: "BU05180101", period: 2023, measure: "inhabitants", value: 6775, value_attribute: "None" },
      { area_code: "BU05180101", period: 2023, measure: "solar_share", value: null, value_attribute: "Confidential" },
      { area_code: "GM0518", period: 2023, measure: "green_share", value: 14.3, value_attribute: "None" },
      { area_code: "GM0518", period: 2023, measure: "inhabitants", value: 552995, value_attribute: "None" },
      { area_code: "WK051801", period: 2023, measure: "inhabitants", value: 10480, value_attribute: "None" },
    ]);
  });

  it.each([
    [200, /expected JSON, got content-type "text\/html/],
    [503, /HTTP 503/],
  ])("fails on an HTML error page (status %i) and publishes nothing", async (status, error) => {
    const htmlOnObservations: Intercept = (req, res) => {
      if (!req.url?.startsWith(`/${TABLE}/Observations`)) return false;
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      res.end("<!doctype html><title>Onderhoud</title><p>StatLine is tijdelijk niet beschikbaar.</p>");
      return true;
    };
    const { harness } = await against(fixtures, TABLE, htmlOnObservations);
    const result = await harness.runner.run(areaKeyFigures, "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(error);
    expect(await published(harness)).toBe(0);
  });

  it("keeps the previous version when a later run meets an error page", async () => {
    let broken = false;
    const { harness } = await against(fixtures, TABLE, (req, res) => {
      if (!broken || !req.url?.includes("$skip=8")) return false;
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>Bad gateway</body></html>");
      return true;
    });
    await harness.runner.run(areaKeyFigures, "manual");
    const before = await fingerprint(harness.db, "area_key_figures");
    broken = true;
    expect(await harness.runner.run(areaKeyFigures, "manual")).toMatchObject({ status: "failed" });
    expect(await fingerprint(harness.db, "area_key_figures")).toBe(before);
  });

  it("fails with the differences when the table drops or redefines a mapped measure", async () => {
    const { harness } = await against(fixtures, "99999NED");
    const result = await harness.runner.run(areaKeyFigures, "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toContain("CBS table 99999NED changed its measures: M000114 (households) is not listed");
    expect(result.error).toContain('M000404 (solar_share) is in "aantal", expected "%"');
    expect(await published(harness)).toBe(0);
  });

  it("refuses a table id that is not a CBS table id, before any request", async () => {
    const { harness, server } = await against(fixtures, "../85618NED");
    const result = await harness.runner.run(areaKeyFigures, "manual");
    expect(result.error).toMatch(/cbs\.table must be a CBS table id like 85618NED/);
    expect(server.requests).toEqual([]);
  });

  it("fails clearly when the CBS source is not configured", async () => {
    harness = await openHarness();
    expect((await harness.runner.run(areaKeyFigures, "manual")).error).toMatch(/CBS source not configured/);
  });
});

describe("an observation as a record", () => {
  it("passes an observation of the wrong shape on raw, so the runner quarantines it with a reason", () => {
    expect(toRecord({ Measure: "M000352", ValueAttribute: "None", Value: "n/a", WijkenEnBuurten: "BU05180101  ", Perioden: "2023JJ00" })).toEqual({
      area_code: "BU05180101",
      period: 2023,
      measure: "inhabitants",
      value: "n/a",
      value_attribute: "None",
    });
    expect(toRecord({ Measure: "M000352", ValueAttribute: "None", Value: 1, WijkenEnBuurten: "GM0518", Perioden: "2023KW01" })).toMatchObject({
      period: "2023KW01",
    });
    expect(toRecord({ Measure: "M999999", ValueAttribute: "None", Value: 1, WijkenEnBuurten: "GM0518", Perioden: "2023JJ00" })).toBeNull();
  });

  it("dates an observation without Perioden by its table's configured year, and one with Perioden by its own", () => {
    const observation = { Measure: "M000352", ValueAttribute: "None", Value: 1, WijkenEnBuurten: "GM0518      " };
    expect(toRecord(observation, 2024)).toEqual({ area_code: "GM0518", period: 2024, measure: "inhabitants", value: 1, value_attribute: "None" });
    expect(toRecord({ ...observation, Perioden: "2023JJ00" }, 2024)).toMatchObject({ period: 2023 });
    // MM_CBS_TABLE names no year: without Perioden the period is missing, and the runner quarantines the row.
    expect(toRecord(observation)).toMatchObject({ period: undefined });
  });
});

describe("the live CBS request", () => {
  it("asks only for the configured municipality's areas", async () => {
    const { observationsUrl } = await import("../../src/pipelines/sources/cbs-odata.ts");
    const url = new URL(observationsUrl("https://datasets.cbs.nl/odata/v1/CBS", "85618NED", "GM0518"));
    expect(url.pathname).toBe("/odata/v1/CBS/85618NED/Observations");
    expect(url.searchParams.get("$filter")).toBe(
      "startswith(WijkenEnBuurten,'GM0518') or startswith(WijkenEnBuurten,'WK0518') or startswith(WijkenEnBuurten,'BU0518')",
    );
    expect(observationsUrl("http://x", "85618NED")).toBe("http://x/85618NED/Observations");
  });
});
