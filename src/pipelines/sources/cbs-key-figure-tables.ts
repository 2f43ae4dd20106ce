/**
 * Which CBS key-figure tables a run reads, and the source that reads them. CBS publishes one
 * "Kerncijfers wijken en buurten" table per year, each with its own id, on the v4 API, the classic v3
 * API or both, and as a CSV export. MM_CBS_TABLES lists them, `year:table:kind` (kind v4, v3 or
 * csv[@file-or-URL]); without it the one v4 table of MM_CBS_TABLE is read, as before. One run reads
 * every table in order; a table that fails fails the run naming it, and the published figures stay.
 */
import { msg } from "../../ground/i18n/message.ts";
import { PipelineError } from "../framework/pipeline-error.ts";
import type { CbsTableSetting, ExtractContext, RecordSource, SourcePage, SourceSettings } from "../framework/source.ts";
import { readV4Table, TABLE_ID } from "./cbs-odata.ts";
import { CBS_V3_UPSTREAM_BASE, defaultCsvLocation, readClassicApi, readClassicCsv } from "./cbs-statline-classic.ts";

export const CBS_TABLES_EXAMPLE = "2019:84583NED:v3,2023:85618NED:v4";

const ENTRY = /^(\d{4}):([^:]+):(v4|v3|csv)(?:@(.+))?$/;

/**
 * Parses MM_CBS_TABLES; throws a message saying what is wrong and how it should look.
 * @example parseCbsTables("2019:84583NED:v3, 2020:84799NED:csv@cbs/kwb-2020.csv") // [{year: 2019, table: "84583NED", kind: "v3"}, {…, kind: "csv", location: "cbs/kwb-2020.csv"}]
 */
export function parseCbsTables(text: string): CbsTableSetting[] {
  const tables = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): CbsTableSetting => {
      const match = ENTRY.exec(entry);
      if (!match) throw new Error(`"${entry}" is not year:table:kind`);
      const [, year = "", table = "", kind, location] = match;
      if (!TABLE_ID.test(table)) throw new Error(`"${entry}": ${table} is not a CBS table id like 85618NED`);
      if (location !== undefined && kind !== "csv") throw new Error(`"${entry}": only a csv table takes @file or @URL`);
      const setting: CbsTableSetting = { year: Number(year), table, kind: kind as CbsTableSetting["kind"] };
      return location === undefined ? setting : { ...setting, location };
    });
  const years = tables.map((t) => t.year);
  const twice = years.find((year, i) => years.indexOf(year) !== i);
  if (twice !== undefined) throw new Error(`year ${twice} is listed twice`);
  return tables;
}

type CbsSettings = NonNullable<SourceSettings["cbs"]>;

/** Reads one configured table with the reader of its kind. */
function readTable(context: ExtractContext, cbs: CbsSettings, { year, table, kind, location }: CbsTableSetting): AsyncIterable<SourcePage> {
  const { municipalityCode } = cbs;
  switch (kind) {
    case "v4":
      return readV4Table(context, { baseUrl: cbs.baseUrl, table, municipalityCode, year });
    case "v3":
      return readClassicApi(context, cbs.v3BaseUrl ?? CBS_V3_UPSTREAM_BASE, { table, year, municipalityCode });
    case "csv":
      return readClassicCsv(context, location ?? defaultCsvLocation(table), { table, year, municipalityCode });
  }
}

/** CBS key figures per area and year: every configured table's mapped measures. */
export const cbsKeyFigures: RecordSource = {
  kind: "records",
  describe:
    "CBS StatLine key figures per year: OData v4 /Observations and /MeasureCodes, classic v3 /DataProperties and /TypedDataSet, or a StatLine CSV export",
  async *extract(context) {
    const cbs = context.settings.cbs;
    if (!cbs) throw new PipelineError(msg("cbs.notConfigured"));
    if (!cbs.tables?.length) {
      if (!TABLE_ID.test(cbs.table)) throw new PipelineError(msg("cbs.badTable", { table: JSON.stringify(cbs.table), setting: "MM_CBS_TABLE" }));
      yield* readV4Table(context, cbs);
      return;
    }
    for (const entry of cbs.tables) {
      const label = { year: entry.year, table: entry.table, kind: entry.kind };
      if (!TABLE_ID.test(entry.table)) {
        throw new PipelineError(
          msg("cbs.tableFailed", { ...label, reason: msg("cbs.badTable", { table: JSON.stringify(entry.table), setting: "MM_CBS_TABLES" }) }),
        );
      }
      try {
        yield* readTable(context, cbs, entry);
      } catch (error) {
        if (context.signal.aborted) throw error;
        const reason = error instanceof PipelineError ? error.text : msg("run.failed", { detail: error instanceof Error ? error.message : String(error) });
        throw new PipelineError(msg("cbs.tableFailed", { ...label, reason }));
      }
    }
  },
};
