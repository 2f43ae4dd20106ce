/**
 * Disclosure control for aggregates served to the policy role, one table at a time (an indicator's
 * cells of one period at every level, see disclosure-tables.ts):
 *
 * 1. Primary: a cell counted from 1–4 units (establishments, complaints, persons) is hidden.
 * 2. Complementary, a cheap first pass: where a parent and its parts have exactly one hidden number
 *    (what lies in the parent but in no part, a complaint outside every buurt, counts as a part),
 *    a second one is hidden — the part with the fewest units, or the parent.
 * 3. The audit (disclosure-audit.ts): each hidden cell's feasible interval, by linear programming
 *    over everything published. While one holds fewer than MIN_FEASIBLE_VALUES whole numbers, a cell
 *    sharing a sum with it is hidden too, and the table is audited again.
 *
 * An empty cell is never hidden: a reader knows every hidden cell holds at least 1, and the audit
 * assumes exactly that (docs/decisions/0015).
 */
import type { Highs } from "highs";
import type { Localized } from "../../ground/contract/contract.ts";
import { auditTable, loadSolver, openTableAudit, type FeasibleInterval, type Unknown } from "./disclosure-audit.ts";
import { neighboursOf, tablesOf, type DisclosureTable } from "./disclosure-tables.ts";
import type { Cell } from "./rollup.ts";

export const MIN_UNITS = 5;
/** A hidden number must keep at least this many possible values for a reader of everything published. */
export const MIN_FEASIBLE_VALUES = 3;

export const SUPPRESSION_RULE: Localized = {
  nl:
    `Waarden die op minder dan ${MIN_UNITS} inrichtingen, klachten of personen berusten zijn onderdrukt. ` +
    "Daarnaast zijn zoveel andere waarden onderdrukt dat geen onderdrukte waarde uit de totalen (gemeente, wijk) en de getoonde waarden " +
    `terug te rekenen is tot minder dan ${MIN_FEASIBLE_VALUES} mogelijke waarden. Een 0 wordt altijd getoond.`,
  en:
    `Values based on fewer than ${MIN_UNITS} establishments, complaints or persons are suppressed. ` +
    "Further values are suppressed until no suppressed value can be narrowed down, from the totals (municipality, wijk) and the values shown, " +
    `to fewer than ${MIN_FEASIBLE_VALUES} possible values. A 0 is always shown.`,
};

/** The solver blocks while it works: between rounds, requests waiting meanwhile go first. */
const yieldToRequests = () => new Promise((resolve) => setImmediate(resolve));
const isSmall = (units: number | null) => units !== null && units > 0 && units < MIN_UNITS;
const isEmpty = (cell: Cell) => !cell.units;
const fewestUnitsFirst = (a: Cell, b: Cell) => (a.units ?? 0) - (b.units ?? 0) || a.areaCode.localeCompare(b.areaCode);

export interface DisclosureReport {
  tables: number;
  /** Cells hidden for 1–4 units, by the complementary pass, and after the audit found them narrow. */
  hidden: { primary: number; complementary: number; audit: number };
  /** Audits run: one per table, and again after each further suppression. */
  audits: number;
  /** Linear programmes solved. */
  solves: number;
  /**
   * The fewest possible values of any hidden number in the result, as far as the audit looked: it
   * stops at MIN_FEASIBLE_VALUES, so this is a lower bound (auditPattern gives exact intervals). Null when nothing is hidden.
   */
  minFeasibleValues: number | null;
}

/** Returns the cells with `suppressed` set and their values removed; cells without units pass unchanged. */
export async function suppressSmallCells(cells: Cell[]): Promise<Cell[]> {
  return (await controlDisclosure(cells)).cells;
}

/** suppressSmallCells, with figures on what it did. */
export async function controlDisclosure(cells: Cell[]): Promise<{ cells: Cell[]; report: DisclosureReport }> {
  const tables = tablesOf(cells);
  const report: DisclosureReport = { tables: tables.length, hidden: { primary: 0, complementary: 0, audit: 0 }, audits: 0, solves: 0, minFeasibleValues: null };
  if (tables.length === 0) return { cells, report };
  const highs = await loadSolver();
  const hiddenKeys = new Set<string>();
  for (const table of tables) {
    for (const code of await protectTable(highs, table, report)) hiddenKeys.add(`${table.period}|${code}`);
    await yieldToRequests();
  }
  return { cells: cells.map((c) => (hiddenKeys.has(`${c.period}|${c.areaCode}`) ? { ...c, value: null, suppressed: true } : c)), report };
}

/** The area codes to hide in one table: primary, complementary, then as many as the audit asks for. */
async function protectTable(highs: Highs, table: DisclosureTable, report: DisclosureReport): Promise<Set<string>> {
  const hidden = new Set(table.cells.filter((c) => isSmall(c.units)).map((c) => c.areaCode));
  const primary = hidden.size;
  complementByGroups(table, hidden);
  report.hidden.primary += primary;
  report.hidden.complementary += hidden.size - primary;
  const audit = openTableAudit(highs, table, hidden, { protectRemainder: isSmall, enough: MIN_FEASIBLE_VALUES });
  try {
    for (;;) {
      const intervals = audit.intervals();
      report.audits++;
      const narrow = intervals.filter(({ interval }) => interval.values < MIN_FEASIBLE_VALUES);
      if (narrow.length === 0) {
        for (const { interval } of intervals) report.minFeasibleValues = Math.min(report.minFeasibleValues ?? Infinity, interval.values);
        return hidden;
      }
      const next = cheapestComplement(
        table,
        hidden,
        narrow.map((n) => n.unknown),
      );
      hidden.add(next.areaCode);
      report.hidden.audit++;
      audit.hide(next);
      await yieldToRequests();
    }
  } finally {
    report.solves += audit.solves;
    audit.dispose();
  }
}

/**
 * The pass disclosure control was before the audit (primary and complementary), alone: what the
 * audit improves on, for the benchmark and the tests. Not safe to publish.
 */
export function suppressByGroups(cells: Cell[]): Cell[] {
  const hiddenKeys = new Set<string>();
  for (const table of tablesOf(cells)) {
    const hidden = new Set(table.cells.filter((c) => isSmall(c.units)).map((c) => c.areaCode));
    complementByGroups(table, hidden);
    for (const code of hidden) hiddenKeys.add(`${table.period}|${code}`);
  }
  return cells.map((c) => (hiddenKeys.has(`${c.period}|${c.areaCode}`) ? { ...c, value: null, suppressed: true } : c));
}

/** The exact feasible interval of every hidden number of the cells as they are suppressed (`suppressed`), per period. */
export async function auditPattern(cells: Cell[]): Promise<{ period: string; unknown: Unknown; interval: FeasibleInterval }[]> {
  const highs = await loadSolver();
  return tablesOf(cells).flatMap((table) => {
    const hidden = new Set(table.cells.filter((c) => c.suppressed).map((c) => c.areaCode));
    return auditTable(highs, table, hidden, { protectRemainder: isSmall }).intervals.map((i) => ({ period: table.period, ...i }));
  });
}

/** Until no group has exactly one hidden number: one unknown among known others and a known total, or a hidden total over known parts. */
function complementByGroups(table: DisclosureTable, hidden: Set<string>) {
  for (let changed = true; changed;) {
    changed = false;
    for (const { parent, children, remainder } of table.groups) {
      const hiddenParts = children.filter((c) => hidden.has(c.areaCode)).length + (isSmall(remainder) ? 1 : 0);
      const parentHidden = hidden.has(parent.areaCode);
      const exposed = (!parentHidden && hiddenParts === 1) || (parentHidden && hiddenParts === 0 && remainder === 0);
      if (!exposed) continue;
      const next = children.filter((c) => !hidden.has(c.areaCode) && !isEmpty(c)).sort(fewestUnitsFirst)[0] ?? (parentHidden ? undefined : parent);
      if (next) {
        hidden.add(next.areaCode);
        changed = true;
      }
    }
  }
}

/**
 * The cell to hide next: for each narrow unknown, the published non-empty cell with the fewest units
 * among those sharing a sum with it (when there is none, among those sharing a sum with its parent,
 * and so on up); of those, the one with the fewest units. One at a time, because one cell often
 * widens several narrow numbers at once, far apart in the tree.
 */
function cheapestComplement(table: DisclosureTable, hidden: Set<string>, narrow: Unknown[]): Cell {
  const byCode = new Map(table.cells.map((c) => [c.areaCode, c]));
  const shown = (c: Cell) => !hidden.has(c.areaCode) && !isEmpty(c);
  const candidates = narrow.flatMap((unknown) => {
    let at = unknown.kind === "cell" ? unknown.cell : unknown.group.parent;
    let near = unknown.kind === "cell" ? neighboursOf(table, at) : [at, ...unknown.group.children];
    for (;;) {
      const next = near.filter(shown).sort(fewestUnitsFirst)[0];
      const parent = at.parent === null ? undefined : byCode.get(at.parent);
      if (next || !parent) return next ? [next] : [];
      at = parent;
      near = neighboursOf(table, at);
    }
  });
  // Unreachable in a tree (a narrow number needs a published total above it); kept as a last resort.
  const next = candidates.sort(fewestUnitsFirst)[0] ?? table.cells.filter(shown).sort(fewestUnitsFirst)[0];
  if (!next) throw new Error(`disclosure control: nothing left to hide in period ${table.period}, yet a hidden number is narrow`);
  return next;
}
