/**
 * Row validation in one set-wise pass over the staging table: rows that break a rule of the record
 * schema are copied to meta.rejects (origin, line, column, reason, raw value) and removed.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { firstViolationSql, type Column } from "./compile-schema.ts";
import { quote } from "./sql-text.ts";

export interface Locator {
  /** SQL for the origin and raw text of a staged row `s`, and for the line of the row with a given rowid. */
  origin: string;
  line: (rowid: string) => string;
  raw: string;
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
  await connection.run(`CREATE OR REPLACE TEMP TABLE __violations AS SELECT rowid AS r, ${violation} AS v FROM ${staged} s WHERE v IS NOT NULL`);
  const count = Number((await connection.runAndReadAll("SELECT count(*)::BIGINT FROM __violations")).getRows()[0]![0]);
  if (count > 0) {
    await connection.run(
      `INSERT INTO meta.rejects
       SELECT $1, $2, ${locator.origin}, ${locator.line("x.r")}, x.v[1], x.v[2], ${locator.raw}
       FROM __violations x JOIN ${staged} s ON s.rowid = x.r`,
      [reject.runId, reject.pipeline],
    );
    await connection.run(`DELETE FROM ${staged} WHERE rowid IN (SELECT r FROM __violations)`);
  }
  await connection.run("DROP TABLE __violations");
  return count;
}
