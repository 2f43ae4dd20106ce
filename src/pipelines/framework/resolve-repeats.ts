/**
 * Records that arrive more than once in one run — on two pages, in two request windows that share a
 * bound (Luchtmeetnet does not document whether `start` and `end` are both included), twice in a
 * file — are resolved by the pipeline's key: identical copies are one record, and a key that arrives
 * with different values is not guessed at: each version is quarantined, with a reason naming the key
 * and the values that differ. Set-wise over the valid rows of the staging table, before any row is
 * deleted from it (a CSV row's line is derived from its rowid). Without a key a row has no identity,
 * so nothing counts as repeated.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { localize } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { Column } from "./compile-schema.ts";
import { messageSql } from "./message-sql.ts";
import { literal, quote } from "../../ground/sql-text.ts";
import type { Locator } from "./locator.ts";

export interface Repeats {
  /** Identical copies dropped: the record was kept once. */
  duplicates: number;
  /** Rows to delete from staging (the dropped copies and every row of a conflicting key); see deleteRepeats. */
  dropped: number;
}

/** A value as a reason quotes it: timestamps in ISO 8601 UTC, a missing value as null. */
function valueText(column: Column, value: string): string {
  const text = column.type === "TIMESTAMP" ? `strftime(${value}, '%Y-%m-%dT%H:%M:%SZ')` : `${value}::VARCHAR`;
  return `coalesce(${text}, 'null')`;
}

/**
 * Finds the keys carried by more than one row that is not in `violations` (staging rowid `r`), adds
 * one row per version of each key that arrived with different values to `violations` (columns r, v,
 * origin, raw, line, as quarantineViolations makes it), and keeps the rowids to delete for
 * deleteRepeats.
 */
export async function resolveRepeats(
  connection: DuckDBConnection,
  columns: Column[],
  key: string[],
  staged: string,
  locator: Locator,
  violations: string,
): Promise<Repeats> {
  const all = columns.map((c) => quote(c.name));
  const keys = key.map(quote);
  const same = (a: string, b: string) => keys.map((k) => `${a}.${k} IS NOT DISTINCT FROM ${b}.${k}`).join(" AND ");
  // Only the rows of repeated keys are copied out: one GROUP BY over the key, the cost of a unique
  // check. It counts broken rows too (cheaper than leaving them out first); a key that then has one
  // valid row left is kept as it is below.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE __repeats AS
     SELECT s.rowid AS r, ${all.map((c) => `s.${c}`).join(", ")}, ${locator.origin} AS origin, ${locator.raw} AS raw, ${"row" in locator.line ? locator.line.row : "NULL"} AS line
     FROM ${staged} s
     SEMI JOIN (SELECT ${keys.join(", ")} FROM ${staged} GROUP BY ALL HAVING count(*) > 1) k ON ${same("s", "k")}
     ANTI JOIN ${violations} x ON s.rowid = x.r`,
  );
  const repeated = await count(connection, "SELECT count(*) FROM __repeats");
  if (repeated === 0) {
    await connection.run("DROP TABLE __repeats");
    return { duplicates: 0, dropped: 0 };
  }
  // Each distinct version of a repeated key, by its first copy.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE __versions AS
     SELECT min(r) AS r, ${all.join(", ")}, count(*) OVER (PARTITION BY ${keys.join(", ")}) AS versions FROM __repeats GROUP BY ${all.join(", ")}`,
  );
  const others = columns.filter((c) => !key.includes(c.name));
  if (others.length) await quarantineConflicts(connection, columns, others, key, violations);
  await connection.run(`CREATE OR REPLACE TEMP TABLE __repeats_dropped AS SELECT r FROM __repeats EXCEPT SELECT r FROM __versions WHERE versions = 1`);
  const duplicates = repeated - (await count(connection, "SELECT count(*) FROM __versions"));
  const dropped = await count(connection, "SELECT count(*) FROM __repeats_dropped");
  await connection.run("DROP TABLE __repeats; DROP TABLE __versions");
  return { duplicates, dropped };
}

/**
 * One reject per version of a conflicting key, with its first copy's origin, line and raw text:
 * `same key (station_number NL10404, …) arrived with different values: value 12.3 and 12.9`.
 * The reason is rendered in SQL (messageSql), since a broken source may send many such keys.
 */
async function quarantineConflicts(connection: DuckDBConnection, columns: Column[], others: Column[], key: string[], violations: string): Promise<void> {
  const keys = key.map(quote);
  const same = keys.map((k) => `v.${k} IS NOT DISTINCT FROM c.${k}`).join(" AND ");
  const differs = (c: Column) => `count(DISTINCT ${valueText(c, quote(c.name))}) > 1`;
  // Distinct values in their own order (numbers as numbers, times as times), then as text.
  const values = (c: Column) => `list_transform(list_sort(list(DISTINCT ${quote(c.name)})), lambda __v: ${valueText(c, "__v")})`;
  const listed = (lang: "nl" | "en", c: Column) =>
    messageSql(lang, "reject.sameKeyValues", { column: literal(c.name), values: `array_to_string(${values(c)}[1:-2], ', ')`, last: `${values(c)}[-1]` });
  const byName = new Map(columns.map((c) => [c.name, c]));
  const keyText = `concat_ws(', ', ${key.map((k) => `${literal(`${k} `)} || ${valueText(byName.get(k)!, quote(k))}`).join(", ")})`;
  const reasonSql = (lang: "nl" | "en") =>
    messageSql(lang, "reject.sameKey", {
      key: keyText,
      values: `concat_ws('; ', ${others.map((c) => `CASE WHEN ${differs(c)} THEN ${listed(lang, c)} END`).join(", ")})`,
    });
  const kind = localize(msg("reject.sameKeyKind"));
  await connection.run(
    `INSERT INTO ${violations} (r, v, origin, raw, line)
     SELECT v.r, [c.columns, c.reason, c.reason_nl, ${literal(kind.en)}, ${literal(kind.nl)}], p.origin, p.raw, p.line
     FROM __versions v
     JOIN (
       SELECT ${keys.join(", ")}, concat_ws(', ', ${others.map((c) => `CASE WHEN ${differs(c)} THEN ${literal(c.name)} END`).join(", ")}) AS columns,
              ${reasonSql("en")} AS reason, ${reasonSql("nl")} AS reason_nl
       FROM __versions WHERE versions > 1 GROUP BY ${keys.join(", ")}
     ) c ON ${same}
     JOIN __repeats p ON p.r = v.r
     WHERE v.versions > 1`,
  );
}

/** Deletes what resolveRepeats marked, from a staging table nothing was deleted from yet (rowids still as read). */
export async function deleteRepeats(connection: DuckDBConnection, staged: string): Promise<void> {
  await connection.run(`DELETE FROM ${staged} WHERE rowid IN (SELECT r FROM __repeats_dropped)`);
  await connection.run("DROP TABLE __repeats_dropped");
}

async function count(connection: DuckDBConnection, sql: string): Promise<number> {
  return Number((await connection.runAndReadAll(sql)).getRows()[0]![0]);
}
