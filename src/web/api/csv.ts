/**
 * CSV as Excel opens it right: UTF-8 with a BOM, CRLF line ends, comment lines first (source, licence).
 * Two dialects: `comma` (comma-separated, decimal point: the standard, for code) and `semicolon`
 * (semicolons and decimal commas: what Excel with Dutch regional settings reads as numbers; it
 * would read `12.5` as 125).
 */
import type { CsvSeparator } from "../../ground/contract/params.ts";

const dialects: Record<CsvSeparator, { cell: string; decimal: string }> = {
  comma: { cell: ",", decimal: "." },
  semicolon: { cell: ";", decimal: "," },
};

/**
 * A number with the dialect's decimal mark, written in full (never rounded: a CSV carries the data,
 * not a display of it). Kept apart from decimalText (src/ground/i18n/localize.ts), which follows the
 * language: `sep=semicolon&lang=en` still writes decimal commas, because that is what Excel reads.
 */
export const csvNumber = (value: number, sep: CsvSeparator): string => String(value).replace(".", dialects[sep].decimal);

function csvCell(value: unknown, sep: CsvSeparator): string {
  // Numbers never need quotes: only digits, sign, exponent and the decimal mark of the dialect.
  if (typeof value === "number") return Number.isFinite(value) ? csvNumber(value, sep) : "";
  const text = value === null || value === undefined ? "" : String(value);
  // Quoted on either separator, so a file stays readable when opened with the other one.
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line with its CRLF. */
export const csvRow = (row: unknown[], sep: CsvSeparator = "comma") => `${row.map((cell) => csvCell(cell, sep)).join(dialects[sep].cell)}\r\n`;

export function csvDocument(comments: string[], header: string[], rows: unknown[][], sep: CsvSeparator = "comma"): string {
  return `\uFEFF${comments.map((c) => `# ${c.replace(/[\r\n]+/g, " ")}\r\n`).join("")}${csvRow(header, sep)}${rows.map((row) => csvRow(row, sep)).join("")}`;
}
