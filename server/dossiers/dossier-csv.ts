/**
 * A dossier as one CSV: the establishment in the comment lines, then its timeline (permits,
 * inspections, complaints) and the open items, one event per row, newest first. Header, comment
 * lines and the words of each row in Dutch or English; `sep=semicolon` writes decimal commas in the
 * text too, so numbers read the same throughout the file.
 */
import type { EstablishmentDossier } from "../api/contract-dossier.ts";
import { csvDocument, csvNumber } from "../api/csv.ts";
import { headerRow, type ExportLang, type Header } from "../api/export-labels.ts";
import type { CsvOptions } from "../api/table-csv.ts";

const HEADERS: Header[] = [
  { nl: "datum", en: "date" },
  { nl: "soort", en: "kind" },
  { nl: "id", en: "id" },
  { nl: "status", en: "status" },
  { nl: "toelichting", en: "detail" },
];

type Amount = number | null | undefined;
type Words = {
  establishment: (id: string, name: string) => string;
  sbi: string;
  category: string;
  asOf: (date: string) => string;
  sources: string;
  run: string;
  kind: Record<"permit" | "inspection" | "complaint" | "openItem", string>;
  permit: (type: string, decided: string, validUntil: string, noise: string, dust: string) => string;
  inspection: (violations: number, followUp: string) => string;
  noneYet: string;
};

const words: Record<ExportLang, Words> = {
  nl: {
    establishment: (id, name) => `inrichting ${id}: ${name}`,
    sbi: "SBI",
    category: "categorie",
    asOf: (date) => `dossier per ${date}`,
    sources: "bronnen",
    run: "run",
    kind: { permit: "vergunning", inspection: "inspectie", complaint: "klacht", openItem: "open punt" },
    permit: (type, decided, validUntil, noise, dust) => `${type}; besloten ${decided}; geldig tot ${validUntil}; geluidsgrens ${noise} dB(A); stofgrens ${dust} mg/m3`,
    inspection: (violations, followUp) => `${violations} overtreding(en); hercontrole ${followUp}`,
    noneYet: "nog geen",
  },
  en: {
    establishment: (id, name) => `establishment ${id}: ${name}`,
    sbi: "SBI",
    category: "category",
    asOf: (date) => `dossier as of ${date}`,
    sources: "sources",
    run: "run",
    kind: { permit: "permit", inspection: "inspection", complaint: "complaint", openItem: "open item" },
    permit: (type, decided, validUntil, noise, dust) => `${type}; decided ${decided}; valid until ${validUntil}; noise limit ${noise} dB(A); dust limit ${dust} mg/m3`,
    inspection: (violations, followUp) => `${violations} violation(s); follow-up ${followUp}`,
    noneYet: "none yet",
  },
};

export function dossierToCsv(dossier: EstablishmentDossier, { sep, lang }: CsvOptions = { sep: "comma", lang: "en" }): string {
  const { establishment: e } = dossier;
  const w = words[lang];
  const number = (n: Amount) => (n === null || n === undefined ? "-" : csvNumber(n, sep));
  const rows: unknown[][] = [
    ...dossier.permits.map((p) => [p.appliedOn, w.kind.permit, p.id, p.status, w.permit(p.type, p.decidedOn ?? "-", p.validUntil ?? "-", number(p.noiseLimitDba), number(p.dustLimitMgM3))]),
    ...dossier.inspections.map((i) => [i.inspectedOn, w.kind.inspection, i.id, i.result, w.inspection(i.violations, i.followUpOn ?? (i.result === "compliant" ? "-" : w.noneYet))]),
    ...dossier.complaints.map((c) => [c.receivedOn, w.kind.complaint, c.id, c.status, c.kind]),
    ...dossier.openItems.map((o) => [o.date, w.kind.openItem, o.subject, o.kind, o.message[lang]]),
  ].sort((a, b) => String(b[0]).localeCompare(String(a[0])));
  return csvDocument(
    [
      `${w.establishment(e.id, e.name)}, ${e.address}, ${e.postcode} ${e.city}; ${w.sbi} ${e.sbiCode} ${e.activity}; ${w.category} ${e.category}`,
      `${w.asOf(dossier.asOf)}; ${w.sources}: ${dossier.sources.map((s) => `${s.source} (${s.licence}, ${w.run} ${s.runId ?? "-"})`).join("; ")}`,
    ],
    headerRow(HEADERS, lang),
    rows,
    sep,
  );
}
