/**
 * One column model for every table export: the same list of columns writes the CSV (header in
 * Dutch or English), the Arrow IPC stream and the Parquet file, from the very objects the JSON
 * answer is made of, so disclosure control applies to every format alike (a suppressed value is
 * null, `suppressed` true).
 */
import type { Localized, Provenance } from "../../ground/contract/contract.ts";
import type { Header } from "./export-labels.ts";

export type ColumnKind = "text" | "number" | "integer" | "boolean";

export interface Column<Row> {
  /** The header per language; `en` is also the column name in Arrow and Parquet. */
  header: Header;
  kind: ColumnKind;
  get: (row: Row) => string | number | boolean | null;
}

export interface TableExport<Row> {
  indicatorId: string;
  unit: string;
  /** The period the table shows (values per area), or the provenance's period (series). */
  period: string | null;
  provenance: Provenance;
  columns: Column<Row>[];
  rows: Row[];
  /** Each row's period, for the `periodStart` timestamp of Arrow and Parquet. */
  periodOf: (row: Row) => string;
  /** The disclosure rule the values follow (src/engine/themes/disclosure.ts), when they are subject to it; else null. */
  suppressionRule: Localized | null;
}

/**
 * Every time column is an instant in UTC counted in milliseconds, in every format: Arrow's
 * Timestamp(MILLISECOND, "UTC") and Parquet's TIMESTAMP(isAdjustedToUTC, MILLIS) read as the same
 * zone-aware type (pandas concatenates them), and Plot reads Arrow timestamps as dates only in
 * milliseconds. CSV writes ISO 8601 with a Z.
 */
export const TIME_ZONE = "UTC";

/** Midnight UTC on 1 January of a yearly period, in milliseconds; null for anything else. */
export const periodStart = (period: string) => (/^\d{4}$/.test(period) ? Date.UTC(Number(period), 0, 1) : null);

/**
 * What Arrow's schema metadata and Parquet's key-value metadata carry: the indicator, where the
 * numbers come from and under which licence, the run, the quality, the whole provenance as JSON and,
 * when the values are subject to disclosure control, its rule in Dutch and in English.
 */
export function exportMetadata({
  indicatorId,
  unit,
  period,
  provenance,
  suppressionRule,
}: Pick<TableExport<unknown>, "indicatorId" | "unit" | "period" | "provenance" | "suppressionRule">): Record<string, string> {
  return {
    indicator: indicatorId,
    unit,
    source: provenance.source,
    licence: provenance.licence,
    pipeline: provenance.pipeline,
    pipelineRunId: provenance.runId === null ? "" : String(provenance.runId),
    qualityTier: provenance.qualityTier,
    period: period ?? "",
    provenance: JSON.stringify(provenance),
    // Notes on the data (also inside the provenance): read without parsing it.
    ...(provenance.annotations?.length ? { annotations: JSON.stringify(provenance.annotations) } : {}),
    // Plain text per language, so a reader (pyarrow, DuckDB) shows it without parsing.
    ...(suppressionRule ? { "suppressionRule.nl": suppressionRule.nl, "suppressionRule.en": suppressionRule.en } : {}),
  };
}
