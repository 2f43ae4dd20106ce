/**
 * The words for the registers' codes, in Dutch and English: one table per code set, shared by the UI
 * (client/src/messages/dossier.ts spreads them into its catalogue) and every CSV export (src/web/api),
 * so a code is never shown and never worded twice. Each table is typed against the contract's enum:
 * a new code without its words does not build.
 */
import type { Localized } from "./contract/contract.ts";
import type { Complaint, DueLevel, DueReason, Finding, Inspection, OpenItem, Permit } from "./contract/contract-dossier.ts";

type Labels<C extends string> = Readonly<Record<C, Localized>>;

export const permitTypeLabels: Labels<Permit["type"]> = {
  environmental_permit: { nl: "omgevingsvergunning milieubelastende activiteit", en: "environmental permit" },
  notification: { nl: "melding", en: "notification" },
  custom_rule: { nl: "maatwerkvoorschrift", en: "custom rule" },
};

export const permitStatusLabels: Labels<Permit["status"]> = {
  requested: { nl: "aangevraagd", en: "requested" },
  granted: { nl: "verleend", en: "granted" },
  refused: { nl: "geweigerd", en: "refused" },
  withdrawn: { nl: "ingetrokken", en: "withdrawn" },
  expired: { nl: "verlopen", en: "expired" },
};

export const inspectionResultLabels: Labels<Inspection["result"]> = {
  compliant: { nl: "in orde", en: "compliant" },
  violation: { nl: "overtreding", en: "violation" },
  serious_violation: { nl: "ernstige overtreding", en: "serious violation" },
};

export const findingSeverityLabels: Labels<Finding["severity"]> = {
  minor: { nl: "licht", en: "minor" },
  serious: { nl: "ernstig", en: "serious" },
  critical: { nl: "zeer ernstig", en: "critical" },
};

export const sanctionLabels: Labels<Finding["sanction"]> = {
  none: { nl: "geen sanctie", en: "no sanction" },
  warning: { nl: "waarschuwing", en: "warning" },
  last_warning: { nl: "laatste waarschuwing (voornemen)", en: "last warning" },
  penalty_order: { nl: "last onder dwangsom", en: "penalty order" },
  administrative_enforcement: { nl: "last onder bestuursdwang", en: "administrative enforcement order" },
  fine: { nl: "bestuurlijke boete", en: "administrative fine" },
};

export const reinspectionResultLabels: Labels<NonNullable<Finding["reinspectionResult"]>> = {
  compliant: { nl: "opgeheven", en: "remedied" },
  violation: { nl: "niet opgeheven", en: "not remedied" },
};

export const complaintKindLabels: Labels<Complaint["kind"]> = {
  noise: { nl: "geluid", en: "noise" },
  odour: { nl: "geur", en: "odour" },
  dust: { nl: "stof", en: "dust" },
  light: { nl: "licht", en: "light" },
  other: { nl: "overig", en: "other" },
};

export const complaintStatusLabels: Labels<Complaint["status"]> = {
  open: { nl: "open", en: "open" },
  in_progress: { nl: "in behandeling", en: "in progress" },
  closed: { nl: "afgehandeld", en: "closed" },
};

export const openItemKindLabels: Labels<OpenItem["kind"]> = {
  "violation-without-follow-up": { nl: "Overtreding zonder hercontrole", en: "Violation without follow-up inspection" },
  "sanction-deadline-passed": { nl: "Sanctietermijn verstreken zonder hercontrole", en: "Sanction deadline passed without re-inspection" },
  "permit-expiring": { nl: "Vergunning verloopt binnenkort", en: "Permit expiring soon" },
  "decision-overdue": { nl: "Beslistermijn verstreken", en: "Decision overdue" },
  "complaint-open": { nl: "Klacht niet afgehandeld", en: "Complaint not closed" },
};

export const dueLevelLabels: Labels<DueLevel> = {
  none: { nl: "geen", en: "none" },
  low: { nl: "laag", en: "low" },
  medium: { nl: "middel", en: "medium" },
  high: { nl: "hoog", en: "high" },
};

export const dueReasonLabels: Labels<DueReason["code"]> = {
  "open-violation": { nl: "openstaande overtreding", en: "open violation" },
  "sanction-deadline-passed": { nl: "sanctietermijn verstreken", en: "sanction deadline passed" },
  "complaints-since-inspection": { nl: "klachten sinds de laatste controle", en: "complaints since the last inspection" },
  "interval-exceeded": { nl: "controletermijn overschreden", en: "inspection interval exceeded" },
  "never-inspected": { nl: "nooit gecontroleerd", en: "never inspected" },
};

/** Every table by its name, for tests that check each code has words in both languages. */
export const dossierLabelTables = {
  permitType: permitTypeLabels,
  permitStatus: permitStatusLabels,
  result: inspectionResultLabels,
  findingSeverity: findingSeverityLabels,
  sanction: sanctionLabels,
  reinspectionResult: reinspectionResultLabels,
  complaintKind: complaintKindLabels,
  complaintStatus: complaintStatusLabels,
  openKind: openItemKindLabels,
  dueLevel: dueLevelLabels,
  dueReason: dueReasonLabels,
} as const;

/** The words for `code` in `lang`; a code missing from the table (a newer export) is shown as it is. */
export function labelOf<C extends string>(table: Labels<C>, code: C, lang: "nl" | "en"): string {
  return table[code]?.[lang] ?? code;
}

/**
 * A table as catalogue entries under `prefix`, for spreading into a message catalogue.
 * @example labelMessages("dossier.permitStatus", permitStatusLabels, "nl") // { "dossier.permitStatus.granted": "verleend", … }
 */
export function labelMessages<P extends string, C extends string>(prefix: P, table: Labels<C>, lang: "nl" | "en"): Record<`${P}.${C}`, string> {
  return Object.fromEntries(Object.entries<Localized>(table).map(([code, words]) => [`${prefix}.${code}`, words[lang]])) as Record<`${P}.${C}`, string>;
}
