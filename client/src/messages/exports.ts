/** Downloads of series and values per area: CSV, CSV for Dutch Excel, Parquet and Arrow. */
import { defineMessages } from "./define.ts";

export const exportsMessages = defineMessages(
  {
    "exports.label": "Downloaden",
    "exports.csv": "CSV",
    "exports.csvTitle": "Kommagescheiden, decimale punt; kopregel in het Nederlands",
    "exports.csvExcel": "CSV voor Excel (NL)",
    "exports.csvExcelTitle": "Puntkomma's en decimale komma's, zoals Excel met Nederlandse instellingen verwacht",
    "exports.parquet": "Parquet",
    "exports.parquetTitle": "Getypeerde kolommen, met bron, licentie en herkomst in de metadata (DuckDB, pandas, R)",
    "exports.arrow": "Arrow",
    "exports.arrowTitle": "Arrow IPC-stream, met bron, licentie en herkomst in het schema",
    "exports.note": "Elk bestand vermeldt bron, licentie, pipelinerun en kwaliteit; onderdrukte waarden blijven leeg.",
  },
  {
    "exports.label": "Download",
    "exports.csv": "CSV",
    "exports.csvTitle": "Comma-separated, decimal point; header row in English",
    "exports.csvExcel": "CSV for Dutch Excel",
    "exports.csvExcelTitle": "Semicolons and decimal commas, as Excel with Dutch regional settings expects",
    "exports.parquet": "Parquet",
    "exports.parquetTitle": "Typed columns, with source, licence and provenance in the metadata (DuckDB, pandas, R)",
    "exports.arrow": "Arrow",
    "exports.arrowTitle": "Arrow IPC stream, with source, licence and provenance in the schema",
    "exports.note": "Every file states its source, licence, pipeline run and quality; suppressed values stay empty.",
  },
);
