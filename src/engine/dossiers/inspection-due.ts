/**
 * "Inspection due?": an explainable signal per establishment, a pure function of its inspections (with
 * their findings), its complaints, its environmental category and the day it is judged on. Every
 * reason has a code, the points it adds and a sentence with its numbers; the score is their sum and
 * the level follows from the score. docs/inspection-due.md explains the rules and weights.
 */
import type { DueLevel, DueReason, InspectionDue } from "../../ground/contract/contract-dossier.ts";

/** Points per rule (docs/inspection-due.md). */
export const DUE_POINTS = {
  /** The last inspection found a violation and there has been no inspection since. */
  openViolation: 50,
  /** Per sanction whose deadline passed without a re-inspection, up to `sanctionDeadlineMax`. */
  sanctionDeadline: 30,
  sanctionDeadlineMax: 60,
  /** Per complaint linked to the establishment since its last inspection, up to `complaintMax`. */
  complaint: 10,
  complaintMax: 50,
  /** The intended interval has passed: this much, plus `intervalPerYear` per full year beyond it, up to `intervalMax`. */
  intervalExceeded: 20,
  intervalPerYear: 10,
  intervalMax: 40,
  /** No inspection was ever registered. */
  neverInspected: 30,
} as const;

/** The lowest score of each level: high from 50 (an open violation alone), medium from 25, low from 1. */
export const DUE_LEVELS: readonly [DueLevel, number][] = [
  ["high", 50],
  ["medium", 25],
  ["low", 1],
];

/** The intended interval between inspections by environmental category (1 light … 6 heavy), in years. */
export function intervalYearsFor(category: number): number {
  if (category >= 5) return 1;
  if (category === 4) return 2;
  if (category === 3) return 3;
  return 5;
}

export interface DueInspection {
  inspectedOn: string;
  result: "compliant" | "violation" | "serious_violation";
  findings: readonly { sanction: string; sanctionDeadline: string | null; reinspectedOn: string | null }[];
}

export interface DueInput {
  category: number;
  inspections: readonly DueInspection[];
  /** The days complaints linked to the establishment were received. */
  complaintDates: readonly string[];
}

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;
const nlDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
const years = (n: number, lang: "nl" | "en") => (lang === "nl" ? n.toFixed(1).replace(".", ",") : n.toFixed(1));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function levelOf(score: number): DueLevel {
  return DUE_LEVELS.find(([, min]) => score >= min)?.[0] ?? "none";
}

/**
 * The signal for one establishment on `asOf` (a "YYYY-MM-DD" day): what happened after it is ignored.
 * @example inspectionDue({ category: 4, inspections: [], complaintDates: ["2025-06-01"] }, "2026-01-01")
 *   // { score: 40, level: "medium", reasons: [never-inspected 30, complaints-since-inspection 10], … }
 */
export function inspectionDue(input: DueInput, asOf: string): InspectionDue {
  const inspections = input.inspections.filter((i) => i.inspectedOn <= asOf).toSorted((a, b) => a.inspectedOn.localeCompare(b.inspectedOn));
  const last = inspections.at(-1) ?? null;
  const intervalYears = intervalYearsFor(input.category);
  const reasons: DueReason[] = [];

  if (last && last.result !== "compliant") {
    reasons.push({
      code: "open-violation",
      points: DUE_POINTS.openViolation,
      message: {
        nl: `Overtreding bij de laatste controle op ${nlDate(last.inspectedOn)}, sindsdien niet hergecontroleerd`,
        en: `Violation at the last inspection on ${last.inspectedOn}, not re-inspected since`,
      },
    });
  }

  const lapsed = inspections
    .flatMap((i) => i.findings)
    .filter((f) => f.sanction !== "none" && f.sanctionDeadline !== null && f.sanctionDeadline < asOf && (f.reinspectedOn === null || f.reinspectedOn > asOf))
    .map((f) => f.sanctionDeadline!)
    .sort();
  if (lapsed.length > 0) {
    reasons.push({
      code: "sanction-deadline-passed",
      points: Math.min(DUE_POINTS.sanctionDeadline * lapsed.length, DUE_POINTS.sanctionDeadlineMax),
      message: {
        nl: `${plural(lapsed.length, "sanctietermijn", "sanctietermijnen")} verstreken zonder hercontrole (de oudste op ${nlDate(lapsed[0]!)})`,
        en: `${plural(lapsed.length, "sanction deadline", "sanction deadlines")} passed without re-inspection (the oldest on ${lapsed[0]!})`,
      },
    });
  }

  const since = input.complaintDates.filter((d) => d <= asOf && (last === null || d > last.inspectedOn)).length;
  if (since > 0) {
    reasons.push({
      code: "complaints-since-inspection",
      points: Math.min(DUE_POINTS.complaint * since, DUE_POINTS.complaintMax),
      message: last
        ? {
            nl: `${plural(since, "klacht", "klachten")} sinds de laatste controle op ${nlDate(last.inspectedOn)}`,
            en: `${plural(since, "complaint", "complaints")} since the last inspection on ${last.inspectedOn}`,
          }
        : { nl: `${plural(since, "klacht", "klachten")}, nooit gecontroleerd`, en: `${plural(since, "complaint", "complaints")}, never inspected` },
    });
  }

  const term = {
    nl: `bij categorie ${input.category} is de bedoelde termijn ${intervalYears} jaar`,
    en: `for category ${input.category} the intended interval is ${plural(intervalYears, "year", "years")}`,
  };
  if (last === null) {
    reasons.push({
      code: "never-inspected",
      points: DUE_POINTS.neverInspected,
      message: { nl: `Nooit gecontroleerd; ${term.nl}`, en: `Never inspected; ${term.en}` },
    });
  } else {
    const elapsed = (Date.parse(asOf) - Date.parse(last.inspectedOn)) / DAY_MS / YEAR_DAYS;
    if (elapsed >= intervalYears) {
      const points = Math.min(DUE_POINTS.intervalExceeded + DUE_POINTS.intervalPerYear * Math.floor(elapsed - intervalYears), DUE_POINTS.intervalMax);
      reasons.push({
        code: "interval-exceeded",
        points,
        message: {
          nl: `Laatste controle op ${nlDate(last.inspectedOn)}, ${years(elapsed, "nl")} jaar geleden; ${term.nl}`,
          en: `Last inspection on ${last.inspectedOn}, ${years(elapsed, "en")} years ago; ${term.en}`,
        },
      });
    }
  }

  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  return { score, level: levelOf(score), reasons, lastInspectedOn: last?.inspectedOn ?? null, intervalYears };
}
