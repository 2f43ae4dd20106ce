/**
 * Swaps a validated staging table (holding exactly the published columns) in as the published
 * table, inside the caller's transaction. replace renames it into place: no copy, whatever the
 * size. append and upsert insert into the existing table. An upsert with a precedence (a tier column
 * and its order) never lets a worse tier replace a better one for the same key (those staged rows
 * are `superseded`), and counts the rows a better tier replaced. Around the swap it measures what the
 * publish changed (publish-changes.ts), for the caller to record with its run in the same transaction.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { columnsDdl, type Column } from "./compile-schema.ts";
import type { PipelineDefinition } from "./define-pipeline.ts";
import type { Slice } from "./source.ts";
import { measureBefore, recordPublishChanges } from "./publish-changes.ts";
import { literal, quote } from "../../ground/sql-text.ts";
import { tableExists } from "../../store/table-exists.ts";

export interface Published {
  replaced: number;
  superseded: number;
  /** Records what the publish changed against the table's previous version, for this run. */
  recordChanges(runId: number): Promise<void>;
}

export async function publishStaging(
  connection: DuckDBConnection,
  pipeline: PipelineDefinition,
  columns: Column[],
  stagingTable: string,
  covers?: Slice["covers"],
): Promise<Published> {
  const target = `main.${quote(pipeline.table)}`;
  const staged = `main.${quote(stagingTable)}`;
  const list = columns.map((c) => quote(c.name)).join(", ");
  const existed = await tableExists(connection, pipeline.table);
  const tiers = pipeline.precedence ? `[${pipeline.precedence.order.map((t) => literal(t)).join(", ")}]::VARCHAR[]` : "";
  const rank = (table: string) => `list_position(${tiers}, ${table}.${quote(pipeline.precedence!.column)})`;
  // A staged row that a published row of a better tier keeps out (below) is no change.
  const keptOut = pipeline.mode === "upsert" && pipeline.precedence ? `${rank("o")} > ${rank("s")}` : null;
  const changes = await measureBefore(connection, pipeline, columns, staged, existed ? target : null, keptOut);
  const done = async (replaced: number, superseded: number, deleted = 0): Promise<Published> => {
    const summary = await changes.finish(target, deleted);
    return { replaced, superseded, recordChanges: (runId) => recordPublishChanges(connection, pipeline.name, runId, summary, changes.elapsedMs()) };
  };
  if (pipeline.mode === "replace") {
    await connection.run(`DROP TABLE IF EXISTS ${target}`);
    await connection.run(`ALTER TABLE ${staged} RENAME TO ${quote(pipeline.table)}`);
    return done(0, 0);
  }
  await connection.run(`CREATE TABLE IF NOT EXISTS ${target} (${columnsDdl(columns)})`);
  // A column the schema gained since the table was first published (NULL in the rows before it).
  const present = await connection.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1", [
    pipeline.table,
  ]);
  const existing = new Set(present.getRows().map(([name]) => String(name)));
  for (const column of columns.filter((c) => !existing.has(c.name))) {
    await connection.run(`ALTER TABLE ${target} ADD COLUMN ${quote(column.name)} ${column.type}`);
  }
  let replaced = 0;
  let superseded = 0;
  let deleted = 0;
  if (pipeline.mode === "upsert") {
    const match = pipeline.key.map((k) => `${target}.${quote(k)} = ${staged}.${quote(k)}`).join(" AND ");
    if (pipeline.precedence) {
      const { period } = pipeline.precedence;
      if (covers && period) {
        // The slice is the word on its period: worse rows of the series it holds go, also hours it lacks.
        const series = pipeline.key.filter((k) => k !== period).map((k) => `${staged}.${quote(k)} = ${target}.${quote(k)}`);
        const dropped = await connection.runAndReadAll(
          `DELETE FROM ${target} WHERE ${target}.${quote(period)} > $1::TIMESTAMP AND ${target}.${quote(period)} <= $2::TIMESTAMP
             AND coalesce(${rank(target)}, 0) < list_position(${tiers}, $3)
             AND EXISTS (SELECT 1 FROM ${staged} WHERE ${series.join(" AND ") || "true"}) RETURNING 1`,
          [covers.from, covers.to, covers.tier],
        );
        deleted = dropped.getRows().length;
        replaced += deleted;
      }
      // A published row of a better tier stays; the staged one for its key is not published.
      const kept = await connection.runAndReadAll(`DELETE FROM ${staged} USING ${target} WHERE ${match} AND ${rank(target)} > ${rank(staged)} RETURNING 1`);
      superseded = kept.getRows().length;
      const better = await connection.runAndReadAll(
        `SELECT count(*)::BIGINT FROM ${target} JOIN ${staged} ON ${match} WHERE coalesce(${rank(target)}, 0) < ${rank(staged)}`,
      );
      replaced += Number(better.getRows()[0]![0]);
    }
    await connection.run(`DELETE FROM ${target} USING ${staged} WHERE ${match}`);
  }
  await connection.run(`INSERT INTO ${target} (${list}) SELECT ${list} FROM ${staged}`);
  return done(replaced, superseded, deleted);
}
