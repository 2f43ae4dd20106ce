/**
 * Search results as one CSV: every match of the query (up to a cap), one establishment a row, with
 * the inspection-due level in words and its score. The comment lines say what was searched and when.
 * Header and words in Dutch or English; `sep=semicolon` for Excel with Dutch settings.
 */
import type { EstablishmentSummary } from "../../ground/contract/contract-dossier.ts";
import { dueLevelLabels, labelOf } from "../../ground/dossier-labels.ts";
import { msg, renderMessage } from "../../ground/i18n/message.ts";
import { csvDocument, csvNumber } from "./csv.ts";
import { headerRow, type Header } from "./export-labels.ts";
import type { CsvOptions } from "./table-csv.ts";

/** At most this many rows in one export: the whole register of a large municipality, not a bulk dump. */
export const MAX_CSV_ROWS = 10_000;

const HEADERS: Header[] = [
  { nl: "kenmerk", en: "id" },
  { nl: "naam", en: "name" },
  { nl: "adres", en: "address" },
  { nl: "postcode", en: "postcode" },
  { nl: "plaats", en: "city" },
  { nl: "buurt", en: "neighbourhood" },
  { nl: "SBI-code", en: "SBI code" },
  { nl: "milieubelastende activiteit", en: "environmentally harmful activity" },
  { nl: "milieucategorie", en: "environmental category" },
  { nl: "controle nodig", en: "inspection due" },
  { nl: "score controle nodig", en: "inspection due score" },
  { nl: "afstand (m)", en: "distance (m)" },
  { nl: "breedtegraad", en: "latitude" },
  { nl: "lengtegraad", en: "longitude" },
];

export function establishmentsToCsv(
  items: readonly EstablishmentSummary[],
  { query, asOf, total }: { query: string; asOf: string; total: number },
  { sep, lang }: CsvOptions = { sep: "comma", lang: "en" },
): string {
  const number = (n: number | null) => (n === null ? "" : csvNumber(n, sep));
  const rows = items.map((e) => [
    e.id,
    e.name,
    e.address,
    e.postcode,
    e.city,
    e.buurtName ?? "",
    e.sbiCode,
    e.activity,
    e.category,
    e.due ? labelOf(dueLevelLabels, e.due.level, lang) : "",
    e.due ? e.due.score : "",
    number(e.distanceM),
    number(e.lat),
    number(e.lon),
  ]);
  const comments = [renderMessage(lang, msg("export.establishments.query", { query: query || "-", date: asOf, count: items.length, total }))];
  return csvDocument(comments, headerRow(HEADERS, lang), rows, sep);
}
