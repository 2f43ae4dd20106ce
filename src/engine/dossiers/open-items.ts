/**
 * What in a dossier needs action, judged on a given day: a violation not yet re-inspected, a granted
 * permit that expires within 90 days, an application undecided past the eight-week decision period
 * (Omgevingswet, regular procedure), a sanction whose deadline passed without a re-inspection, a
 * complaint not closed (and whether its handling deadline has passed).
 */
import type { Complaint, Inspection, OpenItem, Permit } from "../../ground/contract/contract-dossier.ts";

const EXPIRY_WARNING_DAYS = 90;
const DECISION_PERIOD_DAYS = 56;
const DAY_MS = 86_400_000;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

export function openItems(asOf: string, permits: Permit[], inspections: Inspection[], complaints: Complaint[]): OpenItem[] {
  const items: OpenItem[] = [];
  for (const inspection of inspections) {
    if (inspection.result === "compliant" || inspection.followUpOn !== null) continue;
    const days = daysBetween(inspection.inspectedOn, asOf);
    items.push({
      kind: "violation-without-follow-up",
      subject: inspection.id,
      date: inspection.inspectedOn,
      message: {
        nl: `Overtreding bij controle van ${inspection.inspectedOn} (${inspection.violations}×), ${days} dagen zonder hercontrole.`,
        en: `Violation found on ${inspection.inspectedOn} (${inspection.violations}×), not re-inspected for ${days} days.`,
      },
    });
  }
  for (const inspection of inspections) {
    for (const finding of inspection.findings) {
      if (finding.sanction === "none" || finding.sanctionDeadline === null || finding.sanctionDeadline >= asOf) continue;
      if (finding.reinspectedOn !== null && finding.reinspectedOn <= asOf) continue;
      const days = daysBetween(finding.sanctionDeadline, asOf);
      items.push({
        kind: "sanction-deadline-passed",
        subject: finding.id,
        date: finding.sanctionDeadline,
        message: {
          nl: `Termijn van de sanctie op ${finding.id} (${finding.rule}) verstreken op ${finding.sanctionDeadline}, ${days} dagen zonder hercontrole.`,
          en: `The sanction deadline for ${finding.id} (${finding.rule}) passed on ${finding.sanctionDeadline}, not re-inspected for ${days} days.`,
        },
      });
    }
  }
  for (const permit of permits) {
    if (permit.status === "granted" && permit.validUntil !== null) {
      const days = daysBetween(asOf, permit.validUntil);
      if (days >= 0 && days <= EXPIRY_WARNING_DAYS) {
        items.push({
          kind: "permit-expiring",
          subject: permit.id,
          date: permit.validUntil,
          message: {
            nl: `Vergunning ${permit.id} verloopt over ${days} dagen (${permit.validUntil}).`,
            en: `Permit ${permit.id} expires in ${days} days (${permit.validUntil}).`,
          },
        });
      }
    }
    if (permit.status === "requested" && permit.decidedOn === null) {
      const days = daysBetween(permit.appliedOn, asOf);
      if (days > DECISION_PERIOD_DAYS) {
        items.push({
          kind: "decision-overdue",
          subject: permit.id,
          date: permit.appliedOn,
          message: {
            nl: `Aanvraag ${permit.id} van ${permit.appliedOn} is na ${days} dagen nog niet beslist (termijn 8 weken).`,
            en: `Application ${permit.id} of ${permit.appliedOn} is undecided after ${days} days (period: 8 weeks).`,
          },
        });
      }
    }
  }
  for (const complaint of complaints) {
    if (complaint.status === "closed") continue;
    const late = complaint.handleBy < asOf;
    items.push({
      kind: "complaint-open",
      subject: complaint.id,
      date: complaint.receivedOn,
      message: late
        ? {
            nl: `Klacht ${complaint.id} van ${complaint.receivedOn} is nog niet afgehandeld; de afhandeltermijn verliep op ${complaint.handleBy}.`,
            en: `Complaint ${complaint.id} of ${complaint.receivedOn} is not closed yet; its handling deadline passed on ${complaint.handleBy}.`,
          }
        : {
            nl: `Klacht ${complaint.id} van ${complaint.receivedOn} is nog niet afgehandeld (termijn tot ${complaint.handleBy}).`,
            en: `Complaint ${complaint.id} of ${complaint.receivedOn} is not closed yet (due by ${complaint.handleBy}).`,
          },
    });
  }
  return items.sort((a, b) => a.date.localeCompare(b.date));
}
