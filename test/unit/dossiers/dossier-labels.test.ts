/** The words for the registers' codes (src/ground/dossier-labels.ts): every code of every enum has them. */
import { describe, expect, it } from "vitest";
import {
  Complaint,
  DueReason,
  dueLevels,
  Finding,
  findingSeverities,
  Inspection,
  openItemKinds,
  Permit,
  reinspectionResults,
  sanctions,
} from "../../../src/ground/contract/contract-dossier.ts";
import { dossierLabelTables, labelMessages, permitStatusLabels } from "../../../src/ground/dossier-labels.ts";
import { messages } from "../../../client/src/messages.ts";

const codeSets: Record<keyof typeof dossierLabelTables, readonly string[]> = {
  permitType: Permit.shape.type.options,
  permitStatus: Permit.shape.status.options,
  result: Inspection.shape.result.options,
  findingSeverity: findingSeverities,
  sanction: sanctions,
  reinspectionResult: reinspectionResults,
  complaintKind: Complaint.shape.kind.options,
  complaintStatus: Complaint.shape.status.options,
  openKind: openItemKinds,
  dueLevel: dueLevels,
  dueReason: DueReason.shape.code.options,
};

describe("the label tables", () => {
  it("word every code of every enum in Dutch and English, and nothing else", () => {
    expect(Finding.shape.severity.options).toEqual(findingSeverities);
    for (const [name, codes] of Object.entries(codeSets)) {
      const table = dossierLabelTables[name as keyof typeof dossierLabelTables] as Record<string, { nl: string; en: string }>;
      expect(Object.keys(table).sort(), name).toEqual([...codes].sort());
      for (const code of codes) {
        expect(table[code]!.nl.trim(), `${name}.${code}`).not.toBe("");
        expect(table[code]!.en.trim(), `${name}.${code}`).not.toBe("");
        // A word, not the code: no underscores, no hyphenated code names.
        expect(table[code]!.nl, `${name}.${code}`).not.toMatch(/_/);
      }
    }
  });

  it("are the UI's words too (one source for both)", () => {
    expect(labelMessages("dossier.permitStatus", permitStatusLabels, "nl")).toMatchObject({ "dossier.permitStatus.granted": "verleend" });
    for (const [name, codes] of Object.entries(codeSets)) {
      if (name === "dueReason") continue;
      const table = dossierLabelTables[name as keyof typeof dossierLabelTables] as Record<string, { nl: string; en: string }>;
      for (const code of codes) {
        expect((messages.nl as Record<string, string>)[`dossier.${name}.${code}`], `${name}.${code}`).toBe(table[code]!.nl);
        expect((messages.en as Record<string, string>)[`dossier.${name}.${code}`], `${name}.${code}`).toBe(table[code]!.en);
      }
    }
  });
});
