/**
 * The findings of the demo's inspections: one row per violation an inspection counted, with the rule
 * or permit condition broken and the sanction. Sanctions escalate with repeat violations at the same
 * establishment (warning, last warning, penalty order; administrative enforcement for a critical
 * repeat), as an enforcement strategy (Landelijke Handhavingsstrategie) prescribes. Fictional, seeded.
 */
import type { Random } from "./random.ts";

/** Rules of the Besluit activiteiten leefomgeving (Bal) and permit conditions, with a finding each (fictional texts). */
const RULES: [string, string][] = [
  ["Bal art. 2.11 (specifieke zorgplicht)", "Opslag van gevaarlijke stoffen zonder lekbak of andere opvangvoorziening"],
  ["Bal art. 2.11 (specifieke zorgplicht)", "Afvalstoffen buiten de daarvoor bestemde containers opgeslagen"],
  ["Bal art. 3.xx (informatieplicht)", "Wijziging van de milieubelastende activiteit niet vooraf gemeld"],
  ["Bal art. 4.6 (registratie)", "Registratie van afgevoerde afvalstoffen ontbreekt of is onvolledig"],
  ["Bal art. 4.29 (opslag gevaarlijke stoffen)", "Gasflessen niet in een brandwerende kast of buitenopslag bewaard"],
  ["vergunningvoorschrift 2.3", "Deuren van de werkplaats open tijdens geluidsproducerende werkzaamheden"],
  ["vergunningvoorschrift 3.1", "Laden en lossen buiten de toegestane tijden (07.00-19.00 uur)"],
  ["vergunningvoorschrift 4.2", "Geluidsniveau op de gevel boven de vergunde grenswaarde"],
  ["vergunningvoorschrift 5.1", "Stofemissie uit de afzuiging boven de emissiegrenswaarde"],
  ["vergunningvoorschrift 6.4", "Logboek van onderhoud aan de filterinstallatie niet bijgehouden"],
];

/** Days to remedy a finding, by severity. */
const TERM_DAYS = { minor: 56, serious: 28, critical: 14 } as const;

type Row = (string | number | null)[];
const DAY_MS = 86_400_000;
const addDays = (isoDay: string, days: number) => new Date(Date.parse(isoDay) + days * DAY_MS).toISOString().slice(0, 10);

/** The sanction for a finding, given how many earlier inspections at the establishment found violations. */
function sanctionFor(severity: keyof typeof TERM_DAYS, earlier: number, random: Random): string {
  if (severity === "critical") return earlier >= 2 ? "administrative_enforcement" : earlier === 1 ? "penalty_order" : "last_warning";
  if (earlier === 0) return severity === "minor" && random.next() < 0.3 ? "none" : "warning";
  if (earlier === 1) return "last_warning";
  return severity === "serious" && random.next() < 0.2 ? "fine" : "penalty_order";
}

/**
 * Findings for `inspections` (rows of inspection_id, establishment_id, inspected_on, result, violations,
 * without the header). A finding's re-inspection is the establishment's next inspection, if any.
 */
export function findingsOf(inspections: Row[], random: Random): Row[] {
  const header: Row = [
    "finding_id",
    "inspection_id",
    "rule",
    "description",
    "severity",
    "sanction",
    "sanction_deadline",
    "reinspected_on",
    "reinspection_result",
  ];
  const byEstablishment = new Map<string, Row[]>();
  for (const row of inspections) byEstablishment.set(String(row[1]), [...(byEstablishment.get(String(row[1])) ?? []), row]);
  const findings: Row[] = [header];
  for (const rows of byEstablishment.values()) {
    rows.sort((a, b) => String(a[2]).localeCompare(String(b[2])) || String(a[0]).localeCompare(String(b[0])));
    let earlier = 0;
    rows.forEach((row, index) => {
      const [inspectionId, , inspectedOn, result, violations] = row as [string, string, string, string, number];
      if (violations === 0) return;
      const next = rows[index + 1];
      for (let k = 0; k < violations; k++) {
        const [rule, description] = RULES[Math.floor(random.next() * RULES.length)]!;
        const severity = result === "serious_violation" && k === 0 ? "critical" : random.next() < 0.35 ? "serious" : "minor";
        const sanction = sanctionFor(severity, earlier, random);
        findings.push([
          `BV-${String(findings.length).padStart(6, "0")}`,
          inspectionId,
          rule,
          description,
          severity,
          sanction,
          sanction === "none" ? null : addDays(inspectedOn, TERM_DAYS[severity]),
          next ? String(next[2]) : null,
          next ? (next[3] === "compliant" ? "compliant" : "violation") : null,
        ]);
      }
      earlier++;
    });
  }
  return findings;
}
