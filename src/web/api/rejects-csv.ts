/**
 * A run's rejected rows as one CSV, for the source's owner: line, column, reason (in the file's
 * language), raw value and origin, one rejected row a line. The raw values come from upstream as they
 * were: every text cell is made inert for spreadsheets (csv-formula.ts).
 */
import type { QuarantinedRow } from "../../ground/contract/contract.ts";
import { msg, renderMessage } from "../../ground/i18n/message.ts";
import { csvDocument } from "./csv.ts";
import { inertCell } from "./csv-formula.ts";
import { headerRow, type Header } from "./export-labels.ts";
import type { CsvOptions } from "./table-csv.ts";

const HEADERS: Header[] = [
  { nl: "regel", en: "line" },
  { nl: "kolom", en: "column" },
  { nl: "reden", en: "reason" },
  { nl: "ruwe waarde", en: "raw value" },
  { nl: "herkomst", en: "origin" },
];

export function rejectsToCsv(
  rows: readonly QuarantinedRow[],
  run: { pipeline: string; runId: number; rowsRejected: number | null },
  { sep, lang }: CsvOptions,
): string {
  const comment = renderMessage(
    lang,
    msg("export.rejects.comment", { pipeline: run.pipeline, runId: run.runId, count: rows.length, total: run.rowsRejected ?? rows.length }),
  );
  const lines = rows.map((row) => [row.line, inertCell(row.column ?? ""), inertCell(row.reason[lang]), inertCell(row.raw), inertCell(row.origin)]);
  return csvDocument([comment], headerRow(HEADERS, lang), lines, sep);
}
