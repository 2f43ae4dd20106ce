/**
 * The download links of a table answer (a series): CSV, CSV for Dutch Excel (semicolons, decimal
 * commas), Parquet and Arrow. The CSV's header row and comment line follow the UI language.
 */
import { html } from "lit";
import { lang, t, type MessageKey } from "../i18n.ts";

interface Download {
  id: string;
  query: Record<string, string>;
  label: MessageKey;
  title: MessageKey;
}

const downloads: Download[] = [
  { id: "csv", query: { format: "csv", sep: "comma" }, label: "exports.csv", title: "exports.csvTitle" },
  { id: "csv-excel", query: { format: "csv", sep: "semicolon" }, label: "exports.csvExcel", title: "exports.csvExcelTitle" },
  { id: "parquet", query: { format: "parquet" }, label: "exports.parquet", title: "exports.parquetTitle" },
  { id: "arrow", query: { format: "arrow" }, label: "exports.arrow", title: "exports.arrowTitle" },
];

/** The URL of one download: `path` with its own query (if any) and the format's parameters. */
export function downloadUrl(path: string, query: Record<string, string>): string {
  const [base, existing] = path.split("?");
  const params = new URLSearchParams(existing);
  for (const [name, value] of Object.entries(query)) params.set(name, value);
  if (query.format === "csv") params.set("lang", lang());
  return `${base}?${params}`;
}

/** Links to every format of the table at `path` (e.g. `/api/v1/indicators/green-share/series`). */
export function renderExportLinks(path: string) {
  return html`<div class="no-print exports" role="group" aria-labelledby="exports-label" data-testid="exports">
    <p>
      <span id="exports-label">${t("exports.label")}:</span>
      ${downloads.map(
        (d, i) => html`${i > 0 ? " · " : null}<a href=${downloadUrl(path, d.query)} download title=${t(d.title)} data-testid=${`download-${d.id}`}
            >${t(d.label)}</a
          >`,
      )}
    </p>
    <p class="exports-note">${t("exports.note")}</p>
  </div>`;
}
