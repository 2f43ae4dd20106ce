/**
 * The one rule every chart draws norms by (client/src/charts/norm-style.ts): each norm the API can send
 * (src/engine/themes/norms.ts) is either an EU limit value (law) or the WHO guideline (advice), and
 * the two never look alike (issue 19).
 */
import { describe, expect, it, vi } from "vitest";

// i18n.ts (through annual-limits.ts) sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { annualNorms, dailyNorms, hourlyNorms } from "../../../../src/engine/themes/norms.ts";
import { normKeyEntries, normKind, normStyle } from "../../../../client/src/charts/norm-style.ts";
import { chartColours } from "../../../../client/src/charts/target-marks.ts";
import { standardLineStyles } from "../../../../client/src/charts/annual-limits.ts";
import { complianceStandards } from "../../../../src/ground/contract/contract-air.ts";

const allNormIds = [
  ...new Set([
    ...Object.values(annualNorms).flatMap((norms) => norms.map((norm) => norm.id)),
    ...Object.values(dailyNorms).flatMap((norms) => norms.map(({ norm }) => norm.id)),
    ...Object.values(hourlyNorms).flatMap((norms) => norms.map(({ norm }) => norm.id)),
  ]),
];

describe("normKind", () => {
  it("calls every norm the server knows either law (eu-…) or advice (who-…), and nothing else", () => {
    expect(allNormIds).toEqual(expect.arrayContaining(["eu-2008", "eu-2030", "who-2021", "eu-2008-24h", "eu-2030-24h", "eu-2008-1h", "eu-2030-1h"]));
    for (const id of allNormIds) {
      // A new family of norms must be given a kind here first, not fall into one by accident.
      expect(id, id).toMatch(/^(eu|who)-/);
      expect(normKind(id), id).toBe(id.startsWith("eu-") ? "limit" : "guideline");
    }
  });

  it("never presents an unknown norm as law", () => {
    expect(normKind("nl-2030")).toBe("guideline");
    expect(normKind("europe")).toBe("guideline");
  });
});

describe("normStyle", () => {
  const limits = allNormIds.filter((id) => normKind(id) === "limit").map(normStyle);
  const guidelines = allNormIds.filter((id) => normKind(id) === "guideline").map(normStyle);

  it("draws every EU limit value solid in the norm colour, and the WHO guideline dotted in another colour", () => {
    expect(limits.length).toBeGreaterThan(0);
    expect(guidelines.length).toBeGreaterThan(0);
    for (const style of limits) expect(style).toMatchObject({ kind: "limit", stroke: chartColours.norm, dash: "none" });
    for (const style of guidelines) {
      expect(style.kind).toBe("guideline");
      expect(style.dash).not.toBe("none");
      for (const limit of limits) {
        expect(style.dash).not.toBe(limit.dash);
        expect(style.stroke).not.toBe(limit.stroke);
      }
    }
  });

  it("tells the limit in force (thick) from the 2030 one (thin), both solid", () => {
    expect(normStyle("eu-2008").width).toBeGreaterThan(normStyle("eu-2030").width);
    expect(normStyle("eu-2008-24h")).toBe(normStyle("eu-2008"));
    expect(normStyle("eu-2030-1h")).toBe(normStyle("eu-2030"));
    expect(normStyle("eu-current")).toBe(normStyle("eu-2008"));
  });

  it("looks like neither the target path nor the forecast", () => {
    for (const style of [...limits, ...guidelines]) {
      expect(style.stroke).not.toBe(chartColours.target);
      expect(style.stroke).not.toBe(chartColours.band);
    }
  });

  it("is what the air-quality compliance chart draws its standards with", () => {
    for (const id of complianceStandards) expect(standardLineStyles[id]).toBe(normStyle(id));
  });
});

describe("normKeyEntries", () => {
  it("gives one key entry per kind present, limits first, with a swatch per distinct line, thickest first", () => {
    expect(normKeyEntries(["who-2021", "eu-2030", "eu-2008", "eu-2030-24h"])).toEqual([
      { kind: "limit", swatches: [normStyle("eu-2008"), normStyle("eu-2030")] },
      { kind: "guideline", swatches: [normStyle("who-2021")] },
    ]);
    expect(normKeyEntries(["eu-2030"])).toEqual([{ kind: "limit", swatches: [normStyle("eu-2030")] }]);
    expect(normKeyEntries([])).toEqual([]);
  });
});
