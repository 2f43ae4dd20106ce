/**
 * Swaps a validated staging table (holding exactly the published columns) in as the published
 * table, inside the caller's transaction. replace renames it into place: no copy, whatever the
 * size. append and upsert insert into the existing table.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { columnsDdl, type Column } from "./compile-schema.ts";
import type { PipelineDefinition } from "./define-pipeline.ts";
import { quote } from "../../ground/sql-text.ts";

export async function publishStaging(connection: DuckDBConnection, pipeline: PipelineDefinition, columns: Column[], stagingTable: string): Promise<void> {
  const target = `main.${quote(pipeline.table)}`;
  const staged = `main.${quote(stagingTable)}`;
  const list = columns.map((c) => quote(c.name)).join(", ");
  if (pipeline.mode === "replace") {
    await connection.run(`DROP TABLE IF EXISTS ${target}`);
    await connection.run(`ALTER TABLE ${staged} RENAME TO ${quote(pipeline.table)}`);
    return;
  }
  await connection.run(`CREATE TABLE IF NOT EXISTS ${target} (${columnsDdl(columns)})`);
  if (pipeline.mode === "upsert") {
    const match = pipeline.key.map((k) => `${target}.${quote(k)} = ${staged}.${quote(k)}`).join(" AND ");
    await connection.run(`DELETE FROM ${target} USING ${staged} WHERE ${match}`);
  }
  await connection.run(`INSERT INTO ${target} (${list}) SELECT ${list} FROM ${staged}`);
}
