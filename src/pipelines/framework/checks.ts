/**
 * Data tests declared per pipeline (after dbt): they run on the candidate version of the published
 * table inside the publish transaction. A failed error-level check rolls the publish back and the
 * previous version stays; a failed warn-level check publishes with a flag on the run.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { msg, type Message } from "../../ground/i18n/message.ts";
import { decimal } from "../../ground/i18n/localize.ts";
import { literal, quote } from "../../ground/sql-text.ts";

export type CheckLevel = "error" | "warn";

export interface CheckContext {
  connection: DuckDBConnection;
  /** The candidate table, qualified and quoted. */
  table: string;
  /** Columns naming a row in samples: the pipeline's key, or the check's own columns. */
  key: string[];
  /** Rows in the published table before this run, or null on the first publish. */
  previousRows: number | null;
  /** "Now" for freshness. */
  now: Date;
}

export interface CheckOutcome {
  passed: boolean;
  count: number;
  sample: string[];
  /** Rendered in Dutch and English when the run is recorded. */
  message: Message;
}

export interface Check {
  name: string;
  level: CheckLevel;
  run(context: CheckContext): Promise<CheckOutcome>;
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<unknown> {
  return (await connection.runAndReadAll(sql)).getRows()[0]?.[0] ?? null;
}

/** A check that fails when any row matches `failing`; reports the count and five sample keys. */
function rowCheck(name: string, level: CheckLevel, columns: string[], failing: string, rule: Message): Check {
  return {
    name,
    level,
    async run({ connection, table, key }) {
      const count = Number(await scalar(connection, `SELECT count(*)::BIGINT FROM ${table} WHERE ${failing}`));
      const keyColumns = (key.length ? key : columns).map((c) => `coalesce(${quote(c)}::VARCHAR, 'NULL')`);
      const sample = count
        ? (await connection.runAndReadAll(`SELECT concat_ws(' / ', ${keyColumns.join(", ")}) FROM ${table} WHERE ${failing} LIMIT 5`))
            .getRows()
            .map((r) => String(r[0]))
        : [];
      return { passed: count === 0, count, sample, message: count ? msg("check.rowsBreak", { count, rule }) : msg("check.allRowsMeet", { rule }) };
    },
  };
}

export const notNull = (columns: string[], level: CheckLevel = "error"): Check =>
  rowCheck(
    `not_null(${columns.join(", ")})`,
    level,
    columns,
    columns.map((c) => `${quote(c)} IS NULL`).join(" OR "),
    msg("check.rule.notNull", { columns: columns.join(", ") }),
  );

export const acceptedValues = (column: string, values: (string | number)[], level: CheckLevel = "error"): Check =>
  rowCheck(
    `accepted_values(${column})`,
    level,
    [column],
    `${quote(column)} NOT IN (${values.map(literal).join(", ")})`,
    msg("check.rule.acceptedValues", { column, values: values.join(", ") }),
  );

export function range(column: string, { min, max }: { min?: number; max?: number }, level: CheckLevel = "error"): Check {
  const failing = [min === undefined ? "" : `${quote(column)} < ${literal(min)}`, max === undefined ? "" : `${quote(column)} > ${literal(max)}`].filter(
    Boolean,
  );
  return rowCheck(`range(${column})`, level, [column], failing.join(" OR ") || "FALSE", msg("check.rule.range", { min: min ?? "-∞", column, max: max ?? "∞" }));
}

export const references = (column: string, target: { table: string; column: string }, level: CheckLevel = "error"): Check => {
  const inner = rowCheck(
    `references(${column} → ${target.table}.${target.column})`,
    level,
    [column],
    `${quote(column)} IS NOT NULL AND ${quote(column)} NOT IN (SELECT ${quote(target.column)} FROM main.${quote(target.table)})`,
    msg("check.rule.references", { column, target: `${target.table}.${target.column}` }),
  );
  return {
    ...inner,
    async run(context) {
      const exists = await scalar(
        context.connection,
        `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ${literal(target.table)}`,
      );
      if (Number(exists) === 0) return { passed: false, count: 0, sample: [], message: msg("check.notPublished", { table: target.table }) };
      return inner.run(context);
    },
  };
};

export function unique(columns: string[], level: CheckLevel = "error"): Check {
  const list = columns.map(quote).join(", ");
  return {
    name: `unique(${columns.join(", ")})`,
    level,
    async run({ connection, table }) {
      const duplicates = (
        await connection.runAndReadAll(
          `SELECT concat_ws(' / ', ${columns.map((c) => `${quote(c)}::VARCHAR`).join(", ")}), count(*) FROM ${table} GROUP BY ${list} HAVING count(*) > 1 LIMIT 5`,
        )
      ).getRows();
      const count = duplicates.length ? Number(await scalar(connection, `SELECT count(*) - count(DISTINCT (${list})) FROM ${table}`)) : 0;
      return {
        passed: count === 0,
        count,
        sample: duplicates.map((r) => String(r[0])),
        message: count ? msg("check.duplicates", { count, columns: columns.join(", ") }) : msg("check.unique", { columns: columns.join(", ") }),
      };
    },
  };
}

/** The table may shrink by at most `maxDropPercent` and grow by at most `maxGrowPercent` per run. */
export function rowCountChange(
  { maxDropPercent = 100, maxGrowPercent = Infinity }: { maxDropPercent?: number; maxGrowPercent?: number },
  level: CheckLevel = "error",
): Check {
  return {
    name: "row_count_change",
    level,
    async run({ connection, table, previousRows }) {
      const rows = Number(await scalar(connection, `SELECT count(*)::BIGINT FROM ${table}`));
      if (!previousRows) return { passed: true, count: rows, sample: [], message: msg("check.firstPublish", { rows }) };
      const change = ((rows - previousRows) / previousRows) * 100;
      const passed = change >= -maxDropPercent && change <= maxGrowPercent;
      const allowed = Number.isFinite(maxGrowPercent)
        ? msg("check.allowedRange", { drop: maxDropPercent, grow: maxGrowPercent })
        : msg("check.allowedDrop", { drop: maxDropPercent });
      const sign = change >= 0 ? "+" : "";
      const { nl, en } = decimal(change, 1);
      const message = msg("check.rowCountChange", { previous: previousRows, rows, change: { nl: sign + nl, en: sign + en }, allowed });
      return { passed, count: rows, sample: [], message };
    },
  };
}

export interface FreshnessRule {
  column: string;
  warnAfterHours: number;
  errorAfterHours: number;
}

/** How old the newest timestamp is, and what that means under the rule; shared by the checks and the analyst view. */
export function judgeFreshness(latest: string, now: Date, rule: Omit<FreshnessRule, "column">): { ageHours: number; status: "fresh" | "warn" | "stale" } {
  const ageHours = (now.getTime() - Date.parse(latest)) / 3_600_000;
  return { ageHours, status: ageHours > rule.errorAfterHours ? "stale" : ageHours > rule.warnAfterHours ? "warn" : "fresh" };
}

/** SQL for the newest value of a timestamp column as ISO 8601 UTC. */
export const latestIsoSql = (column: string, table: string) => `SELECT strftime(max(${quote(column)}), '%Y-%m-%dT%H:%M:%SZ') AS latest FROM ${table}`;

/** Freshness from the data's own timestamps: a warning after `warnAfterHours`, an error after `errorAfterHours`. */
export function freshness(rule: FreshnessRule): Check[] {
  const check = (level: CheckLevel, hours: number): Check => ({
    name: `freshness_${level}(${rule.column})`,
    level,
    async run({ connection, table, now }) {
      const latest = await scalar(connection, latestIsoSql(rule.column, table));
      if (latest === null) return { passed: false, count: 0, sample: [], message: msg("check.noValues", { column: rule.column }) };
      const { ageHours } = judgeFreshness(String(latest), now, rule);
      return {
        passed: ageHours <= hours,
        count: Math.round(ageHours * 10) / 10,
        sample: [String(latest)],
        message: msg("check.freshness", { column: rule.column, latest: String(latest), age: decimal(ageHours, 1), limit: hours }),
      };
    },
  });
  return [check("warn", rule.warnAfterHours), check("error", rule.errorAfterHours)];
}

/**
 * Says in the run which boundary year was loaded (a `year` column): passes with one year, warns with
 * several (a mixed vintage) or none named, so the analyst sees which CBS boundaries the maps use.
 */
export function boundaryYear(column = "year"): Check {
  return {
    name: `boundary_year(${column})`,
    level: "warn",
    async run({ connection, table }) {
      const years = (await connection.runAndReadAll(`SELECT DISTINCT ${quote(column)} FROM ${table} WHERE ${quote(column)} IS NOT NULL ORDER BY 1`))
        .getRows()
        .map((r) => String(r[0]));
      if (years.length === 0) return { passed: false, count: 0, sample: [], message: msg("check.boundaryYearUnknown") };
      return { passed: years.length === 1, count: years.length, sample: years, message: msg("check.boundaryYear", { years: years.join(", ") }) };
    },
  };
}
