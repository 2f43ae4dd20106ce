/**
 * The Regionale Klimaatmonitor's Open Data Service (OData v4 JSON, https://klimaatmonitor.databank.nl/jiveservices/odata,
 * a personal key in the `apikey` header): per dataset, the yearly values for the municipality of the variables
 * that config/klimaatmonitor-variables.json maps onto the dataset's categories. Its terms ask for periodic
 * import rather than live coupling, so the pipelines that read it run weekly; without a key they read their
 * CSV exports instead (klimaatmonitorOrCsv).
 *
 * Where ../shared/SOURCES.md §4 only guesses, either answer is survived:
 * - the catalogue's items name their id ExternalCode (as third parties read it), Id or Name; an id the listing
 *   lacks is asked for by itself (/Variables('id')) before the run fails naming it and the ids that exist;
 * - a gemeente's ExternalCode: "GM0518", "0518", "518" and "gemeente_518" all mean GM0518;
 * - the server filter on ExternalCode: refused, it is asked again without; ignored, or matching nothing,
 *   the municipality's rows are picked out here, as they always are;
 * - a Period is "2019" or 2019; a ValueString of '?' or '' is missing.
 * The key travels only as a header: URLs, stored errors and logs never hold it.
 */
import { msg, type Message } from "../../ground/i18n/message.ts";
import { fetchIfPresent } from "../framework/fetch-json.ts";
import { pagesByNextLink } from "../framework/paging.ts";
import { PipelineError } from "../framework/pipeline-error.ts";
import { chooseSource, type ChoiceSource, type ExtractContext, type RecordSource, type SourcePage, type SourceSettings } from "../framework/source.ts";
import { redactUrl, UpstreamError } from "../framework/upstream-error.ts";
import { csvFile } from "./files.ts";
import { externalCodeFilter, isMunicipalityRow, nearestIds, toRecords, variableIdOf, yearRanges, type ValueRow } from "./klimaatmonitor-records.ts";
import { loadDatasetVariables, type Categories, type VariableMapping } from "./klimaatmonitor-variables.ts";

/** The live service's base: the next links it writes are absolute and point here. */
export const KLIMAATMONITOR_UPSTREAM_BASE = "https://klimaatmonitor.databank.nl/jiveservices/odata";

type Settings = NonNullable<SourceSettings["klimaatmonitor"]>;

/** What one dataset reads: its name in the variables file, its category fields, and the column the values go to. */
export interface KlimaatmonitorDataset<C extends Categories> {
  dataset: string;
  categories: C;
  valueColumn: string;
}

/** The service as this source uses it: every request with the key header, a refused key named as the setting to fix. */
function odsClient(context: ExtractContext, settings: Settings) {
  const baseUrl = settings.baseUrl.replace(/\/+$/, "");
  const headers = { apikey: settings.apiKey };
  const keyRefused = (error: unknown, url: string) =>
    error instanceof UpstreamError && (error.status === 401 || error.status === 403)
      ? new PipelineError(msg("klimaatmonitor.keyRefused", { url: redactUrl(url), status: error.status }))
      : error;
  return {
    baseUrl,
    /** Every page of a collection, following @odata.nextLink. */
    async list(url: string): Promise<SourcePage[]> {
      const pages: SourcePage[] = [];
      try {
        const options = { next: "@odata.nextLink", baseUrl, upstreamBase: KLIMAATMONITOR_UPSTREAM_BASE, headers };
        for await (const page of pagesByNextLink(url, context, options)) pages.push(page);
      } catch (error) {
        throw keyRefused(error, url);
      }
      return pages;
    },
    /** One entity, or null when the service has none (404, 410). */
    async get(url: string): Promise<unknown> {
      try {
        return await fetchIfPresent(context.fetchJson, url, { signal: context.signal, headers });
      } catch (error) {
        throw keyRefused(error, url);
      }
    },
  };
}
type OdsClient = ReturnType<typeof odsClient>;

/** An answer to /Variables('id') that is the variable: anything but nothing, or an empty collection. */
const isEntity = (body: unknown) =>
  body !== null && !(typeof body === "object" && Array.isArray((body as { value?: unknown }).value) && !(body as { value: unknown[] }).value.length);

/** Fails, naming the ids the service lacks and those it has, unless every variable of the dataset exists. */
async function assertVariablesExist(client: OdsClient, dataset: string, variables: readonly { id: string }[], file: string): Promise<void> {
  const listed = new Set<string>();
  for (const page of await client.list(`${client.baseUrl}/Variables`)) {
    for (const item of page.records) {
      const id = variableIdOf(item);
      if (id) listed.add(id);
    }
  }
  const missing: string[] = [];
  for (const { id } of variables) {
    // Not listed: the listing may be cut short or name ids another way, so ask for the variable itself.
    if (!listed.has(id) && !isEntity(await client.get(`${client.baseUrl}/Variables('${id}')`))) missing.push(id);
  }
  if (missing.length)
    throw new PipelineError(msg("klimaatmonitor.unknownVariables", { dataset, missing: missing.join(", "), known: nearestIds(listed, missing), file }));
}

/** The first few ExternalCodes of an answer, so a failure shows how the service writes them. */
function examplesOf(pages: SourcePage[]): string | Message {
  const codes = new Set(pages.flatMap((p) => p.records.map((r) => JSON.stringify((r as { ExternalCode?: unknown } | null)?.ExternalCode ?? null))));
  return codes.size ? [...codes].slice(0, 5).join(", ") : msg("klimaatmonitor.noRows");
}

const valuesUrl = (baseUrl: string, id: string) => `${baseUrl}/Variables('${id}')/GeoLevels('gemeente')/PeriodLevels('year')/Periods('all')/Values`;

/**
 * The municipality's rows of one variable. The server is asked for them by ExternalCode; `filter.use` turns
 * false, for this and the later variables, once it refuses the filter or the filter finds nothing while the
 * whole list has the municipality (it writes the code in a way the filter does not guess).
 */
async function municipalityRows(client: OdsClient, id: string, municipalityCode: string, filter: { use: boolean }): Promise<ValueRow[]> {
  const url = valuesUrl(client.baseUrl, id);
  const ours = (pages: SourcePage[]) =>
    pages.flatMap((p) => p.records.filter((r) => isMunicipalityRow(r, municipalityCode))).map((r) => ({ period: r.Period, value: r.ValueString }));
  if (filter.use) {
    try {
      const rows = ours(await client.list(`${url}?$filter=${encodeURIComponent(externalCodeFilter(municipalityCode))}`));
      if (rows.length) return rows;
    } catch (error) {
      // A service that refuses the filter answers with a lasting error (400, 501): ask without it.
      if (!(error instanceof UpstreamError && error.permanent)) throw error;
    }
    filter.use = false;
  }
  const pages = await client.list(url);
  const rows = ours(pages);
  if (!rows.length) throw new PipelineError(msg("klimaatmonitor.noMunicipality", { url: redactUrl(url), code: municipalityCode, examples: examplesOf(pages) }));
  return rows;
}

/** One dataset's records from the Klimaatmonitor: the variables checked, their values read, added up per year and category. */
export function klimaatmonitorSource<const C extends Categories>({ dataset, categories, valueColumn }: KlimaatmonitorDataset<C>): RecordSource {
  return {
    kind: "records",
    describe: `Klimaatmonitor Open Data Service, the ${dataset} variables of MM_KLIMAATMONITOR_VARIABLES`,
    async *extract(context) {
      const settings = context.settings.klimaatmonitor;
      if (!settings) throw new Error("Klimaatmonitor source not configured: settings.klimaatmonitor needs baseUrl, apiKey, municipalityCode and variablesFile");
      if (!/^GM\d{4}$/.test(settings.municipalityCode))
        throw new Error(`klimaatmonitor.municipalityCode must be a CBS code like GM0518, got ${settings.municipalityCode}`);
      const file = settings.variablesFile;
      const { fromYear, variables } = await loadDatasetVariables(file, dataset, categories);
      const client = odsClient(context, settings);
      await assertVariablesExist(client, dataset, variables, file);
      const filter = { use: true };
      const rows = new Map<string, ValueRow[]>();
      for (const { id } of variables) rows.set(id, await municipalityRows(client, id, settings.municipalityCode, filter));
      const { records, years, yearsWithValues } = toRecords(variables as VariableMapping<C>[], rows, { fromYear, valueColumn });
      if (!years.length) {
        const perVariable = [...yearsWithValues].map(([id, withValues]) => `${id} ${yearRanges(withValues)}`).join("; ");
        throw new PipelineError(msg("klimaatmonitor.noCompleteYear", { from: fromYear, dataset, years: perVariable, file }));
      }
      yield { origin: `${client.baseUrl}/Variables(${variables.map((v) => `'${v.id}'`).join(",")})/…/Values`, records };
    },
  };
}

/**
 * The Klimaatmonitor when a key is configured, else the CSV export the dataset had before: both give the
 * same records, so the pipeline's schema, checks and views do not know which one ran.
 */
export function klimaatmonitorOrCsv<const C extends Categories>(dataset: KlimaatmonitorDataset<C>, file: string): ChoiceSource {
  const api = klimaatmonitorSource(dataset);
  const csv = csvFile(file);
  return chooseSource(`${api.describe} (with MM_KLIMAATMONITOR_KEY), else ${csv.describe}`, (settings) => (settings.klimaatmonitor ? api : csv));
}
