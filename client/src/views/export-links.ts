/**
 * The download links of a table answer (a series): CSV, CSV for Dutch Excel (semicolons, decimal
 * commas), Parquet and Arrow. The CSV's header row and comment line follow the UI language.
 */
import { html } from "lit";
import { lang, t, type Lang, type MessageKey } from "../i18n.ts";

/** What a table route's query takes to answer with a file. */
export interface DownloadQuery {
  format: "csv" | "parquet" | "arrow";
  sep?: "comma" | "semicolon";
  lang?: Lang;
}

interface Download {
  id: string;
  query: DownloadQuery;
  label: MessageKey;
  title: MessageKey;
}

const downloads: Download[] = [
  { id: "csv", query: { format: "csv", sep: "comma" }, label: "exports.csv", title: "exports.csvTitle" },
  { id: "csv-excel", query: { format: "csv", sep: "semicolon" }, label: "exports.csvExcel", title: "exports.csvExcelTitle" },
  { id: "parquet", query: { format: "parquet" }, label: "exports.parquet", title: "exports.parquetTitle" },
  { id: "arrow", query: { format: "arrow" }, label: "exports.arrow", title: "exports.arrowTitle" },
];

/** A download's query: a CSV's header row and comment line in the UI's language. */
export function downloadQuery<Q extends DownloadQuery>(query: Q): Q {
  return query.format === "csv" ? { ...query, lang: lang() } : query;
}

/**
 * Links to every format of a table answer; `urlOf` makes the route's URL for a query.
 *
 * @example
 * renderExportLinks((query) => api.url("GET /api/v1/indicators/:id/series", { path: { id }, query }));
 */
export function renderExportLinks(urlOf: (query: DownloadQuery) => string) {
  return html`<div class="no-print exports" role="group" aria-labelledby="exports-label" data-testid="exports">
    <p>
      <span id="exports-label">${t("exports.label")}:</span>
      ${downloads.map(
        (d, i) =>
          html`${i > 0 ? " · " : null}<a href=${urlOf(downloadQuery(d.query))} download title=${t(d.title)} data-testid=${`download-${d.id}`}
              >${t(d.label)}</a
            >`,
      )}
    </p>
    <p class="exports-note">${t("exports.note")}</p>
  </div>`;
}
