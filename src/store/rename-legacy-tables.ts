/**
 * Before issue 17 four pipelines published a table under a name of their own (`air_measurements` for
 * the pipeline `air-quality-measurements`); now every table is named after its pipeline. A database
 * written before keeps its data and history: at open, each old table that is still there is renamed,
 * once, and the record of which table holds a pipeline's published run is renamed with it.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { quote } from "../ground/sql-text.ts";

/**
 * The tables published under another name before, and their names now: history, written out, so the
 * database layer needs nothing of the pipeline registry (a unit test checks each new name is a
 * registered pipeline's table).
 */
export const LEGACY_TABLES: Readonly<Record<string, string>> = {
  air_stations: "air_quality_stations",
  air_measurements: "air_quality_measurements",
  air_sensors: "air_quality_sensors",
  air_sensor_observations: "air_quality_sensor_observations",
};

export interface TableRename {
  from: string;
  to: string;
}

/**
 * Renames each legacy table whose new name is still free, in one transaction with meta.published
 * (so the run history never names a table that is not there). A database that has both names is
 * left as it is: the new table is the one served, and the old one is for an operator to look at.
 * Returns what was renamed, for the start-up log.
 */
export async function renameLegacyTables(connection: DuckDBConnection): Promise<TableRename[]> {
  const reader = await connection.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'");
  const present = new Set(reader.getRows().map((r) => String(r[0])));
  const renames = Object.entries(LEGACY_TABLES)
    .map(([from, to]) => ({ from, to }))
    .filter(({ from, to }) => present.has(from) && !present.has(to));
  if (renames.length === 0) return [];
  await connection.run("BEGIN TRANSACTION");
  try {
    for (const { from, to } of renames) {
      // Both names come from LEGACY_TABLES, an allow-list.
      const rename = `ALTER TABLE main.${quote(from)} RENAME TO ${quote(to)}`;
      await connection.run(rename);
      await connection.run("UPDATE meta.published SET table_name = $1 WHERE table_name = $2", [to, from]);
    }
    await connection.run("COMMIT");
  } catch (error) {
    await connection.run("ROLLBACK").catch(() => {});
    throw error;
  }
  return renames;
}
