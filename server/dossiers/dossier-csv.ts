/**
 * A dossier as one CSV: the establishment in the comment lines, then its timeline (permits,
 * inspections, complaints) and the open items, one event per row, newest first.
 */
import type { EstablishmentDossier } from "../api/contract-dossier.ts";
import { csvDocument } from "../api/csv.ts";

export function dossierToCsv(dossier: EstablishmentDossier): string {
  const { establishment: e } = dossier;
  const rows: unknown[][] = [
    ...dossier.permits.map((p) => [p.appliedOn, "permit", p.id, p.status, `${p.type}; decided ${p.decidedOn ?? "-"}; valid until ${p.validUntil ?? "-"}; noise limit ${p.noiseLimitDba ?? "-"} dB(A); dust limit ${p.dustLimitMgM3 ?? "-"} mg/m3`]),
    ...dossier.inspections.map((i) => [i.inspectedOn, "inspection", i.id, i.result, `${i.violations} violation(s); follow-up ${i.followUpOn ?? (i.result === "compliant" ? "-" : "none yet")}`]),
    ...dossier.complaints.map((c) => [c.receivedOn, "complaint", c.id, c.status, c.kind]),
    ...dossier.openItems.map((o) => [o.date, "open item", o.subject, o.kind, o.message.en]),
  ].sort((a, b) => String(b[0]).localeCompare(String(a[0])));
  return csvDocument(
    [
      `establishment ${e.id}: ${e.name}, ${e.address}, ${e.postcode} ${e.city}; SBI ${e.sbiCode} ${e.activity}; category ${e.category}`,
      `dossier as of ${dossier.asOf}; sources: ${dossier.sources.map((s) => `${s.source} (${s.licence}, run ${s.runId ?? "-"})`).join("; ")}`,
    ],
    ["date", "kind", "id", "status", "detail"],
    rows,
  );
}
