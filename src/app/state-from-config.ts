/**
 * The state database as configured (MM_STATE_URL, MM_QUERY_TIMEOUT_MS), for the writer and the
 * reader alike; when it cannot be opened, `undo` closes what the caller opened before it.
 */
import type { Logger } from "../ground/logger.ts";
import type { Database } from "../store/database.ts";
import { openState } from "../store/state/open-state.ts";
import type { StateDb } from "../store/state/state-db.ts";
import type { Config } from "./config.ts";

export async function stateFromConfig(config: Config, db: Database, logger: Logger, undo: () => Promise<void>): Promise<StateDb> {
  try {
    return await openState({
      url: config.MM_STATE_URL,
      db,
      statementTimeoutMs: config.MM_QUERY_TIMEOUT_MS,
      onError: (error) => logger.error({ err: error }, `state database connection failed: ${error.message}`),
    });
  } catch (error) {
    await undo();
    throw error;
  }
}
