/**
 * A table export as Parquet (hyparquet-writer, pure JS): typed, nullable columns, the period start
 * as a millisecond timestamp, and the provenance in the file's key-value metadata.
 */
import { parquetWriteBuffer } from "hyparquet-writer";
import { exportMetadata, periodStart, type ColumnKind, type TableExport } from "./table-export.ts";

export const PARQUET = "application/vnd.apache.parquet";

// Types are given, never guessed: an empty table has nothing to guess from, and a whole-number value is still a double.
const parquetType = { text: "STRING", number: "DOUBLE", integer: "INT32", boolean: "BOOLEAN" } as const satisfies Record<ColumnKind, string>;

export function tableToParquet<Row>(table: TableExport<Row>): Uint8Array {
  const starts = table.rows.map((r) => periodStart(table.periodOf(r)));
  const buffer = parquetWriteBuffer({
    columnData: [
      ...table.columns.map((c) => ({ name: c.header.en, data: table.rows.map(c.get), type: parquetType[c.kind] })),
      { name: "periodStart", data: starts.map((ms) => (ms === null ? null : new Date(ms))), type: "TIMESTAMP" as const },
    ],
    kvMetadata: Object.entries(exportMetadata(table)).map(([key, value]) => ({ key, value })),
    createdBy: "milieumonitor",
  });
  return new Uint8Array(buffer);
}
