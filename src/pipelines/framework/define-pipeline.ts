/**
 * A pipeline is one file exporting `definePipeline({...})`. The definition is checked by zod when the
 * registry loads (cron string, identifiers, schema compiled for DuckDB), so a mistake fails at boot,
 * not at 3 a.m.
 */
import cron from "node-cron";
import { z } from "zod";
import { BUURT_COLUMN } from "./assign-buurt.ts";
import { localize } from "../../ground/i18n/localize.ts";
import type { Message } from "../../ground/i18n/message.ts";
import type { Check } from "./checks.ts";
import type { FreshnessRule, PeriodKind, Release } from "./release-schedule.ts";
import { compileSchema, type Column } from "./compile-schema.ts";
import type { Source } from "./source.ts";

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: (i) => `must be a lower_snake_case SQL identifier, got "${String(i.input)}"` });

export const loadModes = ["replace", "append", "upsert"] as const;

const DefinitionSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: (i) => `name must be kebab-case like "air-quality-hourly", got "${String(i.input)}"` }),
    title: z.object({ nl: z.string().min(1), en: z.string().min(1) }),
    schedule: z.string().refine((s) => cron.validate(s), {
      error: (i) => `schedule must be a cron expression like "0 * * * *", got "${String(i.input)}"`,
    }),
    table: z
      .never({ error: 'table must not be given: a pipeline publishes the table named after it ("air-quality-measurements" → air_quality_measurements)' })
      .optional(),
    source: z.custom<Source>((s) => ["records", "csv", "choice", "sliced"].includes((s as Source)?.kind), {
      error: 'source must be a record, CSV, choice or sliced source (kind "records", "csv", "choice" or "sliced")',
    }),
    schema: z.instanceof(z.ZodObject, { error: "schema must be a zod object describing one record" }),
    mode: z.enum(loadModes),
    key: z.array(identifier).default([]),
    checks: z
      .array(z.custom<Check>((c) => typeof (c as Check)?.run === "function", { error: "checks must be made with the builders in framework/checks.ts" }))
      .default([]),
    /**
     * How the source releases data, to judge freshness by (release-schedule.ts): `column` is the data's
     * own newest period (a timestamp, date or year column); without one, the last publish is judged
     * against the schedule (release `onSchedule`). Left out: as `{ release: releases.onSchedule }`.
     */
    freshness: z
      .object({
        column: identifier.optional(),
        release: z.custom<Release>((r) => ["feed", "periods", "schedule"].includes((r as Release)?.kind), {
          error: "freshness.release must be one of the releases in framework/release-schedule.ts",
        }),
      })
      .optional(),
    /** Point records get a `buurt_code` column by point-in-polygon against the published areas. */
    assignBuurt: z.object({ lon: identifier, lat: identifier }).optional(),
    /**
     * Upsert only: a column holding each row's tier and the tiers from worst to best (e.g. unvalidated,
     * provisional, validated). A row never replaces one of a better tier with the same key; the run
     * counts the rows a better tier replaced.
     */
    precedence: z.object({ column: identifier, order: z.array(z.string().min(1)).min(2), period: identifier.optional() }).optional(),
    /**
     * Rules over several columns of a row (parts that must add up to a total): a row whose `column` is
     * not NULL and for which `sql` is not true is rejected with `reason`, like a broken field rule.
     * `sql` names the row's columns unqualified.
     */
    rowRules: z
      .array(z.object({ column: identifier, sql: z.string().min(1), reason: z.custom<Message>((m) => typeof (m as Message)?.key === "string") }))
      .default([]),
    /** A run that rejects a larger share of the rows it read fails. */
    maxRejectShare: z.number().min(0).max(1).default(0.02),
    /** Upstream source and licence, shown with every number derived from this dataset. */
    attribution: z.object({ source: z.string().min(1), licence: z.string().min(1) }),
  })
  .refine((d) => d.mode !== "upsert" || d.key.length > 0, { error: "an upsert pipeline needs key columns" })
  .refine((d) => !d.precedence || (d.mode === "upsert" && d.precedence.column in d.schema.shape), {
    error: "precedence needs mode upsert and a column of the schema",
  })
  .refine((d) => (d.source as Source).kind !== "sliced" || d.mode !== "replace", {
    error: "a sliced source publishes slice by slice: use mode upsert or append, not replace",
  })
  .refine((d) => Object.keys(d.schema.shape).every((k) => /^[a-z][a-z0-9_]*$/.test(k)), { error: "schema fields must be lower_snake_case column names" })
  .refine((d) => d.key.every((k) => k in d.schema.shape), { error: "every key column must be a field of the schema" })
  .refine((d) => d.rowRules.every((r) => r.column in d.schema.shape), { error: "every row rule's column must be a field of the schema" })
  .refine((d) => !d.freshness?.column || d.freshness.column in d.schema.shape, { error: "the freshness column must be a field of the schema" })
  .refine((d) => !d.freshness || (d.freshness.column === undefined) === (d.freshness.release.kind === "schedule"), {
    error: "freshness needs a column for a feed or periods release, and none for onSchedule",
  })
  .refine((d) => !d.assignBuurt || (d.assignBuurt.lon in d.schema.shape && d.assignBuurt.lat in d.schema.shape), {
    error: "assignBuurt lon and lat must be fields of the schema",
  });

/** `air-quality-measurements` → `air_quality_measurements`, as a type: the table a pipeline publishes. */
export type TableOf<Name extends string> = Name extends `${infer Head}-${infer Tail}` ? `${Head}_${TableOf<Tail>}` : Name;

/**
 * The table a pipeline publishes is its name in snake_case, so any query, run record or backup that
 * names a table also says which pipeline wrote it (docs/decisions/0017-names-carry-the-trail.md).
 */
export function tableOf<Name extends string>(name: Name): TableOf<Name> {
  return name.replaceAll("-", "_") as TableOf<Name>;
}

/** A timestamp or date column dates a feed; a whole-number column (a year) dates periods. */
function freshnessRule(declared: { column?: string; release: Release } | undefined, columns: Column[]): FreshnessRule | undefined {
  if (!declared?.column) return undefined;
  const type = columns.find((c) => c.name === declared.column)?.type;
  const period: PeriodKind | null = type === "TIMESTAMP" ? "timestamp" : type === "DATE" ? "date" : type === "BIGINT" ? "year" : null;
  if (!period) throw new Error(`freshness column ${declared.column} must hold a timestamp, a date or a year, not ${type}`);
  if ((period === "year") !== (declared.release.kind === "periods")) {
    throw new Error(
      `freshness column ${declared.column} (${period}) does not fit a ${declared.release.kind} release: years need periods, timestamps and dates a feed`,
    );
  }
  return { column: declared.column, period, release: declared.release };
}

export type PipelineDefinition<Name extends string = string> = Omit<z.output<typeof DefinitionSchema>, "schema" | "name" | "table" | "freshness"> & {
  name: Name;
  /** Freshness from the data's own newest period; absent for records without one, judged by the last publish against the schedule. */
  freshness?: FreshnessRule;
  /** The published table in schema main: always `tableOf(name)`. */
  table: TableOf<Name>;
  schema: z.ZodObject;
  /** The schema compiled for DuckDB: typed columns and their SQL rules. */
  columns: Column[];
  /** The published table's columns: the schema's, plus any derived at ingest (buurt_code). */
  publishedColumns: Column[];
};

export function definePipeline<const Name extends string, Shape extends z.ZodRawShape>(
  definition: Omit<z.input<typeof DefinitionSchema>, "name"> & { name: Name; schema: z.ZodObject<Shape> },
): PipelineDefinition<Name> {
  const fail = (problems: string) => new Error(`invalid pipeline ${JSON.stringify(definition.name)}: ${problems}`);
  const result = DefinitionSchema.safeParse(definition);
  if (!result.success) throw fail(result.error.issues.map((i) => `${i.path.join(".") || "definition"}: ${i.message}`).join("; "));
  try {
    const columns = compileSchema(definition.schema).map((column) => ({
      ...column,
      rules: [...column.rules, ...result.data.rowRules.filter((r) => r.column === column.name).map((r) => ({ sql: r.sql, reason: localize(r.reason) }))],
    }));
    const derived: Column[] = result.data.assignBuurt ? [{ name: BUURT_COLUMN, type: "VARCHAR", nullable: true, rules: [] }] : [];
    return {
      ...result.data,
      freshness: freshnessRule(result.data.freshness, columns),
      name: definition.name,
      table: tableOf(definition.name),
      schema: definition.schema,
      columns,
      publishedColumns: [...columns, ...derived],
    };
  } catch (error) {
    throw fail((error as Error).message);
  }
}
