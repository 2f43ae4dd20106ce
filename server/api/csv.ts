/** CSV as Excel opens it right: UTF-8 with a BOM, CRLF line ends, comment lines first (source, licence). */
const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function csvDocument(comments: string[], header: string[], rows: unknown[][]): string {
  const lines = [...comments.map((c) => `# ${c.replace(/[\r\n]+/g, " ")}`), header.map(csvCell).join(","), ...rows.map((row) => row.map(csvCell).join(","))];
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join("")}`;
}
