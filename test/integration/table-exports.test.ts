/**
 * Series and values per area as files: CSV (comma or semicolon with decimal commas, header in Dutch
 * or English), Arrow IPC and Parquet, against a monitor on the demo. Each file is read back with an
 * independent reader (apache-arrow; hyparquet and DuckDB's read_parquet for Parquet) and compared
 * cell by cell with the JSON answer: the same cells suppressed for the policy role, the same numbers,
 * and the provenance and licence in every file.
 */
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { tableFromIPC } from "apache-arrow";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Series, type Provenance } from "../../src/ground/contract/contract.ts";
import { AreaValues } from "../../src/ground/contract/contract-areas.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let policy: Login;
let permit: Login;
const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-table-exports-"));

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  [policy, permit] = await Promise.all([login(monitor.url, "policy"), login(monitor.url, "permit")]);
});
afterAll(async () => {
  await monitor?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const get = (url: string, auth: Login, headers: Record<string, string> = {}) => fetch(`${monitor.url}${url}`, { headers: { cookie: auth.cookie, ...headers } });
async function bytes(url: string, auth: Login, headers: Record<string, string> = {}) {
  const response = await get(url, auth, headers);
  expect(response.status, url).toBe(200);
  return { response, body: new Uint8Array(await response.arrayBuffer()) };
}

/** One cell as every format gives it, keyed by period and area. */
interface Cell {
  period: string;
  area_code: string;
  value: number | null;
  suppressed: boolean;
}
const keyOf = (c: Pick<Cell, "period" | "area_code">) => `${c.period}|${c.area_code}`;
const cellsOf = (rows: Record<string, unknown>[]): Map<string, Cell> =>
  new Map(
    rows.map((r) => [
      keyOf(r as unknown as Cell),
      { period: String(r.period), area_code: String(r.area_code), value: (r.value ?? null) as number | null, suppressed: r.suppressed as boolean },
    ]),
  );

/** The JSON answer's cells, from a series or from values per area. */
async function jsonCells(url: string, auth: Login): Promise<{ cells: Map<string, Cell>; provenance: Provenance; indicatorId: string; unit: string }> {
  const body = await (await get(url, auth)).json();
  if (url.includes("/series")) {
    const series = Series.parse(body);
    return { ...series, cells: cellsOf(series.points.map((p) => ({ period: p.period, area_code: p.areaCode, value: p.value, suppressed: p.suppressed }))) };
  }
  const values = AreaValues.parse(body);
  return { ...values, cells: cellsOf(values.areas.map((a) => ({ period: values.period, area_code: a.areaCode, value: a.value, suppressed: a.suppressed }))) };
}

/** A CSV's comment lines and its rows as objects keyed by the header, numbers read in the file's dialect. */
function readCsv(text: string, sep: "," | ";") {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split("\r\n");
  expect(lines.pop()).toBe("");
  const comments = lines.filter((l) => l.startsWith("# "));
  const [header, ...rows] = lines.filter((l) => !l.startsWith("# "));
  const names = header!.split(sep);
  const number = (cell: string) => (cell === "" ? null : Number(sep === ";" ? cell.replace(",", ".") : cell));
  return {
    comments,
    header: names,
    raw: rows.map((r) => r.split(sep)),
    rows: rows.map((r) => Object.fromEntries(r.split(sep).map((cell, i) => [names[i], cell]))),
    number,
  };
}

async function csvCells(url: string, auth: Login, sep: "comma" | "semicolon", lang: "en" | "nl") {
  const { body, response } = await bytes(`${url}&format=csv&sep=${sep}&lang=${lang}`, auth);
  const csv = readCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(body), sep === "comma" ? "," : ";");
  const [period, code, value, suppressed] = lang === "en" ? ["period", "area_code", "value", "suppressed"] : ["periode", "gebiedscode", "waarde", "onderdrukt"];
  const rows = csv.rows.map((r) => ({
    period: r[period!],
    area_code: r[code!],
    value: csv.number(r[value!]!),
    suppressed: r[suppressed!] === "true" ? true : r[suppressed!] === "false" ? false : r[suppressed!],
  }));
  return { csv, response, cells: cellsOf(rows) };
}

async function arrowCells(url: string, auth: Login) {
  const { body, response } = await bytes(`${url}&format=arrow`, auth);
  const table = tableFromIPC(body);
  return { table, response, cells: cellsOf(table.toArray().map((row) => row.toJSON() as Record<string, unknown>)) };
}

async function parquetWithHyparquet(url: string, auth: Login) {
  const { body, response } = await bytes(`${url}&format=parquet`, auth);
  const file = body.slice().buffer;
  const rows = await parquetReadObjects({ file });
  const metadata = Object.fromEntries((parquetMetadata(file).key_value_metadata ?? []).map((kv) => [kv.key, kv.value]));
  return { body, response, rows, metadata, cells: cellsOf(rows) };
}

/** Parquet read by DuckDB, in an in-memory instance of its own, from a file as a user would save it. */
async function parquetWithDuckDb(body: Uint8Array, name: string) {
  const file = path.join(tmp, `${name}.parquet`);
  writeFileSync(file, body);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const rows = (await connection.runAndReadAll("SELECT * FROM read_parquet($1)", [file])).getRowObjectsJS();
    const types = Object.fromEntries(
      (await connection.runAndReadAll("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($1))", [file])).getRows(),
    );
    const kv = (await connection.runAndReadAll("SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata($1)", [file])).getRows();
    return { rows, types, metadata: Object.fromEntries(kv) as Record<string, string>, cells: cellsOf(rows as Record<string, unknown>[]) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const ODOUR_BUURT = "/api/v1/indicators/odour-complaints/areas?level=buurt";
const ODOUR_BREAKDOWN = "/api/v1/indicators/odour-complaints/series?by=breakdown";

describe.each([
  ["values per buurt", ODOUR_BUURT],
  ["the series per buurt", ODOUR_BREAKDOWN],
])("%s of a disclosure-controlled indicator", (_name, url) => {
  it("are suppressed for the policy role in JSON, both CSVs, Arrow and Parquet (hyparquet and DuckDB) alike, every number the same", async () => {
    const json = await jsonCells(url, policy);
    const hidden = [...json.cells.values()].filter((c) => c.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((c) => c.value === null)).toBe(true);
    expect([...json.cells.values()].some((c) => c.value !== null && c.value > 0)).toBe(true);

    const parquet = await parquetWithHyparquet(url, policy);
    const formats = {
      "CSV (comma, en)": (await csvCells(url, policy, "comma", "en")).cells,
      "CSV (semicolon, nl)": (await csvCells(url, policy, "semicolon", "nl")).cells,
      Arrow: (await arrowCells(url, policy)).cells,
      "Parquet (hyparquet)": parquet.cells,
      "Parquet (DuckDB)": (await parquetWithDuckDb(parquet.body, `policy-${url.includes("series") ? "series" : "areas"}`)).cells,
    };
    for (const [format, cells] of Object.entries(formats)) expect(cells, format).toEqual(json.cells);
  });

  it("shows the permit officer the values the policy role may not see, in every format", async () => {
    const hidden = [...(await jsonCells(url, policy)).cells.values()].filter((c) => c.suppressed).map(keyOf);
    const json = await jsonCells(url, permit);
    const parquet = await parquetWithHyparquet(url, permit);
    const formats = {
      JSON: json.cells,
      "CSV (semicolon, nl)": (await csvCells(url, permit, "semicolon", "nl")).cells,
      Arrow: (await arrowCells(url, permit)).cells,
      "Parquet (hyparquet)": parquet.cells,
      "Parquet (DuckDB)": (await parquetWithDuckDb(parquet.body, `permit-${url.includes("series") ? "series" : "areas"}`)).cells,
    };
    for (const [format, cells] of Object.entries(formats)) {
      expect(cells, format).toEqual(json.cells);
      const shown = hidden.map((key) => cells.get(key)!);
      expect(
        shown.every((c) => !c.suppressed),
        format,
      ).toBe(true);
      expect(shown.filter((c) => c.value !== null && c.value > 0).length, format).toBeGreaterThan(0);
    }
  });
});

describe("numbers", () => {
  const GREEN = "/api/v1/indicators/green-share/areas?level=wijk";

  it("round-trip with decimals: a decimal comma in the semicolon CSV, a point in the comma CSV, doubles in Arrow and Parquet", async () => {
    const values = AreaValues.parse(await (await get(GREEN, policy)).json());
    const fractional = values.areas.filter((a) => a.value !== null && !Number.isInteger(a.value));
    expect(fractional.length).toBeGreaterThan(0);

    const semicolon = await csvCells(GREEN, policy, "semicolon", "nl");
    const comma = await csvCells(GREEN, policy, "comma", "en");
    const arrow = await arrowCells(GREEN, policy);
    const parquet = await parquetWithHyparquet(GREEN, policy);
    const duck = await parquetWithDuckDb(parquet.body, "green");
    for (const area of fractional) {
      const key = keyOf({ period: values.period!, area_code: area.areaCode });
      const semicolonRow = semicolon.csv.rows.find((r) => r.gebiedscode === area.areaCode)!;
      expect(semicolonRow.waarde).toBe(String(area.value).replace(".", ","));
      expect(comma.csv.rows.find((r) => r.area_code === area.areaCode)!.value).toBe(String(area.value));
      for (const cells of [arrow.cells, parquet.cells, duck.cells]) expect(cells.get(key)!.value).toBe(area.value);
    }
    // Every row has as many cells as the header: no decimal comma split a semicolon row.
    expect(semicolon.csv.raw.every((r) => r.length === semicolon.csv.header.length)).toBe(true);
    expect(duck.types).toMatchObject({
      period: "VARCHAR",
      value: "DOUBLE",
      suppressed: "BOOLEAN",
      rank: "INTEGER",
      urbanity: "INTEGER",
      periodStart: expect.stringMatching(/^TIMESTAMP/),
    });
    expect((duck.rows[0]!.periodStart as Date).getTime()).toBe(Date.UTC(Number(values.period), 0, 1));
    expect((parquet.rows[0]!.periodStart as Date).getTime()).toBe(Date.UTC(Number(values.period), 0, 1));
  });
});

describe("provenance and licence in every file", () => {
  const SERIES = "/api/v1/indicators/no2-annual-mean/series?by=area";
  const dutchTier = { validated: "gevalideerd", provisional: "voorlopig", modelled: "gemodelleerd", indicative: "indicatief" };

  it("in the CSV comment line, in English and in Dutch, with the header in the same language", async () => {
    const { provenance, unit } = await jsonCells(SERIES, policy);
    const en = await csvCells(SERIES, policy, "comma", "en");
    expect(en.csv.comments).toEqual([
      `# source: ${provenance.source}; licence: ${provenance.licence}; pipeline run: ${provenance.runId}; quality: ${provenance.qualityTier}; indicator: no2-annual-mean; unit: ${unit}; period: ${provenance.period}`,
    ]);
    expect(en.csv.header).toEqual(["indicator", "period", "area_code", "area_name", "level", "value", "suppressed", "coverage", "unit"]);
    const nl = await csvCells(SERIES, policy, "semicolon", "nl");
    expect(nl.csv.comments).toEqual([
      `# bron: ${provenance.source}; licentie: ${provenance.licence}; pipelinerun: ${provenance.runId}; kwaliteit: ${dutchTier[provenance.qualityTier]}; indicator: no2-annual-mean; eenheid: ${unit}; periode: ${provenance.period}`,
    ]);
    expect(nl.csv.header).toEqual(["indicator", "periode", "gebiedscode", "gebiedsnaam", "niveau", "waarde", "onderdrukt", "dekking", "eenheid"]);
  });

  it("in the Arrow schema and the Parquet key-value metadata (read by hyparquet and by DuckDB), with a file name and a describedby link", async () => {
    const { provenance, unit } = await jsonCells(SERIES, policy);
    const expected = {
      indicator: "no2-annual-mean",
      unit,
      source: provenance.source,
      licence: provenance.licence,
      pipeline: provenance.pipeline,
      pipelineRunId: String(provenance.runId),
      qualityTier: provenance.qualityTier,
      period: provenance.period,
    };
    const arrow = await arrowCells(SERIES, policy);
    const parquet = await parquetWithHyparquet(SERIES, policy);
    const duck = await parquetWithDuckDb(parquet.body, "no2");
    for (const metadata of [Object.fromEntries(arrow.table.schema.metadata), parquet.metadata, duck.metadata]) {
      expect(metadata).toMatchObject(expected);
      expect(JSON.parse(metadata.provenance!)).toEqual(provenance);
    }
    expect(parquet.response.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    expect(parquet.response.headers.get("content-disposition")).toMatch(/^attachment; filename="?no2-annual-mean\.parquet"?$/);
    expect(arrow.response.headers.get("content-disposition")).toMatch(/^attachment; filename="?no2-annual-mean\.arrows"?$/);
    for (const response of [parquet.response, arrow.response, (await csvCells(SERIES, policy, "comma", "en")).response, await get(SERIES, policy)]) {
      expect(response.headers.get("link")).toBe('</api/v1/indicators/no2-annual-mean>; rel="describedby"');
    }
  });

  it("sends Parquet for the Accept header too, and separate answers per sep and lang", async () => {
    const { body, response } = await bytes(SERIES, policy, { accept: "application/vnd.apache.parquet" });
    expect(response.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    expect(new TextDecoder().decode(body.slice(0, 4))).toBe("PAR1");
    expect(new TextDecoder().decode(body.slice(-4))).toBe("PAR1");
    const variants = await Promise.all(
      ["sep=comma&lang=en", "sep=semicolon&lang=en", "sep=comma&lang=nl"].map(async (q) => (await get(`${SERIES}&format=csv&${q}`, policy)).text()),
    );
    expect(new Set(variants).size).toBe(3);
  });
});

describe("the other CSV exports take sep and lang too", () => {
  it("station measurements: semicolons, decimal commas and a Dutch header", async () => {
    const { body } = await bytes("/api/v1/stations/NL99001/measurements?from=2024-01-01&to=2024-01-03&sep=semicolon&lang=nl", permit);
    const csv = readCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(body), ";");
    expect(csv.comments[0]).toMatch(/^# bron: Luchtmeetnet .*; licentie: CC BY 4\.0; pipelinerun: \d+; kwaliteit: voorlopig$/);
    expect(csv.header).toEqual(["tijd", "station", "component", "waarde"]);
    const [expected] = await monitor.db.query(
      "SELECT count(*) AS n FROM main.air_quality_measurements WHERE station_number = 'NL99001' AND timestamp_measured >= '2024-01-01' AND timestamp_measured < '2024-01-03'",
    );
    expect(csv.rows).toHaveLength(Number(expected!.n));
    expect(csv.raw.every((r) => r.length === 4)).toBe(true);
    const values = csv.rows.map((r) => r.waarde!);
    expect(values.some((v) => /^-?\d+,\d+$/.test(v))).toBe(true);
    expect(values.some((v) => v.includes("."))).toBe(false);
  });

  it("the establishment dossier: semicolons and a Dutch header and comment lines", async () => {
    const search = (await (await get("/api/v1/establishments?pageSize=1", permit)).json()) as {
      results?: { id: string }[];
      establishments?: { id: string }[];
      items?: { id: string }[];
    };
    const id = (search.results ?? search.establishments ?? search.items)![0]!.id;
    const { body, response } = await bytes(`/api/v1/establishments/${id}?format=csv&sep=semicolon&lang=nl`, permit);
    expect(response.headers.get("content-disposition")).toContain(`dossier-${id}.csv`);
    const csv = readCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(body), ";");
    expect(csv.comments[0]).toContain(`# milieubelastende activiteit ${id}: `);
    expect(csv.comments[1]).toMatch(/^# controle nodig: (geen|laag|middel|hoog) \(score \d+\)$/);
    expect(csv.comments.at(-1)).toMatch(/^# dossier per \d{4}-\d{2}-\d{2}; bronnen: /);
    expect(csv.header).toEqual(["datum", "soort", "id", "status", "toelichting"]);
    expect(csv.rows.length).toBeGreaterThan(0);
    const kinds = ["vergunning", "inspectie", "bevinding", "klacht", "klacht in de omgeving", "open punt", "reden voor controle"];
    expect(csv.rows.every((r) => kinds.includes(r.soort!))).toBe(true);
  });
});

describe("bad CSV options", () => {
  it.each([
    ["/api/v1/indicators/no2-annual-mean/series?format=csv&sep=tab", "sep"],
    ["/api/v1/indicators/odour-complaints/areas?sep=%3B", "sep"],
    ["/api/v1/indicators/no2-annual-mean/series?lang=de", "lang"],
    ["/api/v1/indicators/odour-complaints/areas?format=csv&lang=NL", "lang"],
    ["/api/v1/indicators/no2-annual-mean/series?format=xlsx", "format"],
    ["/api/v1/stations/NL99001/measurements?from=2024-01-01&to=2024-01-02&sep=pipe", "sep"],
    ["/api/v1/establishments/IN-000001?format=csv&lang=fr", "lang"],
  ])("%s is a 400 naming %s and the allowed values", async (url, parameter) => {
    const response = await get(url, permit, { "accept-language": "en" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { invalidParams: { name: string; reason: string }[] };
    const reason = problem.invalidParams.find((p) => p.name === parameter)?.reason;
    const allowed = {
      sep: /^must be "comma" \(comma-separated, decimal point\) or "semicolon" \(semicolons and decimal commas, for Dutch Excel\)$/,
      lang: /^must be "nl" or "en"$/,
      format: /^must be "json", "csv", "arrow" or "parquet"$/,
    }[parameter]!;
    expect(reason).toMatch(allowed);
  });
});
