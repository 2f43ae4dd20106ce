/** What a pipeline's source gives the runner: pages of raw records, each page named for quarantine. */
import type { Row } from "../../server/db/database.ts";
import type { FetchJson } from "./fetch-json.ts";

export interface SourcePage {
  /** Where the records came from (URL or file), stored with any rejected record. */
  origin: string;
  records: unknown[];
}

/** Per-source settings from configuration: base URLs point at the live API or a loopback server. */
export interface SourceSettings {
  luchtmeetnet: { baseUrl: string; from?: string | undefined; to?: string | undefined };
}

export interface ExtractContext {
  settings: SourceSettings;
  fetchJson: FetchJson;
  now: Date;
  /** Reads the currently published data, e.g. to resume an incremental extract. */
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** The table this pipeline publishes to (already quoted-safe: it is a validated identifier). */
  table: string;
  signal: AbortSignal;
}

export interface Source {
  /** Human description for the analyst view, e.g. "Luchtmeetnet API /measurements". */
  describe: string;
  extract(context: ExtractContext): AsyncIterable<SourcePage>;
}
