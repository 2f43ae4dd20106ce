/**
 * A table export as CSV: the provenance comment line (and the disclosure rule, when it applies) and
 * the header in the language asked for.
 */
import type { CsvSeparator, ExportLang } from "../../ground/contract/params.ts";
import type { ProvenanceNote } from "../../ground/contract/contract-annotations.ts";
import { msg, renderMessage } from "../../ground/i18n/message.ts";
import { csvDocument } from "./csv.ts";
import { headerRow, provenanceComment, type Header } from "./export-labels.ts";
import type { TableExport } from "./table-export.ts";

export interface CsvOptions {
  sep: CsvSeparator;
  lang: ExportLang;
}

const INDICATOR: Header = { nl: "indicator", en: "indicator" };
const UNIT: Header = { nl: "eenheid", en: "unit" };

/** One comment line per note on the data, numbered as on the charts: "note 1 (2024-05-03 – 2024-05-05): source outage". */
export function noteComment(note: ProvenanceNote, number: number, lang: ExportLang): string {
  const dates = note.to && note.to !== note.from ? `${note.from} – ${note.to}` : note.from;
  return renderMessage(lang, msg("export.note", { number, dates, text: (lang === "en" ? note.text.en : null) ?? note.text.nl }));
}

export function tableToCsv<Row>(table: TableExport<Row>, { sep, lang }: CsvOptions): string {
  const { indicatorId, unit, period, provenance, suppressionRule, columns, rows } = table;
  const comment = provenanceComment({ ...provenance, indicator: indicatorId, unit, period }, lang);
  return csvDocument(
    [
      comment,
      // Beside the provenance, as in Arrow's and Parquet's metadata: why some values are empty.
      ...(suppressionRule ? [suppressionRule[lang]] : []),
      ...(provenance.annotations ?? []).map((note, i) => noteComment(note, i + 1, lang)),
    ],
    headerRow([INDICATOR, ...columns.map((c) => c.header), UNIT], lang),
    rows.map((row) => [indicatorId, ...columns.map((c) => c.get(row)), unit]),
    sep,
  );
}
