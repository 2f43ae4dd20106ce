/** Series as CSV (UTF-8 with BOM, so Excel reads µ and ³ right) or as an Arrow IPC stream. */
import { Float64, Table, Utf8, tableToIPC, vectorFromArray } from "apache-arrow";
import type { Series } from "./contract.ts";

export const ARROW_STREAM = "application/vnd.apache.arrow.stream";

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function seriesToCsv(series: Series): string {
  const header = ["indicator", "period", "area_code", "area_name", "value", "unit", "coverage"];
  const lines = series.points.map((p) =>
    [series.indicatorId, p.period, p.areaCode, p.areaName, p.value, series.unit, p.coverage].map(csvCell).join(","),
  );
  const source = `# source: ${series.provenance.source}; licence: ${series.provenance.licence}; pipeline run ${series.provenance.runId ?? "-"}`;
  return `\uFEFF${source}\r\n${header.join(",")}\r\n${lines.map((l) => `${l}\r\n`).join("")}`;
}

export function seriesToArrow(series: Series): Uint8Array {
  const table = new Table({
    period: vectorFromArray(series.points.map((p) => p.period), new Utf8()),
    areaCode: vectorFromArray(series.points.map((p) => p.areaCode), new Utf8()),
    areaName: vectorFromArray(series.points.map((p) => p.areaName), new Utf8()),
    value: vectorFromArray(series.points.map((p) => p.value), new Float64()),
    coverage: vectorFromArray(series.points.map((p) => p.coverage), new Float64()),
  });
  table.schema.metadata.set("indicator", series.indicatorId);
  table.schema.metadata.set("unit", series.unit);
  table.schema.metadata.set("source", series.provenance.source);
  table.schema.metadata.set("licence", series.provenance.licence);
  return tableToIPC(table, "stream");
}
