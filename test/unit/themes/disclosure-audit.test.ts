/**
 * The audit of a suppression pattern by linear programming: what a reader of everything published
 * can work out about each hidden number, and the further suppressions that leave every hidden number
 * at least three possible values. Expected intervals are worked out by hand in the comments.
 */
import { describe, expect, it } from "vitest";
import { buildHierarchy, type AreaNode } from "../../../src/engine/themes/area-hierarchy.ts";
import { auditTable, loadSolver, openTableAudit, type Unknown } from "../../../src/engine/themes/disclosure-audit.ts";
import { tablesOf } from "../../../src/engine/themes/disclosure-tables.ts";
import { auditPattern, controlDisclosure, MIN_FEASIBLE_VALUES, suppressByGroups, suppressSmallCells } from "../../../src/engine/themes/disclosure.ts";
import { rollUp, type Cell } from "../../../src/engine/themes/rollup.ts";
import { counts, hierarchy } from "./fixtures.ts";

const complaints = { grain: "buurt", rollup: "sum", lowestLevel: "buurt", disclosure: "complaints" } as const;
const nameOf = (u: Unknown) => (u.kind === "cell" ? u.cell.areaCode : `outside the parts of ${u.group.parent.areaCode}`);
const hiddenCodes = (cells: Cell[]) =>
  cells
    .filter((c) => c.suppressed)
    .map((c) => c.areaCode)
    .sort();

/** Every hidden number with its feasible interval as [min, max]. */
async function intervals(cells: Cell[]) {
  return Object.fromEntries((await auditPattern(cells)).map(({ unknown, interval }) => [nameOf(unknown), [interval.min, interval.max]]));
}

const node = (code: string, level: AreaNode["level"], parent: string | null): AreaNode => ({
  code,
  name: code,
  level,
  parent,
  surfaceKm2: 1,
  homes: null,
  urbanity: null,
});
/** The issue's wijk: WK999903 with six buurten, beside WK999904 with two. */
const issueTree = buildHierarchy({ code: "GM9999", name: "Groenmeer" }, [
  node("GM9999", "gemeente", null),
  node("WK999903", "wijk", "GM9999"),
  node("WK999904", "wijk", "GM9999"),
  ...[1, 2, 3, 4, 5, 6].map((i) => node(`BU9999030${i}`, "buurt", "WK999903")),
  node("BU99990401", "buurt", "WK999904"),
  node("BU99990402", "buurt", "WK999904"),
]);

describe("the audit of a suppression pattern", () => {
  it("WK999903 = 10 with one published buurt of 5 and five hidden ones: the groups pass gave every hidden buurt away as 1; now each keeps 1–5", async () => {
    const all = rollUp(
      complaints,
      counts({ BU99990301: 5, BU99990302: 1, BU99990303: 1, BU99990304: 1, BU99990305: 1, BU99990306: 1, BU99990401: 20, BU99990402: 30 }),
      issueTree,
    );
    const fiveOnes = ["BU99990302", "BU99990303", "BU99990304", "BU99990305", "BU99990306"];

    // No group has a single hidden part, so the old pass saw nothing wrong: 10 − 5 = 5 over five buurten of at least 1.
    const before = suppressByGroups(all);
    expect(hiddenCodes(before)).toEqual(fiveOnes);
    expect(await intervals(before)).toEqual(Object.fromEntries(fiveOnes.map((code) => [code, [1, 1]])));

    // Hiding the buurt of 5 too: six buurten of at least 1 share 10, so each holds 1 to 10 − 5 = 5.
    const after = await suppressSmallCells(all);
    expect(hiddenCodes(after)).toEqual(["BU99990301", ...fiveOnes]);
    expect(after.find((c) => c.areaCode === "WK999903")).toMatchObject({ value: 10, suppressed: false });
    expect(await intervals(after)).toEqual(Object.fromEntries(["BU99990301", ...fiveOnes].map((code) => [code, [1, 5]])));
  });

  it("protects what lies outside every buurt: 1 complaint outside, while the municipal total and a wijk are published", async () => {
    const all = rollUp(complaints, counts({ BU00010101: 1, BU00010102: 5, BU00010103: 6, BU00010201: 1, BU00010202: 1, none: 1 }), hierarchy);
    // GM0001 = 15 and WK000101 = 12 published, WK000102 hidden: 15 − 12 = WK000102 + outside, with WK000102 ≥ 2.
    expect((await intervals(suppressByGroups(all)))["outside the parts of GM0001"]).toEqual([0, 1]);

    // With WK000101 hidden too: the four small buurten and the outside share 15 − 6 = 9, each buurt at least 1.
    const after = await suppressSmallCells(all);
    expect(hiddenCodes(after)).toEqual(["BU00010101", "BU00010102", "BU00010201", "BU00010202", "WK000101", "WK000102"]);
    expect(await intervals(after)).toEqual({
      BU00010101: [1, 6],
      BU00010102: [1, 6],
      BU00010201: [1, 6],
      BU00010202: [1, 6],
      WK000101: [8, 13],
      WK000102: [2, 7],
      "outside the parts of GM0001": [0, 5],
    });
  });

  it("protects hidden wijken pinned down by their published buurten and the municipal total", async () => {
    const all = rollUp(complaints, counts({ BU00010101: 7, BU00010102: 1, BU00010103: 1, BU00010201: 1, BU00010202: 1 }), hierarchy);
    // WK000101 = 7 + 1 + 1 with BU00010101 = 7 published, WK000102 = 11 − 9: both hidden wijken and all four buurten exact.
    expect(await intervals(suppressByGroups(all))).toMatchObject({ WK000101: [9, 9], WK000102: [2, 2], BU00010102: [1, 1], BU00010201: [1, 1] });

    // Hiding the buurt of 7 is enough: five buurten of at least 1 and what lies outside them share GM0001 = 11.
    const after = await suppressSmallCells(all);
    expect(hiddenCodes(after)).toEqual(["BU00010101", "BU00010102", "BU00010103", "BU00010201", "BU00010202", "WK000101", "WK000102"]);
    expect(await intervals(after)).toEqual({
      BU00010101: [1, 7],
      BU00010102: [1, 7],
      BU00010103: [1, 7],
      BU00010201: [1, 7],
      BU00010202: [1, 7],
      WK000101: [3, 9],
      WK000102: [2, 8],
    });
  });

  it("finds no bound above a hidden municipal total: nothing published caps it", async () => {
    const after = await suppressSmallCells(rollUp(complaints, counts({ BU00010101: 1, BU00010201: 2 }), hierarchy));
    expect(hiddenCodes(after)).toEqual(["BU00010101", "BU00010201", "GM0001", "WK000101", "WK000102"]);
    expect(Object.values(await intervals(after)).map(([, max]) => max)).toEqual([Infinity, Infinity, Infinity, Infinity, Infinity]);
  });

  it("stops solving a number once it is seen at enough values, never calling a narrow number wide, and hides further cells in place", async () => {
    const highs = await loadSolver();
    let spared = 0;
    for (let seed = 1; seed <= 100; seed++) {
      let state = seed;
      const draw = () => (state = (state * 1103515245 + 12345) % 2147483648) % 9;
      const values = { BU00010101: draw(), BU00010102: draw(), BU00010103: draw(), BU00010201: draw(), BU00010202: draw(), none: draw() % 3 };
      for (const table of tablesOf(suppressByGroups(rollUp(complaints, counts(values), hierarchy)))) {
        const hidden = new Set(table.cells.filter((c) => c.suppressed).map((c) => c.areaCode));
        const protectRemainder = (units: number) => units > 0 && units < 5;
        const exact = auditTable(highs, table, hidden, { protectRemainder });
        const quick = auditTable(highs, table, hidden, { protectRemainder, enough: MIN_FEASIBLE_VALUES });
        spared += exact.solves - quick.solves;
        exact.intervals.forEach(({ interval }, i) => {
          const seen = quick.intervals[i]!.interval;
          expect(interval.exact).toBe(true);
          expect(seen.values >= MIN_FEASIBLE_VALUES, `seed ${seed}`).toBe(interval.values >= MIN_FEASIBLE_VALUES);
          if (seen.exact) expect(seen).toEqual(interval);
          else expect(interval.min <= seen.min && seen.max <= interval.max, `seed ${seed}`).toBe(true);
        });

        // Hiding one more cell in an open audit gives what a fresh audit of the new pattern gives.
        const more = table.cells.find((c) => !hidden.has(c.areaCode) && c.units! > 0);
        if (!more) continue;
        const open = openTableAudit(highs, table, hidden, { protectRemainder });
        try {
          open.intervals();
          open.hide(more);
          const fresh = auditTable(highs, table, new Set([...hidden, more.areaCode]), { protectRemainder });
          const byName = (list: typeof fresh.intervals) => Object.fromEntries(list.map(({ unknown, interval }) => [nameOf(unknown), interval]));
          expect(byName(open.intervals()), `seed ${seed}`).toEqual(byName(fresh.intervals));
        } finally {
          open.dispose();
        }
      }
    }
    expect(spared).toBeGreaterThan(0);
  });

  it("reports what it did", async () => {
    const { report } = await controlDisclosure(
      rollUp(complaints, counts({ BU00010101: 7, BU00010102: 1, BU00010103: 1, BU00010201: 1, BU00010202: 1 }), hierarchy),
    );
    expect(report).toMatchObject({ tables: 1, hidden: { primary: 5, complementary: 1, audit: 1 }, audits: 2 });
    expect(report.minFeasibleValues).toBeGreaterThanOrEqual(MIN_FEASIBLE_VALUES);
  });
});
