/**
 * What a pipeline reads. A record source yields pages of raw records (HTTP JSON APIs, JSON and
 * GeoJSON files); a CSV source names a file and its pinned dialect, and DuckDB reads it directly.
 */
import type { Row } from "../../store/database.ts";
import type { FetchJson } from "./fetch-json.ts";

export interface SourcePage {
  /** Where the records came from (URL or file), stored with any rejected record. */
  origin: string;
  records: unknown[];
}

/** Per-source settings from configuration: base URLs point at the live API or a loopback server. */
export interface SourceSettings {
  /** `stations` limits the extract to the municipality's stations (the API lists the whole country). */
  luchtmeetnet: { baseUrl: string; from?: string | undefined; to?: string | undefined; stations?: string[] | undefined };
  /**
   * RIVM's air-quality bulk files (https://data.rivm.nl/data/luchtmeetnet): history from `historyFrom`
   * (MM_HISTORY_FROM); `timeOffset` is the UTC offset of the files' zone-less times (MM_RIVM_TIME_OFFSET).
   */
  rivm?: { baseUrl: string; historyFrom: string; timeOffset: string };
  /** PDOK boundaries WFS (e.g. https://service.pdok.nl/cbs/gebiedsindelingen/2024/wfs/v1_0) and the municipality kept. */
  pdok?: { baseUrl: string; municipalityCode: string };
  /**
   * PDOK's BAG OGC API Features (https://api.pdok.nl/kadaster/bag/ogc/v2, MM_BAG_URL); `bbox` is the
   * municipality's extent [west, south, east, north] in WGS84 (MM_BAG_BBOX), else the published gemeente's.
   */
  bag?: { baseUrl: string; bbox?: [number, number, number, number] | undefined };
  /**
   * CBS StatLine OData v4 (https://datasets.cbs.nl/odata/v1/CBS) and the table read, e.g. 85618NED.
   * With `tables` (MM_CBS_TABLES), every year's table is read instead of `table`: from v4, from the
   * classic v3 API at `v3BaseUrl` (https://opendata.cbs.nl/ODataApi/odata) or from a CSV export.
   */
  cbs?: {
    baseUrl: string;
    table: string;
    municipalityCode?: string | undefined;
    v3BaseUrl?: string | undefined;
    tables?: CbsTableSetting[] | undefined;
  };
  /** OGC SensorThings v1.0 (RIVM Samen Meten, https://api-samenmeten.rivm.nl/v1.0); bbox is [west, south, east, north] in WGS84. */
  sensorthings?: { baseUrl: string; from?: string; to?: string; bbox?: [number, number, number, number] };
  /**
   * The Klimaatmonitor Open Data Service (https://klimaatmonitor.databank.nl/jiveservices/odata): set
   * only with an API key (sent as the `apikey` header, never logged); `variablesFile` maps its variable
   * ids onto our categories (config/klimaatmonitor-variables.json).
   */
  klimaatmonitor?: { baseUrl: string; apiKey: string; municipalityCode: string; variablesFile: string };
  /** Folder that relative file paths of file sources are resolved against. */
  filesDir?: string;
  /**
   * Folder of column mappings (MM_REGISTER_MAPPINGS): a CSV source that may have one reads its export
   * through `<folder>/<mapping>.json` when that file exists (column-mapping.ts). Unset: exports are in our columns.
   */
  registerMappings?: string;
  /** "Now" for freshness: the demo is a snapshot that ends at a fixed date. Defaults to the clock. */
  asOf?: string;
}

/**
 * One year's CBS key-figure table (an entry of MM_CBS_TABLES): read from the v4 API, the classic v3 API,
 * or its CSV export at `location` (a path under filesDir, or an http(s) URL).
 */
export interface CbsTableSetting {
  year: number;
  table: string;
  kind: "v4" | "v3" | "csv";
  location?: string | undefined;
}

/** "Now" as the data knows it: the demo's snapshot date where set, else the clock. */
export function dataNow(settings: SourceSettings, clock: () => Date): Date {
  return settings.asOf ? new Date(settings.asOf) : clock();
}

export interface ExtractContext {
  settings: SourceSettings;
  fetchJson: FetchJson;
  now: Date;
  /** Reads the currently published data, e.g. to resume an incremental extract. */
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** The table this pipeline publishes to (a validated identifier). */
  table: string;
  signal: AbortSignal;
}

interface SourceBase {
  /** Human description for the analyst view, e.g. "Luchtmeetnet API /measurements". */
  describe: string;
  /**
   * Where this source's data should be but is not (a file source: its resolved path), or null when
   * it is there. A source that cannot tell without a run (an HTTP API) leaves it out: available.
   * Only demo mode asks (demo-data.ts); live, a missing file fails the run, which says so.
   */
  missingData?(settings: SourceSettings): string | null;
}

export interface RecordSource extends SourceBase {
  kind: "records";
  extract(context: ExtractContext): AsyncIterable<SourcePage>;
}

export interface CsvDialect {
  delimiter: string;
  quote: string;
  escape: string;
  header: true;
  /** strptime format for TIMESTAMP columns when they are not ISO 8601. */
  timestampFormat?: string;
  /** The file's character set; default UTF-8 (with or without a byte-order mark). */
  encoding?: "utf-8" | "latin-1";
}

export interface CsvSource extends SourceBase {
  kind: "csv";
  /** Absolute path of the file to read, from the settings. */
  file(settings: SourceSettings): string;
  dialect: CsvDialect;
  /** The name of this export's column mapping (`<name>.json` in settings.registerMappings), when it may be read through one. */
  mapping?: string;
}

/** A source that reads directly: pages of records, or a CSV file. */
export type DirectSource = RecordSource | CsvSource;

/**
 * A source decided by the settings when a run starts: e.g. an API when its key is configured, else
 * the CSV export it replaces. `describe` names both; the run reads the chosen one.
 */
export interface ChoiceSource extends SourceBase {
  kind: "choice";
  choose(settings: SourceSettings): DirectSource;
}

/**
 * History loaded in slices (a year, a month), each published as it completes, so a long backfill can
 * be watched and resumes where it stopped (run-pipeline.ts). `plan` lists every slice in order; the
 * runner skips the ones already loaded.
 */
export interface SlicedSource extends SourceBase {
  kind: "sliced";
  plan(context: ExtractContext, loaded: ReadonlySet<string>): Promise<Slice[]>;
}

export interface Slice {
  /** Stable id, e.g. "validated:2019" or "provisional:2025-03": once loaded, a "once" slice is skipped. */
  id: string;
  /** For people: "2019, vastgesteld". */
  label: string;
  /** "once": loaded once, then skipped (history); "always": read on every run (the API's recent hours). */
  repeat: "once" | "always";
  source: RecordSource;
  /**
   * The period (from, to] of the pipeline's precedence period column this slice is the word on, in
   * `tier`: rows of a worse tier there are dropped for every series the slice holds, also hours the
   * slice lacks (a validated year without the hours validation rejected).
   */
  covers?: { from: string; to: string; tier: string };
}

export type Source = DirectSource | ChoiceSource | SlicedSource;

/** A choice source; what it misses is what the chosen source misses. */
export function chooseSource(describe: string, choose: (settings: SourceSettings) => DirectSource): ChoiceSource {
  return { kind: "choice", describe, choose, missingData: (settings) => choose(settings).missingData?.(settings) ?? null };
}

/** The source a run reads now: a choice resolved by the settings. */
export function directSource(source: DirectSource | ChoiceSource, settings: SourceSettings): DirectSource {
  return source.kind === "choice" ? source.choose(settings) : source;
}
