/**
 * CBS StatLine's classic tables: the OData v3 API (https://opendata.cbs.nl/ODataApi/odata/{table},
 * `DataProperties` and `TypedDataSet`) and the same table's CSV export. Both have one row per area and
 * one column per measure, named by a key and a position that changes between the yearly tables
 * (`AantalInwoners_5`), so columns are found by their key without the position: a new year's table
 * needs its id in MM_CBS_TABLES, not a code change. Values are space-padded and `.` marks a value CBS
 * keeps secret or does not have.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { msg } from "../../ground/i18n/message.ts";
import { UpstreamError } from "../framework/fetch-json.ts";
import { pagesByNextLink } from "../framework/paging.ts";
import { PipelineError } from "../framework/pipeline-error.ts";
import type { ExtractContext, SourcePage } from "../framework/source.ts";
import { redactUrl } from "../framework/upstream-error.ts";
import { areaFilter, areaPrefixes, yearOf, type KeyFigureMeasure } from "./cbs-odata.ts";
import { resolveFile } from "./files.ts";

/** The live classic API's base: next links it writes are absolute and point here. */
export const CBS_V3_UPSTREAM_BASE = "https://opendata.cbs.nl/ODataApi/odata";

/** The value attribute of a value CBS shows as `.` (null in JSON): secret, unreliable or not known, CBS does not say which. */
export const SECRET_OR_MISSING = "ConfidentialOrMissing";

/**
 * The key (without its `_N` position) and unit of each measure in the classic key-figure tables. The
 * keys are those of Kerncijfers wijken en buurten 2017–2024 [3rd, several repositories; 2019 seen in the
 * real export]; a key CBS renames is added to its list. Units are checked where DataProperties gives them.
 */
export const classicMeasures = {
  inhabitants: { keys: ["AantalInwoners"], units: ["aantal"] },
  households: { keys: ["HuishoudensTotaal"], units: ["aantal"] },
  homes: { keys: ["Woningvoorraad"], units: ["aantal"] },
  land_area_ha: { keys: ["OppervlakteLand"], units: ["ha"] },
  avg_gas_m3: { keys: ["GemiddeldAardgasverbruikTotaal"], units: ["m³", "m3"] },
  avg_electricity_kwh: { keys: ["GemiddeldElektriciteitsverbruikTotaal"], units: ["kWh"] },
} satisfies Partial<Record<KeyFigureMeasure, { keys: string[]; units: string[] }>>;
export type ClassicMeasure = keyof typeof classicMeasures;

/** The dimension with the (padded) area codes, in every key-figure table since 2014. */
const AREA = "WijkenEnBuurten";
/** The period dimension, in tables that have one (the yearly key-figure tables do not). */
const PERIOD = "Perioden";

export interface ClassicColumn {
  key: string;
  unit?: string | null | undefined;
}

/** `AantalInwoners_5` → `AantalInwoners`: the key without the table's position. */
export const keyStem = (key: string): string => key.replace(/_\d+$/, "");

const normalUnit = (unit: string) => unit.trim().toLowerCase().replace("³", "3");

/**
 * The column of each measure. Fails, naming the measure and every column the table has, when a key is
 * not there, is there twice (the position is what tells `Appartement_48` from `Appartement_56`), or
 * has another unit, so a changed table fails the run instead of loading the wrong column.
 */
export function resolveColumns(columns: ClassicColumn[], where: string): Map<ClassicMeasure, string> {
  const found = new Map<ClassicMeasure, string>();
  const problems: string[] = [];
  for (const [measure, { keys, units }] of Object.entries(classicMeasures) as [ClassicMeasure, { keys: string[]; units: string[] }][]) {
    const matches = columns.filter((c) => keys.includes(keyStem(c.key)));
    const wanted = keys.map((k) => `${k}_<n>`).join(" or ");
    if (matches.length === 0) problems.push(`no column ${wanted} for ${measure}`);
    else if (matches.length > 1) problems.push(`${matches.map((c) => c.key).join(" and ")} both match ${wanted} (${measure})`);
    else {
      const [{ key, unit }] = matches as [ClassicColumn];
      if (unit && !units.map(normalUnit).includes(normalUnit(unit))) problems.push(`${key} (${measure}) is in "${unit}", expected "${units[0]}"`);
      else found.set(measure, key);
    }
  }
  if (!columns.some((c) => c.key === AREA)) problems.push(`no column ${AREA}`);
  if (problems.length) throw new Error(`${where}: ${problems.join("; ")}; the table has ${columns.map((c) => c.key).join(", ")}`);
  return found;
}

/** A cell as value and value attribute: a number, or null for `.`; text that is neither is passed on to be quarantined. */
export function parseValue(cell: unknown): { value: unknown; value_attribute: string | undefined } {
  if (typeof cell === "number") return { value: cell, value_attribute: "None" };
  // A column missing from the row: no attribute either, so the row is quarantined as incomplete.
  if (cell === undefined) return { value: undefined, value_attribute: undefined };
  if (cell === null) return { value: null, value_attribute: SECRET_OR_MISSING };
  if (typeof cell !== "string") return { value: cell, value_attribute: "None" };
  const text = cell.trim();
  if (text === "." || text === "") return { value: null, value_attribute: SECRET_OR_MISSING };
  return { value: /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text, value_attribute: "None" };
}

export interface ClassicTable {
  table: string;
  year: number;
  /** Only the municipality's gemeente, wijken and buurten are kept (and, from the API, asked for). */
  municipalityCode?: string | undefined;
}

/** One table row as our records, one per measure; a row of another municipality gives none. */
function toRecords(row: unknown, columns: Map<ClassicMeasure, string>, { year, municipalityCode }: ClassicTable): unknown[] {
  if (typeof row !== "object" || row === null) return [row];
  const fields = row as Record<string, unknown>;
  const code = typeof fields[AREA] === "string" ? fields[AREA].trim() : fields[AREA];
  if (municipalityCode && typeof code === "string" && !areaPrefixes(municipalityCode).some((p) => code.startsWith(p))) return [];
  const period = yearOf(fields[PERIOD], year);
  return [...columns].map(([measure, key]) => ({ area_code: code, period, measure, ...parseValue(fields[key]) }));
}

const DataProperty = z.object({
  Key: z.string(),
  Type: z.string().nullish(),
  "odata.type": z.string().nullish(),
  Unit: z.string().nullish(),
});
const DataProperties = z.object({ value: z.array(DataProperty) });

/** A 404 or 406 from the classic API says what to change in MM_CBS_TABLES; other failures pass as they are. */
function explain(error: unknown, url: string, { table, year }: ClassicTable): unknown {
  if (!(error instanceof UpstreamError)) return error;
  const params = { url: redactUrl(url), table, year };
  if (error.status === 406) return new PipelineError(msg("cbs.v3NotAcceptable", params));
  if (error.status === 404 || error.status === 410) return new PipelineError(msg("cbs.tableMissing", params));
  return error;
}

/** A table's column descriptions; `$format=json`, as the classic API may answer XML (Atom) without it. */
export const dataPropertiesUrl = (baseUrl: string, table: string): string => `${baseUrl}/${table}/DataProperties?$format=json`;

/**
 * The municipality's rows of a table, only the area code and the columns we read. Spaces are encoded
 * as %20, not "+" (the classic API is not known to read "+" as a space), and quotes as %27, as fetch
 * sends them: the URL in a message is the one the server saw.
 */
export function typedDataSetUrl(baseUrl: string, table: string, municipalityCode: string, columns: string[]): string {
  const encode = (text: string) => encodeURIComponent(text).replaceAll("'", "%27");
  const query = [`$filter=${encode(areaFilter(municipalityCode))}`, `$select=${encode([AREA, ...columns].join(","))}`, "$format=json"];
  return `${baseUrl}/${table}/TypedDataSet?${query.join("&")}`;
}

/**
 * A classic table from the v3 API: its DataProperties say which column holds each measure, then
 * TypedDataSet gives those columns for the municipality's areas. The API answers at most 10,000 rows
 * and has no paging [3rd], so the municipality is required; a next link, should CBS write one, is followed.
 */
export async function* readClassicApi(context: ExtractContext, baseUrl: string, table: ClassicTable): AsyncGenerator<SourcePage> {
  if (!table.municipalityCode) throw new PipelineError(msg("cbs.v3NeedsMunicipality", { table: table.table }));
  const propertiesUrl = dataPropertiesUrl(baseUrl, table.table);
  let answer: unknown;
  try {
    answer = await context.fetchJson(propertiesUrl, { signal: context.signal });
  } catch (error) {
    throw explain(error, propertiesUrl, table);
  }
  const parsed = DataProperties.safeParse(answer);
  if (!parsed.success) throw new Error(`${redactUrl(propertiesUrl)}: not a list of CBS data properties: ${parsed.error.issues[0]?.message}`);
  const properties = parsed.data.value.filter((p) => !`${p.Type ?? ""} ${p["odata.type"] ?? ""}`.includes("TopicGroup"));
  const columns = resolveColumns(
    properties.map((p) => ({ key: p.Key, unit: p.Unit })),
    redactUrl(propertiesUrl),
  );

  const select = [...(properties.some((p) => p.Key === PERIOD) ? [PERIOD] : []), ...columns.values()];
  const url = typedDataSetUrl(baseUrl, table.table, table.municipalityCode, select);
  const paging = { items: "value", next: "odata.nextLink", baseUrl, upstreamBase: CBS_V3_UPSTREAM_BASE };
  try {
    for await (const page of pagesByNextLink(url, context, paging)) {
      yield { origin: page.origin, records: page.records.flatMap((row) => toRecords(row, columns, table)) };
    }
  } catch (error) {
    throw explain(error, url, table);
  }
}

/** The default place of a table's CSV export: under MM_FILES_DIR. */
export const defaultCsvLocation = (table: string): string => `cbs/${table}.csv`;

/** A classic table from its StatLine CSV export: a file under filesDir, or an http(s) URL (a mirror). */
export async function* readClassicCsv(context: ExtractContext, location: string, table: ClassicTable): AsyncGenerator<SourcePage> {
  const isUrl = /^https?:\/\//i.test(location);
  const origin = isUrl ? redactUrl(location) : resolveFile(context.settings, location);
  let text: string;
  if (isUrl) {
    text = ((await context.fetchJson(location, { signal: context.signal, body: "bytes" })) as Buffer).toString("utf8");
  } else {
    try {
      text = await readFile(origin, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      throw new PipelineError(msg("cbs.csvMissing", { file: origin, table: table.table, year: table.year }));
    }
  }
  const [header = [], ...rows] = parseStatlineCsv(text, origin);
  const columns = resolveColumns(
    header.map((key) => ({ key })),
    origin,
  );
  const records = rows.flatMap((cells, index) => {
    if (cells.length !== header.length) throw new Error(`${origin}: line ${index + 2} has ${cells.length} fields, the header ${header.length}`);
    return toRecords(Object.fromEntries(header.map((key, i) => [key, cells[i]])), columns, table);
  });
  yield { origin, records };
}

/**
 * The rows of a StatLine CSV export: `;`-separated, every field quoted (`""` inside a field is a
 * quote), lines ending in CRLF or LF, a UTF-8 byte-order mark first. Blank lines are skipped; a quote
 * left open (a file cut off mid-field) fails, as a truncated file must not load.
 */
export function parseStatlineCsv(text: string, origin: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    if (row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
  };
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (body[i + 1] === '"') field += body[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ";") endField();
    else if (c === "\n") endRow();
    else if (c !== "\r") field += c;
  }
  if (quoted) throw new Error(`${origin}: a quoted field is not closed (is the file cut off?)`);
  endRow();
  return rows;
}
