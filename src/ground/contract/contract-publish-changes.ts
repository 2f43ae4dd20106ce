/**
 * What a publish changed against the previous published version of the table: rows added, removed
 * and changed by the pipeline's key, each column's nulls and range before and after, the periods
 * newly covered, and flags for what an analyst should look at (src/pipelines/framework/publish-changes.ts).
 */
import { z } from "zod";

/** A column's figures in one version of the table. */
export const ColumnFigures = z.object({
  nulls: z.number(),
  /** Smallest and largest value, for numbers, dates and timestamps (ISO, UTC); null for other types or an empty column. */
  min: z.union([z.number(), z.string()]).nullable(),
  max: z.union([z.number(), z.string()]).nullable(),
  /** Distinct values, for text columns; null for other types. */
  distinct: z.number().nullable(),
});
export type ColumnFigures = z.infer<typeof ColumnFigures>;

export const ColumnChange = z.object({
  name: z.string(),
  type: z.string(),
  /** Null when the table (or the column) did not exist before. */
  before: ColumnFigures.nullable(),
  after: ColumnFigures,
});
export type ColumnChange = z.infer<typeof ColumnChange>;

/** Consecutive periods newly covered, e.g. 2019–2023 or 2026-01-01–2026-01-31. */
export const PeriodRange = z.object({ from: z.string(), to: z.string() });

export const NewPeriods = z.object({
  /** The period column: the freshness column, or a `year`/`period` key column. */
  column: z.string(),
  /** year: whole numbers; day: days (UTC) of a date or timestamp; value: the column's values as they are. */
  grain: z.enum(["year", "day", "value"]),
  /** Periods in the table after the publish that were not in it before. */
  count: z.number(),
  /** The first of them as ranges of consecutive periods; `cut` when there were more ranges than listed. */
  ranges: z.array(PeriodRange),
  cut: z.boolean(),
});
export type NewPeriods = z.infer<typeof NewPeriods>;

export const changeFlagKinds = ["rowsDropped", "rangeShift", "nullsJump"] as const;

/** Something that changed more than a source usually does: the row count dropped by a quarter or more, a range moved, nulls jumped. */
export const ChangeFlag = z.object({
  kind: z.enum(changeFlagKinds),
  /** The column, for rangeShift and nullsJump. */
  column: z.string().nullable(),
  /** rowsDropped: the share of rows lost (0.5 = halved); rangeShift: the shift as a share of the old range; nullsJump: the rise in the share of nulls. */
  share: z.number(),
});
export type ChangeFlag = z.infer<typeof ChangeFlag>;

export const PublishChanges = z.object({
  mode: z.enum(["replace", "append", "upsert"]),
  key: z.array(z.string()),
  /** Publishes the run made: more than one for a history loaded in slices, whose figures are added up here. */
  publishes: z.number(),
  /** Null when the table did not exist before the run. */
  rowsBefore: z.number().nullable(),
  rowsAfter: z.number(),
  added: z.number(),
  removed: z.number(),
  /** Rows whose key was there before with other values; null without a key to compare by. */
  changed: z.number().nullable(),
  columns: z.array(ColumnChange),
  /** Null when the table has no period column. */
  periods: NewPeriods.nullable(),
  flags: z.array(ChangeFlag),
});
export type PublishChanges = z.infer<typeof PublishChanges>;
