/**
 * Series and area values as CSV (UTF-8 with BOM, so Excel reads µ and ³ right) or as an Arrow IPC
 * stream (periods also as a millisecond timestamp of their start). Both carry the source and licence,
 * and the cells exactly as the API gives them: a suppressed value is empty with `suppressed` true.
 */
import { Bool, Float64, Int32, Table, TimestampMillisecond, Utf8, vectorFromArray } from "apache-arrow";
import { tableToIPC } from "apache-arrow";
import type { AreaValues, Provenance, Series } from "./contract.ts";
import { csvDocument } from "./csv.ts";

export const ARROW_STREAM = "application/vnd.apache.arrow.stream";

type Kind = "text" | "number" | "integer" | "boolean";
interface Column<Row> {
  name: string;
  kind: Kind;
  get: (row: Row) => string | number | boolean | null;
}

interface Export<Row> {
  indicatorId: string;
  unit: string;
  provenance: Provenance;
  columns: Column<Row>[];
  rows: Row[];
}


/** Midnight UTC on 1 January of a yearly period, in milliseconds; null for anything else. */
const periodStart = (period: string) => (/^\d{4}$/.test(period) ? Date.UTC(Number(period), 0, 1) : null);

function toCsv<Row>({ indicatorId, unit, provenance, columns, rows }: Export<Row>): string {
  return csvDocument(
    [`source: ${provenance.source}; licence: ${provenance.licence}; pipeline run ${provenance.runId ?? "-"}; quality: ${provenance.qualityTier}`],
    ["indicator", ...columns.map((c) => c.name), "unit"],
    rows.map((row) => [indicatorId, ...columns.map((c) => c.get(row)), unit]),
  );
}

const arrowType = { text: () => new Utf8(), number: () => new Float64(), integer: () => new Int32(), boolean: () => new Bool() };

function toArrow<Row>({ indicatorId, unit, provenance, columns, rows }: Export<Row>, periodOf: (row: Row) => string): Uint8Array {
  const vectors = Object.fromEntries(columns.map((c) => [c.name, vectorFromArray(rows.map(c.get), arrowType[c.kind]())]));
  const table = new Table({ ...vectors, periodStart: vectorFromArray(rows.map((r) => periodStart(periodOf(r))), new TimestampMillisecond()) });
  const metadata = { indicator: indicatorId, unit, source: provenance.source, licence: provenance.licence, qualityTier: provenance.qualityTier };
  for (const [key, value] of Object.entries(metadata)) table.schema.metadata.set(key, value);
  return tableToIPC(table, "stream");
}

type Point = Series["points"][number];
const seriesColumns: Column<Point>[] = [
  { name: "period", kind: "text", get: (p) => p.period },
  { name: "area_code", kind: "text", get: (p) => p.areaCode },
  { name: "area_name", kind: "text", get: (p) => p.areaName },
  { name: "level", kind: "text", get: (p) => p.level },
  { name: "value", kind: "number", get: (p) => p.value },
  { name: "suppressed", kind: "boolean", get: (p) => p.suppressed },
  { name: "coverage", kind: "number", get: (p) => p.coverage },
];

type AreaRow = AreaValues["areas"][number] & { period: string };
const areaColumns: Column<AreaRow>[] = [
  { name: "period", kind: "text", get: (a) => a.period },
  { name: "area_code", kind: "text", get: (a) => a.areaCode },
  { name: "area_name", kind: "text", get: (a) => a.areaName },
  { name: "level", kind: "text", get: (a) => a.level },
  { name: "value", kind: "number", get: (a) => a.value },
  { name: "suppressed", kind: "boolean", get: (a) => a.suppressed },
  { name: "rank", kind: "integer", get: (a) => a.rank },
  { name: "vs_city", kind: "number", get: (a) => a.vsCity },
  { name: "urbanity", kind: "integer", get: (a) => a.urbanity },
  { name: "similar_mean", kind: "number", get: (a) => a.similar?.mean ?? null },
];

const seriesExport = (series: Series): Export<Point> => ({ ...series, columns: seriesColumns, rows: series.points });
const areasExport = (values: AreaValues): Export<AreaRow> => ({ ...values, columns: areaColumns, rows: values.areas.map((a) => ({ ...a, period: values.period ?? "" })) });

export const seriesToCsv = (series: Series) => toCsv(seriesExport(series));
export const seriesToArrow = (series: Series) => toArrow(seriesExport(series), (p) => p.period);
export const areasToCsv = (values: AreaValues) => toCsv(areasExport(values));
export const areasToArrow = (values: AreaValues) => toArrow(areasExport(values), (a) => a.period);
