/**
 * Row validation in one set-wise pass over the staging table: rows that break a rule of the record
 * schema, and the versions of a key that arrived with different values, are quarantined (counted,
 * and sampled with origin, line, column, reason in English and Dutch and raw value; see
 * reject-store.ts) and removed; identical copies of a record are removed as duplicates.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { firstViolationSql, type Column } from "./compile-schema.ts";
import { storeRejects, type RejectSink } from "./reject-store.ts";
import { deleteRepeats, resolveRepeats } from "./resolve-repeats.ts";
import { quote } from "../../ground/sql-text.ts";
import type { Locator } from "./locator.ts";

export interface Validated {
  rejected: number;
  /** Identical copies of a record dropped (see resolve-repeats.ts). */
  duplicates: number;
}

export async function quarantineViolations(
  connection: DuckDBConnection,
  columns: Column[],
  key: string[],
  stagingTable: string,
  locator: Locator,
  sink: RejectSink,
): Promise<Validated> {
  const violation = firstViolationSql(columns, locator.extraViolation ? [locator.extraViolation] : []);
  const staged = `main.${quote(stagingTable)}`;
  // Origin and raw text are taken in the same scan, and only for the (few) rows that break a rule.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE __violations AS
     SELECT rowid AS r, ${violation} AS v, ${locator.origin} AS origin, ${locator.raw} AS raw, ${"row" in locator.line ? locator.line.row : "NULL"} AS line
     FROM ${staged} s WHERE v IS NOT NULL`,
  );
  const broken = Number((await connection.runAndReadAll("SELECT count(*)::BIGINT FROM __violations")).getRows()[0]![0]);
  const repeats = key.length ? await resolveRepeats(connection, columns, key, staged, locator, "__violations") : { duplicates: 0, dropped: 0 };
  const [line, join] = "row" in locator.line ? ["x.line", ""] : [locator.line.rejected, locator.line.join];
  // v is [column, reason, reason_nl] for a broken rule, plus [kind, kind_nl] when the reason quotes the row's values.
  const rejected = await storeRejects(
    connection,
    sink,
    `SELECT x.r, x.origin, ${line} AS line, x.v[1] AS column_name, x.v[2] AS reason, x.v[3] AS reason_nl,
            coalesce(x.v[4], x.v[2]) AS kind, coalesce(x.v[5], x.v[3]) AS kind_nl, x.raw
     FROM __violations x ${join}`,
  );
  if (broken > 0 || repeats.dropped > 0) {
    // Deleting from a freshly bulk-written table before it is checkpointed costs seconds per ten
    // million rows; after a checkpoint it is a quick filtered scan. The checkpoint is only an
    // optimisation: while readers hold transactions DuckDB refuses it, and the delete is slower.
    await connection.run("CHECKPOINT").catch(() => undefined);
    // By rowid first, while the rowids are still those the repeats were found with.
    if (repeats.dropped > 0) await deleteRepeats(connection, staged);
    if (broken > 0) await connection.run(`DELETE FROM ${staged} AS s WHERE (${violation}) IS NOT NULL`);
  }
  await connection.run("DROP TABLE __violations");
  return { rejected, duplicates: repeats.duplicates };
}

/** After validation the staging table keeps only the published columns, so publishing is a rename. */
export async function dropMetaColumns(connection: DuckDBConnection, stagingTable: string, columns: Column[]): Promise<void> {
  const published = new Set(columns.map((c) => c.name));
  const reader = await connection.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1", [
    stagingTable,
  ]);
  for (const [name] of reader.getRows()) {
    if (!published.has(String(name))) await connection.run(`ALTER TABLE main.${quote(stagingTable)} DROP COLUMN ${quote(String(name))}`);
  }
}
