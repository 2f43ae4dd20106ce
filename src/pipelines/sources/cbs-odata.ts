/**
 * CBS StatLine's OData v4 API (https://datasets.cbs.nl/odata/v1/CBS): a table's `Observations` (one
 * value per area, period and measure) paged by `@odata.nextLink`, and its `MeasureCodes`. The same
 * code reads the live API and the demo's recorded responses; only the base URL differs. Also home of
 * what every CBS key-figure reader shares: our measure names, table ids and the municipality filter.
 * Which tables are read, and with which reader, is cbs-key-figure-tables.ts.
 */
import { z } from "zod";
import { pagesByNextLink } from "../framework/paging.ts";
import type { ExtractContext, SourcePage } from "../framework/source.ts";

/** The live API's base: the next links CBS writes are absolute and point here. */
export const CBS_UPSTREAM_BASE = "https://datasets.cbs.nl/odata/v1/CBS";

/** Our stable measure names for every CBS table and API; CBS's codes and keys change between tables, these do not. */
export const keyFigureMeasures = [
  "inhabitants",
  "households",
  "homes",
  "avg_gas_m3",
  "avg_electricity_kwh",
  "solar_share",
  "ev_chargers",
  "green_share",
  "land_area_ha",
] as const;
export type KeyFigureMeasure = (typeof keyFigureMeasures)[number];

/**
 * The measures read from a v4 table, by code (cbsMeasures). Land area is read from classic (v3) tables
 * and their CSV exports only (cbs-statline-classic.ts): its v4 measure code has not been seen yet.
 */
export const measureNames = [
  "inhabitants",
  "households",
  "homes",
  "avg_gas_m3",
  "avg_electricity_kwh",
  "solar_share",
  "ev_chargers",
  "green_share",
] as const satisfies readonly KeyFigureMeasure[];
export type MeasureName = (typeof measureNames)[number];

/**
 * The CBS measure code, title and unit of each measure in the key-figures table we read. The unit is
 * checked against the table's MeasureCodes, so a measure CBS redefines (say, a share becoming a
 * count) fails the run instead of loading silently wrong numbers.
 */
export const cbsMeasures: Record<MeasureName, { code: string; title: string; unit: string }> = {
  inhabitants: { code: "M000352", title: "Aantal inwoners", unit: "aantal" },
  households: { code: "M000114", title: "Huishoudens totaal", unit: "aantal" },
  homes: { code: "M000297", title: "Woningvoorraad", unit: "aantal" },
  avg_gas_m3: { code: "M000219", title: "Gemiddeld aardgasverbruik woningen", unit: "m³" },
  avg_electricity_kwh: { code: "M000221", title: "Gemiddeld elektriciteitsverbruik woningen", unit: "kWh" },
  solar_share: { code: "M000404", title: "Woningen met zonnestroom", unit: "%" },
  ev_chargers: { code: "M000415", title: "Publieke laadpunten", unit: "aantal" },
  green_share: { code: "M000462", title: "Groen (aandeel oppervlakte)", unit: "%" },
};

const measureByCode = new Map(Object.entries(cbsMeasures).map(([name, { code }]) => [code, name as MeasureName]));

/** CBS table ids are five digits and a language suffix (85618NED); anything else is a config error. */
export const TABLE_ID = /^\d{5}[A-Z]{3}$/;

/** `2023JJ00` is the whole year 2023; other period kinds (quarters, months) are not key figures. */
const YEAR_PERIOD = /^(\d{4})JJ00$/;

/**
 * The year of a row: its own `Perioden` when it has one, else the year its table is configured for
 * (the yearly key-figure tables have no period dimension). Anything else as it came, to be quarantined.
 */
export function yearOf(period: unknown, year?: number): unknown {
  if (period === undefined || period === null) return year;
  const match = typeof period === "string" ? YEAR_PERIOD.exec(period.trim())?.[1] : undefined;
  return match ? Number(match) : period;
}

/**
 * The code prefixes of the municipality's gemeente, wijken and buurten: GM0518 → GM0518, WK0518, BU0518.
 * CBS pads codes with spaces ("GM0518    "), so they are matched with startswith, never eq.
 */
export function areaPrefixes(municipalityCode: string): string[] {
  const digits = municipalityCode.slice(2);
  return ["GM", "WK", "BU"].map((prefix) => `${prefix}${digits}`);
}

/** The OData filter for the municipality's areas, in either API version. */
export function areaFilter(municipalityCode: string): string {
  return areaPrefixes(municipalityCode)
    .map((prefix) => `startswith(WijkenEnBuurten,'${prefix}')`)
    .join(" or ");
}

const MeasureCode = z.object({ Identifier: z.string(), Title: z.string(), Unit: z.string().nullish() });

const Observation = z.object({
  Measure: z.string(),
  ValueAttribute: z.string(),
  Value: z.number().nullable(),
  WijkenEnBuurten: z.string(),
  // [guess] The yearly KWB tables may have no period dimension; then the configured year is the period.
  Perioden: z.string().optional(),
});

function pages(url: string, context: ExtractContext, baseUrl: string): AsyncGenerator<SourcePage> {
  return pagesByNextLink(url, context, { items: "value", next: "@odata.nextLink", baseUrl, upstreamBase: CBS_UPSTREAM_BASE });
}

/** Fails when the table no longer has a measure we map, or has it in another unit. */
async function assertMeasures(context: ExtractContext, baseUrl: string, table: string): Promise<void> {
  const listed = new Map<string, z.infer<typeof MeasureCode>>();
  for await (const page of pages(`${baseUrl}/${table}/MeasureCodes`, context, baseUrl)) {
    for (const record of page.records) {
      const parsed = MeasureCode.safeParse(record);
      if (!parsed.success) throw new Error(`${page.origin}: not a CBS measure code: ${parsed.error.issues[0]?.message}`);
      listed.set(parsed.data.Identifier, parsed.data);
    }
  }
  const problems = Object.entries(cbsMeasures).flatMap(([name, { code, unit }]) => {
    const found = listed.get(code);
    if (!found) return [`${code} (${name}) is not listed`];
    if (found.Unit && found.Unit !== unit) return [`${code} (${name}) is in "${found.Unit}", expected "${unit}"`];
    return [];
  });
  if (problems.length) throw new Error(`CBS table ${table} changed its measures: ${problems.join("; ")}`);
}

/**
 * One observation as our record, or null for a measure we do not load. An observation not in the
 * expected shape is passed on with its raw values, so the runner quarantines it with a reason.
 * `year` is the table's configured year, the period of an observation without `Perioden`.
 */
export function toRecord(raw: unknown, year?: number): Record<string, unknown> | null {
  const parsed = Observation.safeParse(raw);
  if (parsed.success) {
    const { Measure, ValueAttribute, Value, WijkenEnBuurten, Perioden } = parsed.data;
    const measure = measureByCode.get(Measure);
    if (!measure) return null;
    // CBS pads area codes with spaces to a fixed width ("BU05180101  ").
    return { area_code: WijkenEnBuurten.trim(), period: yearOf(Perioden, year), measure, value: Value, value_attribute: ValueAttribute };
  }
  const fields = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const code = fields.Measure;
  if (typeof code === "string" && !measureByCode.has(code)) return null;
  return {
    area_code: typeof fields.WijkenEnBuurten === "string" ? fields.WijkenEnBuurten.trim() : fields.WijkenEnBuurten,
    period: yearOf(fields.Perioden, year),
    measure: typeof code === "string" ? measureByCode.get(code) : code,
    value: fields.Value,
    value_attribute: fields.ValueAttribute,
  };
}

/**
 * The live table holds every area of the Netherlands: with a municipality configured, the server is
 * asked only for its gemeente, wijken and buurten (codes are padded, so startswith, not eq).
 */
export function observationsUrl(baseUrl: string, table: string, municipalityCode?: string): string {
  const url = `${baseUrl}/${table}/Observations`;
  if (!municipalityCode) return url;
  return `${url}?${new URLSearchParams({ $filter: areaFilter(municipalityCode) })}`;
}

export interface V4Table {
  baseUrl: string;
  table: string;
  municipalityCode?: string | undefined;
  /** The period of observations without `Perioden`; unset for MM_CBS_TABLE, whose observations must carry it. */
  year?: number | undefined;
}

/** One v4 table's observations of the mapped measures, after checking its MeasureCodes. */
export async function* readV4Table(context: ExtractContext, { baseUrl, table, municipalityCode, year }: V4Table): AsyncGenerator<SourcePage> {
  await assertMeasures(context, baseUrl, table);
  for await (const page of pages(observationsUrl(baseUrl, table, municipalityCode), context, baseUrl)) {
    const records = page.records.map((raw) => toRecord(raw, year)).filter((r) => r !== null);
    // A page of only unmapped measures (or an empty page) still counts as read, with nothing in it.
    yield { origin: page.origin, records };
  }
}
