/**
 * A table export as Parquet (hyparquet-writer, pure JS): typed, nullable columns, the period start
 * as a UTC-adjusted millisecond timestamp, and the provenance in the file's key-value metadata.
 */
import { parquetWriteBuffer, schemaFromColumnData, type SchemaElement } from "hyparquet-writer";
import { exportMetadata, periodStart, type ColumnKind, type TableExport } from "./table-export.ts";

export const PARQUET = "application/vnd.apache.parquet";

// Types are given, never guessed: an empty table has nothing to guess from, and a whole-number value is still a double.
const parquetType = { text: "STRING", number: "DOUBLE", integer: "INT32", boolean: "BOOLEAN" } as const satisfies Record<ColumnKind, string>;

/**
 * The logical type says UTC outright (isAdjustedToUTC), as Arrow's Timestamp(MILLISECOND, "UTC")
 * does; the legacy converted type beside it is for readers older than logical types.
 */
const periodStartElement: SchemaElement = {
  name: "periodStart",
  type: "INT64",
  converted_type: "TIMESTAMP_MILLIS",
  logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" },
  repetition_type: "OPTIONAL",
};

export function tableToParquet<Row>(table: TableExport<Row>): Uint8Array {
  const starts = table.rows.map((r) => periodStart(table.periodOf(r)));
  const typed = [
    ...table.columns.map((c) => ({ name: c.header.en, data: table.rows.map(c.get), type: parquetType[c.kind] })),
    { name: "periodStart", data: starts.map((ms) => (ms === null ? null : new Date(ms))) },
  ];
  // A schema given whole takes no per-column types: the basic types make it, the timestamp is set by hand.
  const schema = schemaFromColumnData({ columnData: typed, schemaOverrides: { periodStart: periodStartElement } });
  const buffer = parquetWriteBuffer({
    columnData: typed.map(({ name, data }) => ({ name, data })),
    schema,
    kvMetadata: Object.entries(exportMetadata(table)).map(([key, value]) => ({ key, value })),
    createdBy: "milieumonitor",
  });
  return new Uint8Array(buffer);
}
