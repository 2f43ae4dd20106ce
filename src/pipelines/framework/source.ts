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
  /** PDOK boundaries WFS (e.g. https://service.pdok.nl/cbs/gebiedsindelingen/2024/wfs/v1_0) and the municipality kept. */
  pdok?: { baseUrl: string; municipalityCode: string };
  /** CBS StatLine OData v4 (https://datasets.cbs.nl/odata/v1/CBS) and the table read, e.g. 85618NED. */
  cbs?: { baseUrl: string; table: string; municipalityCode?: string | undefined };
  /** OGC SensorThings v1.0 (RIVM Samen Meten, https://api-samenmeten.rivm.nl/v1.0); bbox is [west, south, east, north] in WGS84. */
  sensorthings?: { baseUrl: string; from?: string; to?: string; bbox?: [number, number, number, number] };
  /** Folder that relative file paths of file sources are resolved against. */
  filesDir?: string;
  /** "Now" for freshness: the demo is a snapshot that ends at a fixed date. Defaults to the clock. */
  asOf?: string;
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
}

export interface CsvSource extends SourceBase {
  kind: "csv";
  /** Absolute path of the file to read, from the settings. */
  file(settings: SourceSettings): string;
  dialect: CsvDialect;
}

export type Source = RecordSource | CsvSource;
