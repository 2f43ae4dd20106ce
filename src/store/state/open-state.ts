/** The state database from configuration: PostgreSQL when MM_STATE_URL is set, else the DuckDB file itself. */
import type { Database } from "../database.ts";
import { embeddedState } from "./embedded-state.ts";
import { openPostgresState } from "./postgres-state.ts";
import type { StateDb } from "./state-db.ts";
import { describeStateUrl } from "./state-url.ts";

export async function openState({
  url,
  db,
  statementTimeoutMs,
  onError,
}: {
  url: string | undefined;
  db: Database;
  statementTimeoutMs?: number;
  onError?: (error: Error) => void;
}): Promise<StateDb> {
  if (!url) return embeddedState(db);
  try {
    return await openPostgresState(url, { statementTimeoutMs, onError });
  } catch (error) {
    // pg's messages name the host and user at most; the URL is shown without its password.
    throw new Error(`cannot open the state database ${describeStateUrl(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
