/** A table export as an Arrow IPC stream, with the period start as a millisecond timestamp in UTC (as in Parquet). */
import { Bool, Float64, Int32, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray } from "apache-arrow";
import { TIME_ZONE, exportMetadata, periodStart, type TableExport } from "./table-export.ts";

export const ARROW_STREAM = "application/vnd.apache.arrow.stream";

const arrowType = { text: () => new Utf8(), number: () => new Float64(), integer: () => new Int32(), boolean: () => new Bool() };

export function tableToArrow<Row>(table: TableExport<Row>): Uint8Array {
  const vectors = Object.fromEntries(table.columns.map((c) => [c.header.en, vectorFromArray(table.rows.map(c.get), arrowType[c.kind]())]));
  const arrow = new Table({
    ...vectors,
    periodStart: vectorFromArray(
      table.rows.map((r) => periodStart(table.periodOf(r))),
      new TimestampMillisecond(TIME_ZONE),
    ),
  });
  for (const [key, value] of Object.entries(exportMetadata(table))) arrow.schema.metadata.set(key, value);
  return tableToIPC(arrow, "stream");
}
