/**
 * A dossier as one CSV: the establishment and whether an inspection is due in the comment lines, then
 * its timeline (permits, inspections, their findings, complaints, complaints nearby) and the open items
 * and the reasons an inspection is due, one row each, newest first. Header, comment lines and every
 * code in words (the shared label tables, src/ground/dossier-labels.ts), in Dutch or English;
 * `sep=semicolon` writes decimal commas in the text too, so numbers read the same throughout the file.
 * No complainant: the registers hold none, and the dossier has no field for one.
 */
import type { EstablishmentDossier } from "../../ground/contract/contract-dossier.ts";
import {
  complaintKindLabels,
  complaintStatusLabels,
  dueLevelLabels,
  dueReasonLabels,
  findingSeverityLabels,
  inspectionResultLabels,
  openItemKindLabels,
  permitStatusLabels,
  permitTypeLabels,
  reinspectionResultLabels,
  sanctionLabels,
} from "../../ground/dossier-labels.ts";
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
  const { establishment: e, inspectionDue: due } = dossier;
  const say = (message: Message) => renderMessage(lang, message);
  const kind = (name: "permit" | "inspection" | "finding" | "complaint" | "nearbyComplaint" | "openItem" | "dueReason") =>
    say(msg(`export.dossier.kind.${name}`));
  const number = (n: Amount) => (n === null || n === undefined ? "-" : csvNumber(n, sep));
  const rows: unknown[][] = [
    ...dossier.permits.map((p) => [
      p.appliedOn,
      kind("permit"),
      p.id,
      permitStatusLabels[p.status][lang],
      say(
        msg("export.dossier.permit", {
          type: permitTypeLabels[p.type],
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
      inspectionResultLabels[i.result][lang],
      say(
        msg("export.dossier.inspection", {
          violations: i.violations,
          followUp: i.followUpOn ?? (i.result === "compliant" ? "-" : msg("export.dossier.noneYet")),
        }),
      ),
    ]),
    ...dossier.inspections.flatMap((i) =>
      i.findings.map((f) => [
        i.inspectedOn,
        kind("finding"),
        f.id,
        sanctionLabels[f.sanction][lang],
        say(
          msg("export.dossier.finding", {
            inspection: i.id,
            rule: f.rule,
            description: f.description,
            severity: findingSeverityLabels[f.severity],
            sanction: sanctionLabels[f.sanction],
            deadline: f.sanctionDeadline ?? "-",
            reinspection: f.reinspectedOn
              ? `${f.reinspectedOn} (${f.reinspectionResult ? reinspectionResultLabels[f.reinspectionResult][lang] : "-"})`
              : msg("export.dossier.noneYet"),
          }),
        ),
      ]),
    ),
    ...dossier.complaints.map((c) => [
      c.receivedOn,
      kind("complaint"),
      c.id,
      complaintStatusLabels[c.status][lang],
      say(
        msg("export.dossier.complaint", {
          kind: complaintKindLabels[c.kind],
          handleBy: c.handleBy,
          buurt: c.buurtName ?? "-",
          address: c.nearestAddress ?? "-",
        }),
      ),
    ]),
    ...dossier.complaintsNearby.map((c) => [
      c.receivedOn,
      kind("nearbyComplaint"),
      c.id,
      complaintStatusLabels[c.status][lang],
      say(msg("export.dossier.nearbyComplaint", { kind: complaintKindLabels[c.kind], distance: c.distanceM, handleBy: c.handleBy })),
    ]),
    ...dossier.openItems.map((o) => [o.date, kind("openItem"), o.subject, openItemKindLabels[o.kind][lang], o.message[lang]]),
    ...due.reasons.map((r) => [
      dossier.asOf,
      kind("dueReason"),
      e.id,
      dueReasonLabels[r.code][lang],
      say(msg("export.dossier.duePoints", { points: r.points, reason: r.message })),
    ]),
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
      say(msg("export.dossier.due", { level: dueLevelLabels[due.level], score: due.score })),
      say(msg("export.dossier.sources", { date: dossier.asOf, sources })),
    ],
    headerRow(HEADERS, lang),
    rows,
    sep,
  );
}
