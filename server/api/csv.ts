/** CSV as Excel opens it right: UTF-8 with a BOM, CRLF line ends, comment lines first (source, licence). */
const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One CSV line with its CRLF. */
export const csvRow = (row: unknown[]) => `${row.map(csvCell).join(",")}\r\n`;

export function csvDocument(comments: string[], header: string[], rows: unknown[][]): string {
  return `\uFEFF${comments.map((c) => `# ${c.replace(/[\r\n]+/g, " ")}\r\n`).join("")}${csvRow(header)}${rows.map(csvRow).join("")}`;
}
