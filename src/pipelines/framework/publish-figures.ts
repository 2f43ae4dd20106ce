/**
 * A table version's figures, for publish-changes.ts: the row count and, per column, nulls and min/max
 * (numbers, times) or distinct values (text). Measured by one scan; or, for an upsert or append into
 * a table as large as its history, grown from the old version's figures and those of the rows that
 * come and go (a join by key, cheap), scanning again only a column whose old extreme or a text value
 * may have left with the rows replaced.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { ColumnFigures } from "../../ground/contract/contract-publish-changes.ts";
import { quote } from "../../ground/sql-text.ts";
import type { Column } from "./compile-schema.ts";
import type { PipelineDefinition } from "./define-pipeline.ts";

export type Figures = { rows: number; columns: Record<string, ColumnFigures> };

export const numeric = new Set(["BIGINT", "DOUBLE"]);

/** One scan: the row count and, per column, nulls and min/max (numbers, times) or distinct values (text). */
export async function measureTable(connection: DuckDBConnection, table: string, columns: readonly Column[]): Promise<Figures> {
  const parts = columns.flatMap((c) => {
    const q = quote(c.name);
    const nulls = `(count(*) - count(${q}))::DOUBLE`;
    if (numeric.has(c.type)) return [nulls, `min(${q})::DOUBLE`, `max(${q})::DOUBLE`, "NULL"];
    if (c.type === "TIMESTAMP") return [nulls, `strftime(min(${q}), '%Y-%m-%dT%H:%M:%SZ')`, `strftime(max(${q}), '%Y-%m-%dT%H:%M:%SZ')`, "NULL"];
    if (c.type === "DATE") return [nulls, `strftime(min(${q}), '%Y-%m-%d')`, `strftime(max(${q}), '%Y-%m-%d')`, "NULL"];
    if (c.type === "VARCHAR") return [nulls, "NULL", "NULL", `count(DISTINCT ${q})::DOUBLE`];
    return [nulls, "NULL", "NULL", "NULL"];
  });
  const reader = await connection.runAndReadAll(`SELECT count(*)::DOUBLE, ${parts.join(", ")} FROM ${table}`);
  const row = reader.getRows()[0]! as (number | string | null)[];
  const figures: Figures = { rows: Number(row[0]), columns: {} };
  columns.forEach((c, i) => {
    const [nulls, min, max, distinct] = row.slice(1 + 4 * i, 5 + 4 * i);
    figures.columns[c.name] = { nulls: Number(nulls), min: min ?? null, max: max ?? null, distinct: distinct === null ? null : Number(distinct) };
  });
  return figures;
}

export async function countRows(connection: DuckDBConnection, table: string): Promise<number> {
  return Number((await connection.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${table}`)).getRows()[0]![0]);
}

/** The rows an upsert or append brings in and those it replaces, measured before the swap. */
export interface Growth {
  incoming: Figures;
  gone: Figures;
  /** Per text column: distinct values coming in that the old version lacks. */
  newValues: Record<string, number>;
  /** Text columns some of whose replaced values do not come in again: their distinct count needs a scan. */
  vanishing: Set<string>;
}

/** Staged rows beyond this share of the old version's: a scan costs no more than the run's own work, and is simpler. */
export const GROWTH_MAX_SHARE = 0.1;

const INCOMING = "__changes_incoming";
const GONE = "__changes_gone";

/**
 * The rows coming in and those they replace, each kept once as a temporary table (small: at most a
 * tenth of the table; null beyond), so every figure of them reads them, not the join again.
 * `superseded`: the condition (staged row `s`, old row `o`) under which a staged row is kept out.
 */
export async function measureGrowth(
  connection: DuckDBConnection,
  pipeline: PipelineDefinition,
  columns: readonly Column[],
  oldColumns: readonly Column[],
  staged: string,
  target: string,
  before: Figures,
  superseded: string | null,
): Promise<Growth | null> {
  if ((await countRows(connection, staged)) > before.rows * GROWTH_MAX_SHARE) return null;
  const match = pipeline.key.map((k) => `o.${quote(k)} = s.${quote(k)}`).join(" AND ");
  const kept = `NOT coalesce(${superseded ?? "false"}, false)`;
  const upsert = pipeline.mode === "upsert";
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${INCOMING} AS ${upsert ? `SELECT s.* FROM ${staged} s LEFT JOIN ${target} o ON ${match} WHERE ${kept}` : `SELECT * FROM ${staged}`}`,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${GONE} AS ${upsert ? `SELECT o.* FROM ${staged} s JOIN ${target} o ON ${match} WHERE ${kept}` : `SELECT * FROM ${target} LIMIT 0`}`,
  );
  try {
    const growth: Growth = {
      incoming: await measureTable(connection, INCOMING, columns),
      gone: await measureTable(connection, GONE, oldColumns),
      newValues: {},
      vanishing: new Set(),
    };
    const scalar = async (sql: string) => Number((await connection.runAndReadAll(sql)).getRows()[0]![0]);
    for (const c of oldColumns.filter((c) => c.type === "VARCHAR")) {
      const q = quote(c.name);
      // Values that come in and were not among those replaced: only these need looking up in the old version.
      const unseen = `SELECT DISTINCT ${q} FROM ${INCOMING} WHERE ${q} IS NOT NULL EXCEPT SELECT DISTINCT ${q} FROM ${GONE}`;
      growth.newValues[c.name] = (await scalar(`SELECT count(*)::DOUBLE FROM (${unseen})`))
        ? await scalar(`SELECT count(*)::DOUBLE FROM (${unseen} EXCEPT SELECT DISTINCT ${q} FROM ${target} WHERE ${q} IN (${unseen}))`)
        : 0;
      if (
        (await scalar(`SELECT count(*)::DOUBLE FROM (SELECT DISTINCT ${q} FROM ${GONE} WHERE ${q} IS NOT NULL EXCEPT SELECT DISTINCT ${q} FROM ${INCOMING})`)) >
        0
      )
        growth.vanishing.add(c.name);
    }
    return growth;
  } finally {
    for (const table of [INCOMING, GONE]) await connection.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

type Value = number | string | null;
const below = (a: Value, b: Value) => (typeof a === "number" && typeof b === "number" ? a < b : String(a) < String(b));

/**
 * The old extreme, the incoming one when it reaches as far, or undefined when the old extreme may have
 * left with the replaced rows (then the column is scanned).
 */
function extreme(old: Value, incoming: Value, gone: Value, beyond: (a: Value, b: Value) => boolean): Value | undefined {
  if (old === null) return incoming;
  if (incoming !== null && !beyond(old, incoming)) return incoming;
  if (gone === null || beyond(old, gone)) return old;
  return undefined;
}

/** The new version's figures after an upsert or append, from the old version's and the rows that came and went. */
export async function grownFigures(connection: DuckDBConnection, table: string, columns: readonly Column[], before: Figures, growth: Growth): Promise<Figures> {
  const figures: Figures = { rows: await countRows(connection, table), columns: {} };
  const rescan: Column[] = [];
  for (const c of columns) {
    const [old, incoming, gone] = [before.columns[c.name], growth.incoming.columns[c.name]!, growth.gone.columns[c.name]];
    const min = old && extreme(old.min, incoming.min, gone?.min ?? null, (a, b) => below(a, b));
    const max = old && extreme(old.max, incoming.max, gone?.max ?? null, (a, b) => below(b, a));
    const distinct =
      old?.distinct === null || old === undefined ? null : growth.vanishing.has(c.name) ? undefined : old.distinct + (growth.newValues[c.name] ?? 0);
    if (!old || min === undefined || max === undefined || distinct === undefined) rescan.push(c);
    else figures.columns[c.name] = { nulls: old.nulls - (gone?.nulls ?? 0) + incoming.nulls, min, max, distinct };
  }
  if (rescan.length) Object.assign(figures.columns, (await measureTable(connection, table, rescan)).columns);
  return figures;
}
