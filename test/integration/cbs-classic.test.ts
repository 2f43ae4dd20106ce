/**
 * CBS key figures of every year: the classic StatLine tables (the real CSV export of 84583NED, the v3
 * API's DataProperties and TypedDataSet) and v4 tables, several years in one run, through the loopback
 * upstream. Fixtures: test/fixtures/cbs-classic/README.md.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import areaKeyFigures from "../../src/pipelines/area-key-figures.ts";
import { startRecordedServer, type Intercept, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import type { CbsTableSetting } from "../../src/pipelines/framework/source.ts";
import { fingerprint, fixturesDir, openHarness, type Harness } from "../support/pipeline-harness.ts";

const fixtures = path.join(fixturesDir, "cbs-classic");
const REAL_CSV = "cbs-classic/cbs-84583NED-gm0518.csv";
const FILTER =
  "$filter=startswith(WijkenEnBuurten%2C%27GM0518%27)%20or%20startswith(WijkenEnBuurten%2C%27WK0518%27)%20or%20startswith(WijkenEnBuurten%2C%27BU0518%27)";
/** The columns of 84583NED (2019) the classic source selects: our six measures, found by key. */
const SELECT_2019 =
  "WijkenEnBuurten%2CAantalInwoners_5%2CHuishoudensTotaal_28%2CWoningvoorraad_34%2COppervlakteLand_111%2CGemiddeldAardgasverbruikTotaal_55%2CGemiddeldElektriciteitsverbruikTotaal_47";

let harness: Harness | undefined;
let server: RecordedServer | undefined;
const scratch: string[] = [];
afterEach(async () => {
  harness?.close();
  await server?.close();
  harness = server = undefined;
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A harness reading `tables` for GM0518, with the v3 and v4 APIs on a loopback server over the fixtures. */
async function withTables(
  tables: CbsTableSetting[] | ((serverUrl: string) => CbsTableSetting[]),
  { intercept, filesDir, withoutMunicipality = false }: { intercept?: Intercept; filesDir?: string; withoutMunicipality?: boolean } = {},
) {
  server = await startRecordedServer(fixtures, intercept);
  const listed = typeof tables === "function" ? tables(server.url) : tables;
  const municipalityCode = withoutMunicipality ? undefined : "GM0518";
  const cbs = { baseUrl: `${server.url}/v4`, table: "85618NED", municipalityCode, v3BaseUrl: `${server.url}/v3`, tables: listed };
  harness = await openHarness({ cbs, ...(filesDir ? { filesDir } : {}) });
  return { harness, server };
}

const figures = (h: Harness, where = "true") =>
  h.db.query(
    `SELECT area_code, period::INTEGER AS period, measure, value, value_attribute FROM main.area_key_figures WHERE ${where} ORDER BY area_code, period, measure`,
  );
const errorNl = async (h: Harness, runId: number) => (await h.db.query("SELECT error_nl FROM meta.pipeline_runs WHERE run_id = $1", [runId]))[0]!.error_nl;

/** The six measures of one area in one year, as read by hand from the real export. */
const area = (code: string, year: number, v: Record<string, number | null>) =>
  Object.entries(v)
    .map(([measure, value]) => ({ area_code: code, period: year, measure, value, value_attribute: value === null ? "ConfidentialOrMissing" : "None" }))
    .sort((a, b) => a.measure.localeCompare(b.measure));

const CSV_2019: CbsTableSetting = { year: 2019, table: "84583NED", kind: "csv", location: REAL_CSV };

/** The figures the real export gives read from its file: what every other way of reading 84583NED must give. */
async function figuresOfTheFile(): Promise<string> {
  const { harness, server } = await withTables([CSV_2019]);
  await harness.runner.run(areaKeyFigures, "manual");
  const version = await fingerprint(harness.db, "area_key_figures");
  harness.close();
  await server.close();
  return version;
}

describe("the real StatLine CSV export of 84583NED (Kerncijfers wijken en buurten 2019, 's-Gravenhage)", () => {
  it("loads six measures of all 159 areas, codes trimmed, `.` as null saying it is secret or missing", async () => {
    const { harness } = await withTables([CSV_2019]);
    const result = await harness.runner.run(areaKeyFigures, "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 159 * 6, rowsLoaded: 159 * 6, rowsRejected: 0 });

    const levels = await harness.db.query(
      "SELECT left(area_code, 2) AS level, count(DISTINCT area_code)::INTEGER AS areas, count(*)::INTEGER AS n FROM main.area_key_figures GROUP BY 1 ORDER BY 1",
    );
    expect(levels).toEqual([
      { level: "BU", areas: 114, n: 114 * 6 },
      { level: "GM", areas: 1, n: 6 },
      { level: "WK", areas: 44, n: 44 * 6 },
    ]);
    expect(await harness.db.query("SELECT count(*)::INTEGER AS n FROM main.area_key_figures WHERE area_code <> trim(area_code) OR period <> 2019")).toEqual([
      { n: 0 },
    ]);

    expect(await figures(harness, "area_code IN ('GM0518', 'WK051828', 'BU05182811')")).toEqual([
      ...area("BU05182811", 2019, { avg_electricity_kwh: 2020, avg_gas_m3: 720, homes: 4597, households: 4505, inhabitants: 7300, land_area_ha: 60 }),
      ...area("GM0518", 2019, { avg_electricity_kwh: 2350, avg_gas_m3: 1000, homes: 259264, households: 263371, inhabitants: 537833, land_area_ha: 8245 }),
      ...area("WK051828", 2019, { avg_electricity_kwh: 2030, avg_gas_m3: 700, homes: 12579, households: 12600, inhabitants: 19855, land_area_ha: 198 }),
    ]);
    // Wijk 01 Oostduinen is dunes: nobody lives there, one dwelling, and its energy use is a dot.
    expect(await figures(harness, "area_code = 'WK051801'")).toEqual(
      area("WK051801", 2019, { avg_electricity_kwh: null, avg_gas_m3: null, homes: 1, households: 0, inhabitants: 0, land_area_ha: 308 }),
    );

    const withheld = await harness.db.query(
      "SELECT measure, value_attribute, count(*)::INTEGER AS n, count(value)::INTEGER AS with_value FROM main.area_key_figures WHERE value_attribute <> 'None' OR value IS NULL GROUP BY ALL ORDER BY 1",
    );
    expect(withheld).toEqual([
      { measure: "avg_electricity_kwh", value_attribute: "ConfidentialOrMissing", n: 7, with_value: 0 },
      { measure: "avg_gas_m3", value_attribute: "ConfidentialOrMissing", n: 8, with_value: 0 },
    ]);
  });

  it("reads the same file by URL through the loopback upstream, with the same figures", async () => {
    const expected = await figuresOfTheFile();

    // The export's URL is the loopback server's, known once it listens.
    const { harness, server } = await withTables((url) => [{ ...CSV_2019, location: `${url}/cbs-84583NED-gm0518.csv` }]);
    expect(await harness.runner.run(areaKeyFigures, "manual")).toMatchObject({ status: "succeeded", rowsLoaded: 954, rowsRejected: 0 });
    expect(server.requests).toEqual(["/cbs-84583NED-gm0518.csv"]);
    expect(await fingerprint(harness.db, "area_key_figures")).toBe(expected);
  });

  it("gives the same figures from the classic API's DataProperties and TypedDataSet for that table", async () => {
    const expected = await figuresOfTheFile();

    const { harness, server } = await withTables([{ year: 2019, table: "84583NED", kind: "v3" }]);
    expect(await harness.runner.run(areaKeyFigures, "manual")).toMatchObject({ status: "succeeded", rowsLoaded: 954, rowsRejected: 0 });
    expect(server.requests).toEqual(["/v3/84583NED/DataProperties?$format=json", `/v3/84583NED/TypedDataSet?${FILTER}&$select=${SELECT_2019}&$format=json`]);
    expect(await fingerprint(harness.db, "area_key_figures")).toBe(expected);
  });

  it("quarantines a cell that is neither a number nor a dot, with its reason, and loads the rest", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mm-cbs-csv-"));
    scratch.push(dir);
    const text = readFileSync(path.join(fixturesDir, REAL_CSV), "utf8");
    // GM0518's inhabitants, the first "  537833" of the file.
    writeFileSync(path.join(dir, "kwb.csv"), text.replace('"  537833"', '"  53783x"'));
    const { harness } = await withTables([{ ...CSV_2019, location: "kwb.csv" }], { filesDir: dir });
    const result = await harness.runner.run(areaKeyFigures, "manual");
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 954, rowsLoaded: 953, rowsRejected: 1 });
    const rejects = await harness.db.query("SELECT origin, column_name, reason, raw FROM meta.rejects WHERE run_id = $1", [result.runId]);
    expect(rejects).toEqual([{ origin: path.join(dir, "kwb.csv"), column_name: "value", reason: "not a valid double", raw: expect.any(String) }]);
    expect(JSON.parse(String(rejects[0]!.raw))).toEqual({
      area_code: "GM0518",
      period: 2019,
      measure: "inhabitants",
      value: "53783x",
      value_attribute: "None",
    });
  });

  it("fails on a file cut off mid-row, naming it, the year's table and the setting, and keeps what was published", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mm-cbs-csv-"));
    scratch.push(dir);
    copyFileSync(path.join(fixturesDir, REAL_CSV), path.join(dir, "84583NED.csv"));
    const { harness } = await withTables([{ year: 2019, table: "84583NED", kind: "csv" }], { filesDir: dir });
    // The default place of a table's export: cbs/<table>.csv under MM_FILES_DIR.
    const missing = await harness.runner.run(areaKeyFigures, "manual");
    expect(missing.error).toContain(`${path.join(dir, "cbs", "84583NED.csv")} is missing: download the CSV export of CBS table 84583NED (2019) from StatLine`);
    expect(missing.error).toContain("(the tables per year are set in MM_CBS_TABLES)");

    const file = path.join(dir, "cbs", "84583NED.csv");
    mkdirSync(path.dirname(file));
    copyFileSync(path.join(fixturesDir, REAL_CSV), file);
    expect(await harness.runner.run(areaKeyFigures, "manual")).toMatchObject({ status: "succeeded", rowsLoaded: 954 });
    const before = await fingerprint(harness.db, "area_key_figures");

    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.slice(0, text.lastIndexOf(";", text.length - 200)));
    const cut = await harness.runner.run(areaKeyFigures, "manual");
    expect(cut.status).toBe("failed");
    expect(cut.error).toMatch(new RegExp(`^CBS key figures 2019, table 84583NED \\(csv\\): .*84583NED\\.csv: line 160 has \\d+ fields, the header 118`));
    expect(await fingerprint(harness.db, "area_key_figures")).toBe(before);
  });
});

describe("the classic v3 API through the loopback upstream, with v4, several years in one run", () => {
  const years: CbsTableSetting[] = [
    { year: 2019, table: "84583NED", kind: "v3" },
    { year: 2021, table: "85039NED", kind: "v3" },
    { year: 2024, table: "85984NED", kind: "v4" },
  ];

  it("finds each year's columns by key whatever their position, follows a next link, and dates v4 rows without a period by the year", async () => {
    const { harness, server } = await withTables(years);
    const result = await harness.runner.run(areaKeyFigures, "manual");
    // 2019: 159 areas; 2021: 4 of Den Haag (GM0503's row, which the filter should have kept out, is dropped); 2024: 4 mapped observations.
    expect(result).toMatchObject({ status: "succeeded", rowsRead: 954 + 24 + 4, rowsLoaded: 954 + 24 + 4, rowsRejected: 0 });
    const select2021 =
      "WijkenEnBuurten%2CAantalInwoners_5%2CHuishoudensTotaal_29%2CWoningvoorraad_35%2COppervlakteLand_112%2CGemiddeldAardgasverbruikTotaal_56%2CGemiddeldElektriciteitsverbruikTotaal_48";
    expect(server.requests).toEqual([
      "/v3/84583NED/DataProperties?$format=json",
      `/v3/84583NED/TypedDataSet?${FILTER}&$select=${SELECT_2019}&$format=json`,
      "/v3/85039NED/DataProperties?$format=json",
      `/v3/85039NED/TypedDataSet?${FILTER}&$select=${select2021}&$format=json`,
      `/v3/85039NED/TypedDataSet?${FILTER}&$select=${select2021}&$format=json&$skip=2`,
      "/v4/85984NED/MeasureCodes",
      `/v4/85984NED/Observations?${new URLSearchParams({ $filter: "startswith(WijkenEnBuurten,'GM0518') or startswith(WijkenEnBuurten,'WK0518') or startswith(WijkenEnBuurten,'BU0518')" })}`,
    ]);

    expect(await figures(harness, "area_code IN ('GM0518', 'WK051801') AND period > 2019")).toEqual([
      ...area("GM0518", 2021, { avg_electricity_kwh: 2260, avg_gas_m3: 1010, homes: 263950, households: 286410, inhabitants: 548320, land_area_ha: 8225 }),
      { area_code: "GM0518", period: 2024, measure: "households", value: 292310, value_attribute: "None" },
      { area_code: "GM0518", period: 2024, measure: "inhabitants", value: 559125, value_attribute: "None" },
      { area_code: "WK051801", period: 2024, measure: "avg_gas_m3", value: null, value_attribute: "Impossible" },
      { area_code: "WK051801", period: 2024, measure: "inhabitants", value: 0, value_attribute: "None" },
    ]);
    expect(await figures(harness, "area_code = 'BU05182811' AND measure LIKE 'avg%'")).toEqual([
      ...area("BU05182811", 2019, { avg_electricity_kwh: 2020, avg_gas_m3: 720 }),
      ...area("BU05182811", 2021, { avg_electricity_kwh: null, avg_gas_m3: null }),
    ]);
    expect(await harness.db.query("SELECT count(*)::INTEGER AS n FROM main.area_key_figures WHERE area_code LIKE '%0503%'")).toEqual([{ n: 0 }]);
    expect(await harness.db.query("SELECT period::INTEGER AS period, count(*)::INTEGER AS n FROM main.area_key_figures GROUP BY 1 ORDER BY 1")).toEqual([
      { period: 2019, n: 954 },
      { period: 2021, n: 24 },
      { period: 2024, n: 4 },
    ]);
  });

  it("fails the whole run when one year's table fails, naming it, and keeps every year as it was", async () => {
    let broken = false;
    const { harness } = await withTables(years, {
      intercept: (req, res) => {
        if (!broken || !req.url?.startsWith("/v4/85984NED/Observations")) return false;
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html><body>Onderhoud</body></html>");
        return true;
      },
    });
    await harness.runner.run(areaKeyFigures, "manual");
    const before = await fingerprint(harness.db, "area_key_figures");
    broken = true;
    const result = await harness.runner.run(areaKeyFigures, "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(
      /^CBS key figures 2024, table 85984NED \(v4\): http:\/\/127\.0\.0\.1:\d+\/v4\/85984NED\/Observations\?.*expected JSON, got content-type "text\/html"/,
    );
    expect(result.error).toContain("(the tables per year are set in MM_CBS_TABLES)");
    expect(await fingerprint(harness.db, "area_key_figures")).toBe(before);
  });

  it("says what to change when the classic API answers 406, naming the URL, in both languages", async () => {
    const { harness, server } = await withTables(years, {
      intercept: (req, res) => {
        if (!req.url?.startsWith("/v3/84583NED/TypedDataSet")) return false;
        res.writeHead(406, { "content-type": "application/json" });
        res.end(JSON.stringify({ "odata.error": { code: "", message: { lang: "en-US", value: "Not Acceptable" } } }));
        return true;
      },
    });
    const result = await harness.runner.run(areaKeyFigures, "manual");
    expect(result.status).toBe("failed");
    const url = `${server.url}/v3/84583NED/TypedDataSet?${FILTER}&$select=${SELECT_2019}&$format=json`;
    expect(result.error).toBe(
      `CBS key figures 2019, table 84583NED (v3): ${url}: the classic CBS API refused with HTTP 406 (not acceptable); read 2019 from the v4 API (2019:84583NED:v4 in MM_CBS_TABLES) or from the table's CSV export (2019:84583NED:csv, the file cbs/84583NED.csv under MM_FILES_DIR) (the tables per year are set in MM_CBS_TABLES)`,
    );
    expect(await errorNl(harness, result.runId)).toContain(`${url}: de klassieke CBS-API weigerde met HTTP 406 (not acceptable); lees 2019 uit de v4-API`);
    // Nothing of a later year was asked for, and nothing was published.
    expect(server.requests.some((r) => r.includes("85039NED"))).toBe(false);
    expect(await harness.db.query("SELECT count(*)::INTEGER AS n FROM meta.published WHERE pipeline = 'area-key-figures'")).toEqual([{ n: 0 }]);
  });

  it("names the URL and the setting when CBS has no such table", async () => {
    const { harness, server } = await withTables([{ year: 2020, table: "84799NED", kind: "v3" }]);
    const result = await harness.runner.run(areaKeyFigures, "manual");
    expect(result.error).toBe(
      `CBS key figures 2020, table 84799NED (v3): ${server.url}/v3/84799NED/DataProperties?$format=json: CBS has no table 84799NED; check the table id of 2020 in MM_CBS_TABLES (or, if CBS offers the table only there, read it from the v4 API: 2020:84799NED:v4) (the tables per year are set in MM_CBS_TABLES)`,
    );
  });

  it("fails naming a measure whose key the table's DataProperties lack, or has in another unit, with the keys it has", async () => {
    const { harness, server } = await withTables([{ year: 2018, table: "99997NED", kind: "v3" }]);
    const result = await harness.runner.run(areaKeyFigures, "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toContain(`CBS key figures 2018, table 99997NED (v3): ${server.url}/v3/99997NED/DataProperties?$format=json: `);
    expect(result.error).toContain("no column OppervlakteLand_<n> for land_area_ha");
    expect(result.error).toContain('GemiddeldElektriciteitsverbruikTotaal_47 (avg_electricity_kwh) is in "MWh", expected "kWh"');
    expect(result.error).toContain(
      "the table has WijkenEnBuurten, Gemeentenaam_1, AantalInwoners_5, HuishoudensTotaal_28, Woningvoorraad_34, GemiddeldElektriciteitsverbruikTotaal_47, GemiddeldAardgasverbruikTotaal_55, OppervlakteTotaal_110",
    );
    // The rows are never asked for.
    expect(server.requests).toEqual(["/v3/99997NED/DataProperties?$format=json"]);
  });

  it("reads the classic API only for a municipality, as it answers at most 10,000 rows", async () => {
    const { harness, server } = await withTables([{ year: 2019, table: "84583NED", kind: "v3" }], { withoutMunicipality: true });
    const result = await harness.runner.run(areaKeyFigures, "manual");
    expect(result.error).toContain("so table 84583NED is read for one municipality: set MM_MUNICIPALITY_CODE (e.g. GM0518)");
    expect(server.requests).toEqual([]);
  });
});
