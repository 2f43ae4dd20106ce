/** A table export as CSV: the provenance comment line and the header in the language asked for. */
import type { CsvSeparator, ExportLang } from "../../ground/contract/params.ts";
import { csvDocument } from "./csv.ts";
import { headerRow, provenanceComment, type Header } from "./export-labels.ts";
import type { TableExport } from "./table-export.ts";

export interface CsvOptions {
  sep: CsvSeparator;
  lang: ExportLang;
}

const INDICATOR: Header = { nl: "indicator", en: "indicator" };
const UNIT: Header = { nl: "eenheid", en: "unit" };

export function tableToCsv<Row>(table: TableExport<Row>, { sep, lang }: CsvOptions): string {
  const { indicatorId, unit, period, provenance, columns, rows } = table;
  const comment = provenanceComment({ ...provenance, indicator: indicatorId, unit, period }, lang);
  return csvDocument(
    [comment],
    headerRow([INDICATOR, ...columns.map((c) => c.header), UNIT], lang),
    rows.map((row) => [indicatorId, ...columns.map((c) => c.get(row)), unit]),
    sep,
  );
}
