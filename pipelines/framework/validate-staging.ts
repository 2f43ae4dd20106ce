/**
 * Row validation in one set-wise pass over the staging table: rows that break a rule of the record
 * schema are copied to meta.rejects (origin, line, column, reason in English and Dutch, raw value)
 * and removed.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { firstViolationSql, type Column } from "./compile-schema.ts";
import { quote } from "./sql-text.ts";

export interface Locator {
  /** SQL over a staged row `s` for its origin and raw text. */
  origin: string;
  raw: string;
  /** The line: SQL over the staged row `s`, or over a rejected row `x` (staging rowid `x.r`) with a join. */
  line: { row: string } | { rejected: string; join: string };
  /** Extra CASE branches checked before the schema's rules (e.g. failed casts). */
  extraViolation?: string;
}

export async function quarantineViolations(
  connection: DuckDBConnection,
  columns: Column[],
  stagingTable: string,
  locator: Locator,
  reject: { runId: number; pipeline: string },
): Promise<number> {
  const violation = firstViolationSql(columns, locator.extraViolation ? [locator.extraViolation] : []);
  const staged = `main.${quote(stagingTable)}`;
  // Origin and raw text are taken in the same scan, and only for the (few) rows that break a rule.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE __violations AS
     SELECT rowid AS r, ${violation} AS v, ${locator.origin} AS origin, ${locator.raw} AS raw, ${"row" in locator.line ? locator.line.row : "NULL"} AS line
     FROM ${staged} s WHERE v IS NOT NULL`,
  );
  const count = Number((await connection.runAndReadAll("SELECT count(*)::BIGINT FROM __violations")).getRows()[0]![0]);
  if (count > 0) {
    const [line, join] = "row" in locator.line ? ["x.line", ""] : [locator.line.rejected, locator.line.join];
    await connection.run(
      `INSERT INTO meta.rejects (run_id, pipeline, origin, line, column_name, reason, raw, reason_nl)
       SELECT $1, $2, x.origin, ${line}, x.v[1], x.v[2], x.raw, x.v[3] FROM __violations x ${join}`,
      [reject.runId, reject.pipeline],
    );
    // Deleting from a freshly bulk-written table before it is checkpointed costs seconds per ten
    // million rows; after a checkpoint it is a quick filtered scan. The checkpoint is only an
    // optimisation: while readers hold transactions DuckDB refuses it, and the delete is slower.
    await connection.run("CHECKPOINT").catch(() => undefined);
    await connection.run(`DELETE FROM ${staged} AS s WHERE (${violation}) IS NOT NULL`);
  }
  await connection.run("DROP TABLE __violations");
  return count;
}

/** After validation the staging table keeps only the published columns, so publishing is a rename. */
export async function dropMetaColumns(connection: DuckDBConnection, stagingTable: string, columns: Column[]): Promise<void> {
  const published = new Set(columns.map((c) => c.name));
  const reader = await connection.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1", [stagingTable]);
  for (const [name] of reader.getRows()) {
    if (!published.has(String(name))) await connection.run(`ALTER TABLE main.${quote(stagingTable)} DROP COLUMN ${quote(String(name))}`);
  }
}
