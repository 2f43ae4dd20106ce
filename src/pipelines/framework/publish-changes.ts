/**
 * What a publish changed against the previous published version of its table, measured around the
 * swap in publish.ts with aggregate SQL only (a scan of each version, a join by key, the periods as a
 * set difference): rows added, removed and changed by the key, each column's nulls and range before
 * and after, the periods newly covered, and flags when a source suddenly shrinks or shifts.
 *
 * Before the swap: the old version's figures (those recorded with the previous publish when the table
 * is still as that publish left it, else a scan), the rows compared by key, the new periods. After the
 * swap: the new version's figures, by a scan, or for an upsert or append of few rows into a large
 * table grown from the old figures and those of the rows that come and go (publish-figures.ts). A
 * history loaded in slices records one summary per slice; reading merges them into the run's
 * (before of the first, after of the last, counts added up).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { ChangeFlag, ColumnFigures, NewPeriods, PublishChanges } from "../../ground/contract/contract-publish-changes.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import { quote } from "../../ground/sql-text.ts";
import type { Column } from "./compile-schema.ts";
import type { PipelineDefinition } from "./define-pipeline.ts";
import { countRows, grownFigures, measureGrowth, measureTable, numeric, type Figures } from "./publish-figures.ts";

/** Ranges of new periods listed; the count covers them all. */
export const PERIOD_RANGES_LISTED = 12;
/** A row count that drops by this share or more is flagged. */
export const ROWS_DROP_FLAG = 0.25;
/** A numeric range whose ends move by this share of the old range or more is flagged. */
export const RANGE_SHIFT_FLAG = 0.5;
/** A column whose share of nulls rises by this much (0.1 = ten percentage points) or more is flagged. */
export const NULLS_JUMP_FLAG = 0.1;

/** The old version, measured before the swap; `finish` measures the new one after it. */
export interface ChangesBefore {
  /** `deleted`: rows the publish deleted besides those the staged rows replace by key (a slice's hours it lacks). */
  finish(target: string, deleted?: number): Promise<PublishChanges>;
  /** Milliseconds spent measuring so far. */
  elapsedMs(): number;
}

/** The period column: the freshness column, or a `year` or `period` key column. */
export function periodColumn(pipeline: Pick<PipelineDefinition, "freshness" | "key">, columns: readonly Column[]): Column | null {
  const name = pipeline.freshness?.column ?? pipeline.key.find((k) => k === "year" || k === "period");
  return columns.find((c) => c.name === name) ?? null;
}

async function tableColumns(connection: DuckDBConnection, table: string): Promise<Set<string>> {
  const reader = await connection.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1", [table]);
  return new Set(reader.getRows().map(([name]) => String(name)));
}

/**
 * The figures the previous publish recorded for the table's new version, when the table is still that
 * version (its run is the one published and the row count agrees): saves a scan of a large table on
 * every publish, and on every slice of a history.
 */
async function recordedFigures(connection: DuckDBConnection, pipeline: PipelineDefinition, table: string, columns: readonly Column[]): Promise<Figures | null> {
  const reader = await connection.runAndReadAll(
    `SELECT c.summary FROM meta.publish_changes c JOIN meta.published p ON p.pipeline = c.pipeline AND p.run_id = c.run_id
      WHERE c.pipeline = $1 ORDER BY c.seq DESC LIMIT 1`,
    [pipeline.name],
  );
  const summary = reader.getRows()[0]?.[0];
  if (typeof summary !== "string") return null;
  const previous = JSON.parse(summary) as PublishChanges;
  const after = Object.fromEntries(previous.columns.map((c) => [c.name, c.after]));
  if (!columns.every((c) => after[c.name])) return null;
  if ((await countRows(connection, table)) !== previous.rowsAfter) return null;
  return { rows: previous.rowsAfter, columns: after };
}

/** Row counts by key: replace compares the versions, upsert the staged rows with those they replace. */
async function compareRows(
  connection: DuckDBConnection,
  pipeline: PipelineDefinition,
  staged: string,
  old: string | null,
  common: readonly string[],
  superseded: string | null,
): Promise<{ added: number; removed: number | null; changed: number | null }> {
  const stagedRows = () => countRows(connection, staged);
  if (old === null) return { added: await stagedRows(), removed: 0, changed: 0 };
  if (pipeline.mode === "append") return { added: await stagedRows(), removed: 0, changed: 0 };
  const list = common.map(quote).join(", ");
  if (pipeline.key.length === 0) {
    // Without a key, rows are compared whole: what is new and what is gone, not what changed.
    const count = (a: string, b: string) => `(SELECT count(*) FROM (SELECT ${list} FROM ${a} EXCEPT ALL SELECT ${list} FROM ${b}))::DOUBLE`;
    const row = (await connection.runAndReadAll(`SELECT ${count(staged, old)}, ${count(old, staged)}`)).getRows()[0]!;
    return { added: Number(row[0]), removed: Number(row[1]), changed: null };
  }
  const match = pipeline.key.map((k) => `o.${quote(k)} = s.${quote(k)}`).join(" AND ");
  const values = common.filter((c) => !pipeline.key.includes(c));
  const differs = values.length ? values.map((c) => `o.${quote(c)} IS DISTINCT FROM s.${quote(c)}`).join(" OR ") : "false";
  const oldSide = `(SELECT ${list}, true AS __old FROM ${old}) o`;
  if (pipeline.mode === "replace") {
    const sql = `SELECT count(*) FILTER (WHERE o.__old IS NULL)::DOUBLE, count(*) FILTER (WHERE s.__new IS NULL)::DOUBLE,
        count(*) FILTER (WHERE o.__old AND s.__new AND (${differs}))::DOUBLE
      FROM ${oldSide} FULL OUTER JOIN (SELECT ${list}, true AS __new FROM ${staged}) s ON ${match}`;
    const row = (await connection.runAndReadAll(sql)).getRows()[0]!;
    return { added: Number(row[0]), removed: Number(row[1]), changed: Number(row[2]) };
  }
  // upsert: the staged rows a better tier keeps out are not published; removed rows follow from the counts.
  const sql = `SELECT count(*) FILTER (WHERE o.__old IS NULL)::DOUBLE, count(*) FILTER (WHERE o.__old AND (${differs}))::DOUBLE
    FROM ${staged} s LEFT JOIN ${oldSide} ON ${match} WHERE NOT coalesce(${superseded ?? "false"}, false)`;
  const row = (await connection.runAndReadAll(sql)).getRows()[0]!;
  return { added: Number(row[0]), removed: null, changed: Number(row[1]) };
}

/** Periods in the staged rows that the old version lacks, as ranges of consecutive periods. */
async function newPeriods(connection: DuckDBConnection, column: Column, staged: string, old: string | null): Promise<NewPeriods> {
  const q = quote(column.name);
  const grain: NewPeriods["grain"] = column.type === "TIMESTAMP" || column.type === "DATE" ? "day" : numeric.has(column.type) ? "year" : "value";
  const period = grain === "day" ? `CAST(${q} AS DATE)` : grain === "year" ? `CAST(${q} AS BIGINT)` : `CAST(${q} AS VARCHAR)`;
  const fresh = `SELECT DISTINCT ${period} AS p FROM ${staged} WHERE ${q} IS NOT NULL${old ? ` EXCEPT SELECT DISTINCT ${period} FROM ${old}` : ""}`;
  // Gaps and islands: consecutive periods share p minus their rank.
  const island = grain === "value" ? "p" : `p - CAST(row_number() OVER (ORDER BY p) AS INTEGER)`;
  const show = (e: string) => (grain === "day" ? `strftime(${e}, '%Y-%m-%d')` : `CAST(${e} AS VARCHAR)`);
  const sql = `WITH fresh AS (${fresh}), islands AS (SELECT p, ${island} AS island FROM fresh)
    SELECT ${show("min(p)")}, ${show("max(p)")}, sum(count(*)) OVER ()::DOUBLE, count(*) OVER ()::DOUBLE
    FROM islands GROUP BY island ORDER BY min(p) LIMIT ${PERIOD_RANGES_LISTED}`;
  const rows = (await connection.runAndReadAll(sql)).getRows() as [string, string, number, number][];
  return {
    column: column.name,
    grain,
    count: rows[0] ? Number(rows[0][2]) : 0,
    ranges: rows.map(([from, to]) => ({ from, to })),
    cut: rows[0] ? Number(rows[0][3]) > rows.length : false,
  };
}

/**
 * Measures the old version (`target`, null when the table did not exist) against the staged rows,
 * before the swap. `superseded`: for an upsert with precedence, the condition (staged row `s`, old row
 * `o`) under which a staged row is kept out.
 */
export async function measureBefore(
  connection: DuckDBConnection,
  pipeline: PipelineDefinition,
  columns: readonly Column[],
  staged: string,
  target: string | null,
  superseded: string | null = null,
): Promise<ChangesBefore> {
  const started = performance.now();
  let elapsed = 0;
  const present = target ? await tableColumns(connection, pipeline.table) : new Set<string>();
  const oldColumns = columns.filter((c) => present.has(c.name));
  const before = target ? ((await recordedFigures(connection, pipeline, target, oldColumns)) ?? (await measureTable(connection, target, oldColumns))) : null;
  const rows = await compareRows(
    connection,
    pipeline,
    staged,
    target,
    oldColumns.map((c) => c.name),
    superseded,
  );
  const periodOf = periodColumn(pipeline, columns);
  const periods = periodOf ? await newPeriods(connection, periodOf, staged, target && present.has(periodOf.name) ? target : null) : null;
  // An upsert or append into a table as large as its history: the new version follows from the old one and the rows that come and go.
  const growth =
    target && before && pipeline.mode !== "replace" && (pipeline.key.length > 0 || pipeline.mode === "append")
      ? await measureGrowth(connection, pipeline, columns, oldColumns, staged, target, before, superseded)
      : null;
  elapsed += performance.now() - started;
  return {
    elapsedMs: () => elapsed,
    async finish(published: string, deleted = 0): Promise<PublishChanges> {
      const resumed = performance.now();
      const after =
        growth && deleted === 0 ? await grownFigures(connection, published, columns, before!, growth) : await measureTable(connection, published, columns);
      elapsed += performance.now() - resumed;
      const rowsBefore = before?.rows ?? null;
      const removed = rows.removed ?? Math.max(0, (rowsBefore ?? 0) + rows.added - after.rows);
      const changes: PublishChanges = {
        mode: pipeline.mode,
        key: pipeline.key,
        publishes: 1,
        rowsBefore,
        rowsAfter: after.rows,
        added: rows.added,
        removed,
        changed: rows.changed,
        columns: columns.map((c) => ({ name: c.name, type: c.type, before: before?.columns[c.name] ?? null, after: after.columns[c.name]! })),
        periods,
        flags: [],
      };
      return { ...changes, flags: flagChanges(changes, periodOf?.name ?? null) };
    },
  };
}

/** Stores a publish's summary, in the publish's transaction. */
export async function recordPublishChanges(connection: DuckDBConnection, pipeline: string, runId: number, changes: PublishChanges, measureMs: number) {
  await connection.run("INSERT INTO meta.publish_changes (run_id, pipeline, summary, measure_ms) VALUES ($1, $2, $3, $4)", [
    runId,
    pipeline,
    JSON.stringify(changes),
    measureMs,
  ]);
}

/** A run's summary: null for a run that published nothing (or before summaries were recorded). */
export async function readPublishChanges(db: Database, runId: number, options: QueryOptions): Promise<PublishChanges | null> {
  const rows = await db.query("SELECT summary FROM meta.publish_changes WHERE run_id = $1 ORDER BY seq", [runId], options);
  if (rows.length === 0) return null;
  return mergeChanges(rows.map((r) => JSON.parse(String(r.summary)) as PublishChanges));
}

/** The summaries of a run's slices as one: before of the first, after of the last, counts added up. */
export function mergeChanges(parts: readonly PublishChanges[]): PublishChanges {
  const first = parts[0]!;
  if (parts.length === 1) return first;
  const last = parts.at(-1)!;
  const firstBefore = new Map(first.columns.map((c) => [c.name, c.before]));
  const merged: PublishChanges = {
    ...last,
    publishes: parts.reduce((n, p) => n + p.publishes, 0),
    rowsBefore: first.rowsBefore,
    added: parts.reduce((n, p) => n + p.added, 0),
    removed: parts.reduce((n, p) => n + p.removed, 0),
    changed: parts.some((p) => p.changed === null) ? null : parts.reduce((n, p) => n + p.changed!, 0),
    columns: last.columns.map((c) => ({ ...c, before: firstBefore.get(c.name) ?? null })),
    periods: mergePeriods(parts.map((p) => p.periods)),
  };
  const periodName = last.periods?.column ?? null;
  return { ...merged, flags: flagChanges(merged, periodName) };
}

function mergePeriods(all: readonly (NewPeriods | null)[]): NewPeriods | null {
  const known = all.filter((p): p is NewPeriods => p !== null);
  if (known.length === 0) return null;
  const { column, grain } = known[0]!;
  const next = (to: string) =>
    grain === "year" ? String(Number(to) + 1) : grain === "day" ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : null;
  const ranges: { from: string; to: string }[] = [];
  for (const range of known.flatMap((p) => p.ranges).sort((a, b) => (grain === "year" ? Number(a.from) - Number(b.from) : a.from.localeCompare(b.from)))) {
    const previous = ranges.at(-1);
    if (previous && next(previous.to) === range.from) previous.to = range.to;
    else ranges.push({ ...range });
  }
  return {
    column,
    grain,
    count: known.reduce((n, p) => n + p.count, 0),
    ranges: ranges.slice(0, PERIOD_RANGES_LISTED),
    cut: known.some((p) => p.cut) || ranges.length > PERIOD_RANGES_LISTED,
  };
}

/**
 * What an analyst should look at: the rows dropped by a quarter or more; a numeric column's range
 * moved by half its old width or more (not the key or period columns, which grow by nature); a
 * column's share of nulls up by ten percentage points or more.
 */
export function flagChanges(changes: PublishChanges, period: string | null): ChangeFlag[] {
  const flags: ChangeFlag[] = [];
  const { rowsBefore, rowsAfter } = changes;
  if (!rowsBefore) return flags;
  const dropped = 1 - rowsAfter / rowsBefore;
  if (dropped >= ROWS_DROP_FLAG) flags.push({ kind: "rowsDropped", column: null, share: round(dropped) });
  for (const { name, type, before, after } of changes.columns) {
    if (!before) continue;
    if (numeric.has(type) && name !== period && !changes.key.includes(name)) {
      const shift = rangeShift(before, after);
      if (shift !== null && shift >= RANGE_SHIFT_FLAG) flags.push({ kind: "rangeShift", column: name, share: round(shift) });
    }
    const rise = (rowsAfter ? after.nulls / rowsAfter : 0) - before.nulls / rowsBefore;
    if (rise >= NULLS_JUMP_FLAG) flags.push({ kind: "nullsJump", column: name, share: round(rise) });
  }
  return flags;
}

/** How far the range's ends moved, as a share of the old range (of the old largest magnitude when it was one value). */
function rangeShift(before: ColumnFigures, after: ColumnFigures): number | null {
  const [b0, b1, a0, a1] = [before.min, before.max, after.min, after.max];
  if (typeof b0 !== "number" || typeof b1 !== "number" || typeof a0 !== "number" || typeof a1 !== "number") return null;
  const shift = Math.max(Math.abs(a0 - b0), Math.abs(a1 - b1));
  const width = b1 - b0 || Math.max(Math.abs(b0), Math.abs(b1));
  if (width === 0) return shift === 0 ? 0 : 1;
  return shift / width;
}

const round = (share: number) => Math.round(share * 1000) / 1000;
