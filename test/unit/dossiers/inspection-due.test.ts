/** "Inspection due?" (src/engine/dossiers/inspection-due.ts): each rule on its own, then together. */
import { describe, expect, it } from "vitest";
import { DUE_POINTS, inspectionDue, intervalYearsFor, levelOf, type DueInspection } from "../../../src/engine/dossiers/inspection-due.ts";

const AS_OF = "2026-01-01";
const compliant = (inspectedOn: string): DueInspection => ({ inspectedOn, result: "compliant", findings: [] });
const violation = (inspectedOn: string, findings: DueInspection["findings"] = []): DueInspection => ({ inspectedOn, result: "violation", findings });
const due = (input: Partial<Parameters<typeof inspectionDue>[0]>) => inspectionDue({ category: 3, inspections: [], complaintDates: [], ...input }, AS_OF);
const codes = (result: ReturnType<typeof due>) => result.reasons.map((r) => [r.code, r.points]);

describe("inspectionDue", () => {
  it("intends heavier categories to be inspected more often", () => {
    expect([1, 2, 3, 4, 5, 6].map(intervalYearsFor)).toEqual([5, 5, 3, 2, 1, 1]);
  });

  it("says nothing for a recent compliant inspection and no complaints", () => {
    expect(due({ inspections: [compliant("2025-06-01")] })).toEqual({ score: 0, level: "none", reasons: [], lastInspectedOn: "2025-06-01", intervalYears: 3 });
  });

  it("counts an establishment never inspected, with its category's interval in the sentence", () => {
    const result = due({ category: 4 });
    expect(codes(result)).toEqual([["never-inspected", DUE_POINTS.neverInspected]]);
    expect(result.reasons[0]!.message.nl).toBe("Nooit gecontroleerd; bij categorie 4 is de bedoelde termijn 2 jaar");
    expect(result.level).toBe("medium");
  });

  it("counts an open violation (the last inspection found one) as high on its own", () => {
    const result = due({ inspections: [compliant("2024-01-10"), violation("2025-09-01")] });
    expect(codes(result)).toEqual([["open-violation", 50]]);
    expect(result.level).toBe("high");
    expect(result.reasons[0]!.message.nl).toBe("Overtreding bij de laatste controle op 01-09-2025, sindsdien niet hergecontroleerd");
  });

  it("does not count a violation that a later inspection followed up", () => {
    expect(due({ inspections: [violation("2025-01-10"), compliant("2025-03-01")] }).reasons).toEqual([]);
  });

  it("counts each sanction whose deadline passed without re-inspection, up to a maximum", () => {
    const lapsed = { sanction: "warning", sanctionDeadline: "2025-10-01", reinspectedOn: null };
    const one = due({ inspections: [compliant("2025-01-01"), { ...compliant("2025-09-01"), findings: [lapsed] }] });
    expect(codes(one)).toEqual([["sanction-deadline-passed", 30]]);
    expect(one.reasons[0]!.message.nl).toBe("1 sanctietermijn verstreken zonder hercontrole (de oudste op 01-10-2025)");
    const many = due({ inspections: [{ ...compliant("2025-09-01"), findings: [lapsed, lapsed, lapsed] }] });
    expect(codes(many)).toEqual([["sanction-deadline-passed", DUE_POINTS.sanctionDeadlineMax]]);
  });

  it("ignores sanctions not yet due, re-inspected ones, and findings without a sanction", () => {
    const findings = [
      { sanction: "warning", sanctionDeadline: "2026-02-01", reinspectedOn: null },
      { sanction: "warning", sanctionDeadline: "2025-10-01", reinspectedOn: "2025-11-01" },
      { sanction: "none", sanctionDeadline: null, reinspectedOn: null },
    ];
    expect(due({ inspections: [{ ...compliant("2025-09-01"), findings }] }).reasons).toEqual([]);
  });

  it("counts complaints since the last inspection, ten points each, with the date in the sentence", () => {
    const result = due({ inspections: [compliant("2025-03-12")], complaintDates: ["2025-01-01", "2025-04-01", "2025-05-01", "2025-06-01"] });
    expect(codes(result)).toEqual([["complaints-since-inspection", 30]]);
    expect(result.reasons[0]!.message).toEqual({
      nl: "3 klachten sinds de laatste controle op 12-03-2025",
      en: "3 complaints since the last inspection on 2025-03-12",
    });
    const capped = due({ inspections: [compliant("2025-03-12")], complaintDates: Array.from({ length: 9 }, () => "2025-06-01") });
    expect(codes(capped)).toEqual([["complaints-since-inspection", DUE_POINTS.complaintMax]]);
  });

  it("counts the interval exceeded, more the longer it is exceeded", () => {
    const justOver = due({ category: 5, inspections: [compliant("2024-11-01")] });
    expect(codes(justOver)).toEqual([["interval-exceeded", 20]]);
    expect(justOver.reasons[0]!.message.nl).toBe("Laatste controle op 01-11-2024, 1,2 jaar geleden; bij categorie 5 is de bedoelde termijn 1 jaar");
    expect(codes(due({ category: 5, inspections: [compliant("2023-11-01")] }))).toEqual([["interval-exceeded", 30]]);
    expect(codes(due({ category: 5, inspections: [compliant("2015-01-01")] }))).toEqual([["interval-exceeded", DUE_POINTS.intervalMax]]);
    expect(due({ category: 1, inspections: [compliant("2022-01-01")] }).reasons).toEqual([]);
  });

  it("ignores what happened after the day it is judged on", () => {
    expect(due({ inspections: [compliant("2025-06-01"), violation("2026-03-01")], complaintDates: ["2026-02-01"] }).reasons).toEqual([]);
  });

  it("adds the reasons up and takes the level from the score", () => {
    const result = due({ category: 4, inspections: [violation("2023-05-01")], complaintDates: ["2024-01-01", "2024-02-01"] });
    expect(codes(result)).toEqual([
      ["open-violation", 50],
      ["complaints-since-inspection", 20],
      ["interval-exceeded", 20],
    ]);
    expect(result.score).toBe(90);
    expect(result.level).toBe("high");
    expect([0, 1, 24, 25, 49, 50].map(levelOf)).toEqual(["none", "low", "low", "medium", "medium", "high"]);
  });
});
