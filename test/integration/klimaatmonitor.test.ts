/**
 * The Klimaatmonitor Open Data Service connector, driven through the loopback upstream from recorded
 * responses in the service's layout (test/fixtures/klimaatmonitor, synthetic values): with a key, CO2
 * emissions, renewable energy and energy use load with the key as a header on every request; the catalogue
 * check, paging, the server filter (honoured, ignored, matching nothing, refused), '?' and '' values, and
 * four spellings of a gemeente's ExternalCode; failures name what to fix and never show the key; without a
 * key, the CSV exports are read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { generateGeography } from "../../data/demo/geography.ts";
import { createRandom } from "../../data/demo/random.ts";
import { writeThemeExports } from "../../data/demo/write-exports.ts";
import type { Logger } from "../../src/ground/logger.ts";
import co2Emissions from "../../src/pipelines/co2-emissions.ts";
import energyUse from "../../src/pipelines/energy-use.ts";
import type { PipelineDefinition } from "../../src/pipelines/framework/define-pipeline.ts";
import { recordedPath, startRecordedServer, type Intercept, type RecordedServer } from "../../src/pipelines/framework/recorded-server.ts";
import { directSource } from "../../src/pipelines/framework/source.ts";
import renewableEnergy from "../../src/pipelines/renewable-energy.ts";
import { externalCodeFilter } from "../../src/pipelines/sources/klimaatmonitor-records.ts";
import { fingerprint, fixturesDir, openHarness, type Harness } from "../support/pipeline-harness.ts";

const KEY = "km-test-3f9a1c0d5e7b";
const fixtures = path.join(fixturesDir, "klimaatmonitor");
const recorded = path.join(fixtures, "ods");
const variablesFile = path.join(fixtures, "variables.json");
const BASE_PATH = "/jiveservices/odata";

const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-klimaatmonitor-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let harness: Harness | undefined;
let server: RecordedServer | undefined;
afterEach(async () => {
  harness?.close();
  await server?.close();
  harness = server = undefined;
});

/** What one request carried: its URL, and its apikey header. */
interface Seen {
  url: string;
  apikey: string | undefined;
}

/** Every line the runner logs, with its fields, so a test can look for the key in them. */
function capturingLogger(lines: string[]): Logger {
  const at = (first: Record<string, unknown> | string, message?: string) =>
    void lines.push(typeof first === "string" ? first : `${JSON.stringify(first)} ${message}`);
  const logger: Logger = { fatal: at, error: at, warn: at, info: at, debug: at, trace: at, child: () => logger };
  return logger;
}

async function against(options: { intercept?: Intercept; variables?: string; municipalityCode?: string; logLines?: string[] } = {}) {
  const seen: Seen[] = [];
  server = await startRecordedServer(recorded, (req, res) => {
    seen.push({ url: req.url ?? "", apikey: req.headers.apikey as string | undefined });
    return options.intercept?.(req, res) ?? false;
  });
  const klimaatmonitor = {
    baseUrl: `${server.url}${BASE_PATH}`,
    apiKey: KEY,
    municipalityCode: options.municipalityCode ?? "GM0518",
    variablesFile: options.variables ?? variablesFile,
  };
  harness = await openHarness({ klimaatmonitor }, options.logLines ? { logger: capturingLogger(options.logLines) } : {});
  return { harness, server, seen };
}

const FILTER = `$filter=${externalCodeFilter("GM0518")}`;
/** A request as read in a test: decoded, without the base path, the gemeente/year/all path or the filter's text. */
const short = (url: string) =>
  decodeURIComponent(url)
    .replace(BASE_PATH, "")
    .replace("/GeoLevels('gemeente')/PeriodLevels('year')/Periods('all')/Values", "/…/Values")
    .replace(FILTER, "$filter");

const rowsOf = (h: Harness, sql: string) => h.db.query(sql);

/** Nothing the monitor stored or logged holds the key. */
async function expectNoKey(h: Harness, logLines: string[] = []) {
  const stored = await Promise.all(["meta.pipeline_runs", "meta.check_results", "meta.rejects"].map((table) => h.db.query(`SELECT * FROM ${table}`)));
  const text = JSON.stringify(stored, (_, v) => (typeof v === "bigint" ? Number(v) : v)) + logLines.join("\n");
  expect(text.length).toBeGreaterThan(100);
  expect(text).not.toContain(KEY);
}

/** Serves the recorded answer of each request `match` picks, changed by `rewrite`; the rest as recorded. */
function replacing(match: (url: string) => boolean, rewrite: (text: string) => string): Intercept {
  return (req, res) => {
    if (!match(decodeURIComponent(req.url ?? ""))) return false;
    const text = readFileSync(path.join(recorded, recordedPath(new URL(req.url ?? "/", "http://recorded"))), "utf8");
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(rewrite(text));
    return true;
  };
}

describe("with a key, the three datasets from the Klimaatmonitor", () => {
  it("load through the loopback upstream, with the key as the apikey header of every request", async () => {
    const logLines: string[] = [];
    const { harness, server, seen } = await against({ logLines });
    const results = new Map<string, Awaited<ReturnType<Harness["runner"]["run"]>>>();
    for (const pipeline of [co2Emissions, renewableEnergy, energyUse] as PipelineDefinition[])
      results.set(pipeline.name, await harness.runner.run(pipeline, "manual"));

    // CO2: 2010–2022 (2008–2009 are before fromYear; co2_verkeer has '?' for 2023), three sectors.
    expect(results.get("co2-emissions")).toMatchObject({ status: "succeeded", rowsRead: 39, rowsLoaded: 39, rowsRejected: 0 });
    // Renewables: 2012–2023 (wind is '?' before 2012), two sources.
    expect(results.get("renewable-energy")).toMatchObject({ status: "succeeded", rowsRead: 24, rowsLoaded: 24, rowsRejected: 0 });
    // Energy use: 2011–2023 (vbrzg_a is '' for 2010), three sector-carrier pairs.
    expect(results.get("energy-use")).toMatchObject({ status: "succeeded", rowsRead: 39, rowsLoaded: 39, rowsRejected: 0 });

    expect(seen.length).toBe(server.requests.length);
    expect(seen.length).toBeGreaterThan(15);
    expect(seen.filter((s) => s.apikey !== KEY)).toEqual([]);
    expect(server.requests.every((url) => !url.includes(KEY))).toBe(true);
    await expectNoKey(harness, logLines);
  });

  it("read each spelling of GM0518's ExternalCode, add variables up in our units, and leave out years a variable lacks", async () => {
    const { harness } = await against();
    await harness.runner.run(co2Emissions, "manual");
    await harness.runner.run(renewableEnergy, "manual");
    await harness.runner.run(energyUse, "manual");

    const co2 = await rowsOf(harness, "SELECT min(year) AS first, max(year) AS last, count(DISTINCT sector)::INTEGER AS sectors FROM main.co2_emissions");
    expect(co2).toEqual([{ first: 2010, last: 2022, sectors: 3 }]);
    // Homes "GM0518"; services = 146,000 t ("0518") + 59 kt ("518"); traffic "gemeente_518".
    expect(await rowsOf(harness, "SELECT sector, kton_co2 FROM main.co2_emissions WHERE year = 2010 ORDER BY sector")).toEqual([
      { sector: "built_environment_homes", kton_co2: 383 },
      { sector: "built_environment_services", kton_co2: 205 },
      { sector: "traffic", kton_co2: 302 },
    ]);

    // Wind in GWh × 3.6, from codes padded like CBS's ("GM0518    ").
    expect(await rowsOf(harness, "SELECT source, tj FROM main.renewable_energy WHERE year = 2012 ORDER BY source")).toEqual([
      { source: "solar_pv", tj: 28.6 },
      { source: "wind", tj: 90 },
    ]);
    expect(await rowsOf(harness, "SELECT min(year) AS first, max(year) AS last FROM main.renewable_energy")).toEqual([{ first: 2012, last: 2023 }]);

    // kWh × 3.6e-6 and m³ × 3.165e-5 into TJ.
    expect(await rowsOf(harness, "SELECT sector, carrier, tj FROM main.energy_use WHERE year = 2011 ORDER BY sector, carrier")).toEqual([
      { sector: "agriculture", carrier: "electricity", tj: 18.36 },
      { sector: "agriculture", carrier: "natural_gas", tj: 77.5425 },
      { sector: "built_environment_homes", carrier: "electricity", tj: 1510 },
    ]);
    expect(await rowsOf(harness, "SELECT min(year) AS first FROM main.energy_use")).toEqual([{ first: 2011 }]);
  });

  it("follow next links, ask for a variable the listing lacks by itself, and stop filtering once a filter finds nothing", async () => {
    const { harness, server } = await against();
    expect(await harness.runner.run(renewableEnergy, "manual")).toMatchObject({ status: "succeeded" });
    expect(server.requests.map(short)).toEqual([
      "/Variables",
      "/Variables?$skip=5",
      "/Variables('zonpvtj')",
      "/Variables('zonpvtj')/…/Values?$filter",
      "/Variables('zonpvtj')/…/Values?$filter&$skip=8",
      // Honoured, but the service pads its codes: nothing matched, so the whole list is read and filtered here.
      "/Variables('hern_wind_gwh')/…/Values?$filter",
      "/Variables('hern_wind_gwh')/…/Values",
    ]);
  });

  it("ask without the filter, for this and the later variables, when the service refuses it", async () => {
    const refuseFilter: Intercept = (req, res) => {
      if (!req.url?.includes("$filter")) return false;
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "", message: "The query specified in the URI is not valid." } }));
      return true;
    };
    const { harness, server } = await against({ intercept: refuseFilter });
    expect(await harness.runner.run(renewableEnergy, "manual")).toMatchObject({ status: "succeeded", rowsLoaded: 24 });
    expect(server.requests.map(short).slice(3)).toEqual([
      "/Variables('zonpvtj')/…/Values?$filter",
      "/Variables('zonpvtj')/…/Values",
      "/Variables('hern_wind_gwh')/…/Values",
    ]);
    expect(await rowsOf(harness, "SELECT tj FROM main.renewable_energy WHERE year = 2012 AND source = 'solar_pv'")).toEqual([{ tj: 28.6 }]);
  });

  it.each([
    ["Id", (id: string) => ({ Id: id, Name: `Variabele ${id}` })],
    ["only Name", (id: string) => ({ Name: id })],
  ])("accept a catalogue whose items name their id by %s", async (_shape, item) => {
    const ids = ["co2_commerciele_dv", "co2_publieke_dv", "co2_verkeer", "co2_woningen", "bevtot"];
    const catalogue: Intercept = (req, res) => {
      if (req.url !== `${BASE_PATH}/Variables`) return false;
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ "@odata.context": "https://klimaatmonitor.databank.nl/jiveservices/odata/$metadata#Variables", value: ids.map(item) }));
      return true;
    };
    const { harness, server } = await against({ intercept: catalogue });
    expect(await harness.runner.run(co2Emissions, "manual")).toMatchObject({ status: "succeeded", rowsLoaded: 39 });
    // Every id was in the listing: none was asked for by itself.
    expect(server.requests.map(short).filter((url) => /^\/Variables\('[^']+'\)$/.test(url))).toEqual([]);
  });
});

describe("a failing Klimaatmonitor run", () => {
  it("names a variable the service does not know and the ids that exist, and keeps the previous data", async () => {
    const logLines: string[] = [];
    // The file is read at every run: the first run reads it as recorded, the second with a wrong id added.
    const variables = path.join(tmp, "unknown-variable.json");
    const config = JSON.parse(readFileSync(variablesFile, "utf8")) as { datasets: Record<string, Record<string, unknown>> };
    writeFileSync(variables, JSON.stringify(config));
    const { harness, server } = await against({ variables, logLines });
    expect(await harness.runner.run(co2Emissions, "manual")).toMatchObject({ status: "succeeded" });
    const before = await fingerprint(harness.db, "co2_emissions");
    server.requests.length = 0;

    config.datasets["co2-emissions"]!.co2_industrie = { sector: "industry", unit: "kton", factor: 1, guessed: true, note: "a guess" };
    writeFileSync(variables, JSON.stringify(config));
    const result = await harness.runner.run(co2Emissions, "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toBe(
      "the Klimaatmonitor does not know these variables of co2-emissions: co2_industrie; ids that exist, the most similar first: " +
        "co2_commerciele_dv, co2_publieke_dv, co2_totaal, co2_verkeer, co2_woningen, bevtot, energie_totaal_combi, energie_woningen_elek, " +
        `hern_tot, hern_wind_gwh, res_bod, vbrze_a, vbrze_tot, vbrzg_a, zonpv_twh_groot_res. Put the right ids in ${variables} (or point MM_KLIMAATMONITOR_VARIABLES at another file)`,
    );
    // Not in the listing, so asked for by itself before failing; no values were asked for.
    expect(server.requests.map(short)).toEqual(["/Variables", "/Variables?$skip=5", "/Variables('co2_industrie')"]);
    const [run] = await harness.db.query("SELECT error_nl FROM meta.pipeline_runs WHERE run_id = $1", [result.runId]);
    expect(run!.error_nl).toMatch(/^de Klimaatmonitor kent deze variabelen van co2-emissions niet: co2_industrie; bestaande ids/);
    expect(await fingerprint(harness.db, "co2_emissions")).toBe(before);
    await expectNoKey(harness, logLines);
  });

  it("says which setting to fix when the service refuses the key, without showing the key", async () => {
    const logLines: string[] = [];
    const refuseKey: Intercept = (_req, res) => {
      res.writeHead(401, { "content-type": "text/plain; charset=utf-8" });
      res.end("Guest user group not found");
      return true;
    };
    const { harness, seen } = await against({ intercept: refuseKey, logLines });
    const result = await harness.runner.run(energyUse, "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/\/jiveservices\/odata\/Variables: the Klimaatmonitor refuses the API key \(HTTP 401\); check MM_KLIMAATMONITOR_KEY/);
    expect(seen).toEqual([{ url: `${BASE_PATH}/Variables`, apikey: KEY }]);
    await expectNoKey(harness, logLines);
  });

  it("names the municipality and the codes the service wrote when none of them is its", async () => {
    const { harness } = await against({ municipalityCode: "GM0999" });
    const result = await harness.runner.run(renewableEnergy, "manual");
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(
      /Variables\('zonpvtj'\)\/GeoLevels\('gemeente'\)\/PeriodLevels\('year'\)\/Periods\('all'\)\/Values: no values for municipality GM0999 \(ExternalCodes in the answer: "GM0363", "GM0518", "GM0599"\); check MM_MUNICIPALITY_CODE, or remove this variable from the variables file \(MM_KLIMAATMONITOR_VARIABLES\)$/,
    );
  });

  it("quarantines a value it cannot read, and fails rather than publish a year without it", async () => {
    let broken = false;
    const commaDecimal = replacing(
      (url) => broken && url.includes("Variables('co2_woningen')") && url.includes("$filter"),
      (text) => text.replace('"ValueString": "340.5"', '"ValueString": "340,5"'),
    );
    const { harness } = await against({ intercept: commaDecimal });
    await harness.runner.run(co2Emissions, "manual");
    const before = await fingerprint(harness.db, "co2_emissions");
    broken = true;
    const result = await harness.runner.run(co2Emissions, "manual");
    expect(result).toMatchObject({ status: "failed", rowsRead: 39, rowsRejected: 1 });
    expect(result.error).toMatch(/^1 of 39 rows rejected/);
    const rejects = await harness.db.query("SELECT column_name, reason, raw FROM meta.rejects WHERE run_id = $1", [result.runId]);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ column_name: "kton_co2" });
    expect(String(rejects[0]!.raw)).toContain('"kton_co2":"340,5"');
    expect(String(rejects[0]!.raw)).toContain('"year":2015');
    expect(await fingerprint(harness.db, "co2_emissions")).toBe(before);
  });

  it("names every variable's years when no year has them all", async () => {
    const config = JSON.parse(readFileSync(variablesFile, "utf8")) as { fromYear: number };
    const variables = path.join(tmp, "from-2023.json");
    writeFileSync(variables, JSON.stringify({ ...config, fromYear: 2023 }));
    const { harness } = await against({ variables });
    const result = await harness.runner.run(co2Emissions, "manual");
    expect(result.error).toBe(
      "no year from 2023 has a value for every variable of co2-emissions (years with a value: co2_woningen 2023; co2_commerciele_dv 2023; co2_publieke_dv 2023; co2_verkeer –); " +
        `remove a variable without values from ${variables}, or choose another`,
    );
  });
});

describe("without a key", () => {
  it("read the CSV exports, as before", async () => {
    const dir = path.join(tmp, "files");
    writeThemeExports(path.join(dir, "exports"), generateGeography(createRandom(7)), createRandom(42));
    harness = await openHarness({ filesDir: dir });
    const settings = { luchtmeetnet: { baseUrl: "http://127.0.0.1:9" }, filesDir: dir };
    for (const [pipeline, file, rows] of [
      [co2Emissions, "co2-emissions.csv", 11 * 6],
      [renewableEnergy, "renewable-energy.csv", 11 * 4],
      [energyUse, "energy-use.csv", 11 * 13],
    ] as const) {
      const source = directSource((pipeline as PipelineDefinition).source as Parameters<typeof directSource>[0], settings);
      expect(source.kind).toBe("csv");
      expect(source.describe).toBe(`CSV file exports/${file}`);
      expect(await harness.runner.run(pipeline as PipelineDefinition, "manual")).toMatchObject({ status: "succeeded", rowsLoaded: rows, rowsRejected: 0 });
    }
  });
});
