import { describe, expect, it } from "vitest";
import { auditPattern, MIN_FEASIBLE_VALUES, suppressSmallCells } from "../../../src/engine/themes/disclosure.ts";
import { rollUp, type Cell } from "../../../src/engine/themes/rollup.ts";
import { counts, hierarchy } from "./fixtures.ts";

const complaints = { grain: "buurt", rollup: "sum", lowestLevel: "buurt", disclosure: "complaints" } as const;
const hiddenCodes = (cells: Cell[]) =>
  cells
    .filter((c) => c.suppressed)
    .map((c) => c.areaCode)
    .sort();

/** Every parent with a published value has 0 or at least 2 hidden parts: no part is its total minus the rest. */
function expectNoSingleHiddenPart(cells: Cell[]) {
  for (const parent of cells.filter((c) => !c.suppressed)) {
    const children = cells.filter((c) => c.parent === parent.areaCode && c.period === parent.period);
    if (children.length === 0) continue;
    const remainder = parent.units! - children.reduce((s, c) => s + c.units!, 0);
    const hidden = children.filter((c) => c.suppressed).length + (remainder > 0 && remainder < 5 ? 1 : 0);
    expect(hidden, `parts of ${parent.areaCode} hidden`).not.toBe(1);
  }
}

describe("suppressSmallCells", () => {
  it("hides a cell of 1–4 units and a second cell beside it, so the wijk total does not give it away", async () => {
    const cells = await suppressSmallCells(
      rollUp(complaints, counts({ BU00010101: 3, BU00010102: 8, BU00010103: 6, BU00010201: 9, BU00010202: 7 }), hierarchy),
    );
    // The complement is the smallest other non-empty buurt of the same wijk.
    expect(hiddenCodes(cells)).toEqual(["BU00010101", "BU00010103"]);
    expect(cells.find((c) => c.areaCode === "BU00010101")).toMatchObject({ value: null, suppressed: true });
    expectNoSingleHiddenPart(cells);
  });

  it("protects a small wijk at the municipal level too, and never picks an empty cell as complement", async () => {
    const cells = await suppressSmallCells(rollUp(complaints, counts({ BU00010101: 2, BU00010201: 6, BU00010202: 6 }), hierarchy));
    // WK000101 (2) is small, so a second wijk must go; inside it the buurten of 0 are known anyway.
    expect(hiddenCodes(cells)).toEqual(["BU00010101", "BU00010201", "WK000101", "WK000102"]);
    expectNoSingleHiddenPart(cells);
  });

  it("treats what lies outside every buurt as a part of the municipal total", async () => {
    const cells = await suppressSmallCells(rollUp(complaints, counts({ BU00010101: 6, BU00010102: 7, BU00010201: 8, BU00010202: 9, none: 2 }), hierarchy));
    // The 2 complaints outside the buurten are the municipality minus its wijken: one wijk is hidden with them.
    expect(hiddenCodes(cells)).toContain("WK000101");
    expectNoSingleHiddenPart(cells);
  });

  it("leaves cells without units alone and zero counts published", async () => {
    const cells = await suppressSmallCells(rollUp(complaints, counts({ BU00010101: 10, BU00010201: 12 }), hierarchy));
    expect(hiddenCodes(cells)).toEqual([]);
    expect(cells.find((c) => c.areaCode === "BU00010102")!.value).toBe(0);
  });

  it("holds for many random registers: every small cell hidden, never an empty one, and no hidden number narrower than three values", async () => {
    for (let seed = 1; seed <= 200; seed++) {
      let state = seed;
      const draw = () => (state = (state * 1103515245 + 12345) % 2147483648) % 9;
      const values = { BU00010101: draw(), BU00010102: draw(), BU00010103: draw(), BU00010201: draw(), BU00010202: draw(), none: draw() % 3 };
      const all = rollUp(complaints, counts(values), hierarchy);
      const cells = await suppressSmallCells(all);
      expectNoSingleHiddenPart(cells);
      for (const cell of all) if (cell.units! > 0 && cell.units! < 5) expect(hiddenCodes(cells)).toContain(cell.areaCode);
      expect(
        cells.filter((c) => c.suppressed && c.units === 0),
        `seed ${seed}`,
      ).toEqual([]);
      for (const { interval } of await auditPattern(cells)) expect(interval.values, `seed ${seed}`).toBeGreaterThanOrEqual(MIN_FEASIBLE_VALUES);
    }
  });
});
