/**
 * Data tests declared per pipeline (after dbt): they run on the candidate version of the published
 * table inside the publish transaction. A failed error-level check rolls the publish back and the
 * previous version stays; a failed warn-level check publishes with a flag on the run.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { msg, type Message } from "../../ground/i18n/message.ts";
import { decimal } from "../../ground/i18n/localize.ts";
import { literal, quote } from "../../ground/sql-text.ts";
import { judgeFreshness, type FreshnessRule, type PeriodKind } from "./release-schedule.ts";

export type CheckLevel = "error" | "warn";

export interface CheckContext {
  connection: DuckDBConnection;
  /** The candidate table, qualified and quoted. */
  table: string;
  /** Columns naming a row in samples: the pipeline's key, or the check's own columns. */
  key: string[];
  /** Rows in the published table before this run, or null on the first publish. */
  previousRows: number | null;
  /** "Now" for freshness: the run judges its data as of its source (a demo snapshot's own date). */
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

/** SQL for the newest value of a freshness column as the judgement reads it: ISO 8601 UTC, a day, or a year. */
export function latestPeriodSql(column: string, period: PeriodKind, table: string): string {
  const max = `max(${quote(column)})`;
  const value = period === "timestamp" ? `strftime(${max}, '%Y-%m-%dT%H:%M:%SZ')` : period === "date" ? `strftime(${max}, '%Y-%m-%d')` : `${max}::VARCHAR`;
  return `SELECT ${value} AS latest FROM ${table}`;
}

/**
 * The run's freshness checks, judged by judgeFreshness as the view and the alerts judge it: a
 * warning while the data is late; for a release that says so (a feed), an error once it is stale.
 * A late register or annual figure is still the newest there is: it publishes, with the warning.
 */
export function freshness(rule: FreshnessRule): Check[] {
  const check = (level: CheckLevel): Check => ({
    name: `freshness_${level}(${rule.column})`,
    level,
    async run({ connection, table, now }) {
      const latest = await scalar(connection, latestPeriodSql(rule.column, rule.period, table));
      if (latest === null) return { passed: false, count: 0, sample: [], message: msg("check.noValues", { column: rule.column }) };
      const judged = judgeFreshness({ release: rule.release, basis: rule.period, latest: String(latest) }, now);
      const passed = level === "warn" ? judged.status === "fresh" : judged.status !== "stale";
      const limit = (level === "warn" ? judged.warnAfterHours : judged.errorAfterHours) ?? 0;
      const message =
        rule.period === "year"
          ? msg("check.freshnessPeriod", { column: rule.column, latest: String(latest), expected: (judged.expectedBy ?? "").slice(0, 10) })
          : msg("check.freshness", { column: rule.column, latest: String(latest), age: decimal(judged.ageHours ?? 0, 1), limit });
      return { passed, count: judged.ageHours ?? 0, sample: [String(latest)], message };
    },
  });
  const failsRun = rule.release.kind === "feed" && rule.release.failRunWhenStale;
  return failsRun ? [check("warn"), check("error")] : [check("warn")];
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
