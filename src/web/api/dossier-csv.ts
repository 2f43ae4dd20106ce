/**
 * A dossier as one CSV: the establishment in the comment lines, then its timeline (permits,
 * inspections, complaints) and the open items, one event per row, newest first. Header, comment
 * lines and the words of each row in Dutch or English; `sep=semicolon` writes decimal commas in the
 * text too, so numbers read the same throughout the file.
 */
import type { EstablishmentDossier } from "../../ground/contract/contract-dossier.ts";
import { csvDocument, csvNumber } from "./csv.ts";
import { headerRow, type Header } from "./export-labels.ts";
import type { CsvOptions } from "./table-csv.ts";
import { msg, renderMessage, type Message } from "../../ground/i18n/message.ts";

const HEADERS: Header[] = [
  { nl: "datum", en: "date" },
  { nl: "soort", en: "kind" },
  { nl: "id", en: "id" },
  { nl: "status", en: "status" },
  { nl: "toelichting", en: "detail" },
];

type Amount = number | null | undefined;

export function dossierToCsv(dossier: EstablishmentDossier, { sep, lang }: CsvOptions = { sep: "comma", lang: "en" }): string {
  const { establishment: e } = dossier;
  const say = (message: Message) => renderMessage(lang, message);
  const kind = (name: "permit" | "inspection" | "complaint" | "openItem") => say(msg(`export.dossier.kind.${name}`));
  const number = (n: Amount) => (n === null || n === undefined ? "-" : csvNumber(n, sep));
  const rows: unknown[][] = [
    ...dossier.permits.map((p) => [
      p.appliedOn,
      kind("permit"),
      p.id,
      p.status,
      say(
        msg("export.dossier.permit", {
          type: p.type,
          decided: p.decidedOn ?? "-",
          validUntil: p.validUntil ?? "-",
          noise: number(p.noiseLimitDba),
          dust: number(p.dustLimitMgM3),
        }),
      ),
    ]),
    ...dossier.inspections.map((i) => [
      i.inspectedOn,
      kind("inspection"),
      i.id,
      i.result,
      say(
        msg("export.dossier.inspection", {
          violations: i.violations,
          followUp: i.followUpOn ?? (i.result === "compliant" ? "-" : msg("export.dossier.noneYet")),
        }),
      ),
    ]),
    ...dossier.complaints.map((c) => [c.receivedOn, kind("complaint"), c.id, c.status, c.kind]),
    ...dossier.openItems.map((o) => [o.date, kind("openItem"), o.subject, o.kind, o.message[lang]]),
  ].sort((a, b) => String(b[0]).localeCompare(String(a[0])));
  const sources = dossier.sources.map((s) => say(msg("export.dossier.source", { source: s.source, licence: s.licence, run: s.runId ?? "-" }))).join("; ");
  return csvDocument(
    [
      say(
        msg("export.dossier.establishment", {
          id: e.id,
          name: e.name,
          address: e.address,
          postcode: e.postcode,
          city: e.city,
          sbi: e.sbiCode,
          activity: e.activity,
          category: e.category,
        }),
      ),
      say(msg("export.dossier.sources", { date: dossier.asOf, sources })),
    ],
    headerRow(HEADERS, lang),
    rows,
    sep,
  );
}
