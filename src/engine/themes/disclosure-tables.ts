/**
 * The tables disclosure control protects: an indicator's counted cells of one period at every level
 * it is published at, with the sums that tie them together. The same cell appears at every level
 * (a buurt is a part of its wijk, the wijk a part of the municipality), so one table holds them all;
 * no published figure adds periods or indicators up, so tables are independent of each other.
 */
import type { Cell } from "./rollup.ts";

/** A parent area and its parts in one table: parent = Σ children + remainder. */
export interface Group {
  parent: Cell;
  children: Cell[];
  /** The parent's units that no child accounts for (a complaint outside every buurt). */
  remainder: number;
  /**
   * Whether a reader must treat the remainder as unknown (≥ 0). The municipality counts rows outside
   * every buurt, so its remainder is never known from the publication; a wijk is built from its
   * buurten alone (rollup.ts), so its remainder is 0 and everyone may know it.
   */
  remainderUnknown: boolean;
}

export interface DisclosureTable {
  period: string;
  /** Cells with units, at the levels served (stations are never parts of an area sum). */
  cells: Cell[];
  groups: Group[];
}

/** Splits cells into one table per period; cells without units (no disclosure control) take no part. */
export function tablesOf(cells: Cell[]): DisclosureTable[] {
  const byPeriod = new Map<string, Cell[]>();
  for (const cell of cells) {
    if (cell.units === null || cell.level === "station") continue;
    const table = byPeriod.get(cell.period);
    if (table) table.push(cell);
    else byPeriod.set(cell.period, [cell]);
  }
  return [...byPeriod].map(([period, tableCells]) => ({ period, cells: tableCells, groups: groupsOf(tableCells) }));
}

function groupsOf(cells: Cell[]): Group[] {
  const byCode = new Map(cells.map((c) => [c.areaCode, c]));
  const children = new Map<string, Cell[]>();
  for (const cell of cells) {
    if (!cell.parent || !byCode.has(cell.parent)) continue;
    const kids = children.get(cell.parent);
    if (kids) kids.push(cell);
    else children.set(cell.parent, [cell]);
  }
  const groups: Group[] = [];
  for (const [code, kids] of children) {
    const parent = byCode.get(code)!;
    const remainder = (parent.units ?? 0) - kids.reduce((s, c) => s + (c.units ?? 0), 0);
    // Parts exceeding their whole (a source publishing every level itself, rounded apart) are not a sum.
    if (remainder < 0) continue;
    groups.push({ parent, children: kids, remainder, remainderUnknown: parent.level === "gemeente" || remainder > 0 });
  }
  return groups;
}

/** The cells that share a sum with `cell`: its parts, its parent and its parent's other parts. */
export function neighboursOf(table: DisclosureTable, cell: Cell): Cell[] {
  const near: Cell[] = [];
  for (const group of table.groups) {
    if (group.parent === cell) near.push(...group.children);
    else if (group.children.includes(cell)) near.push(group.parent, ...group.children.filter((c) => c !== cell));
  }
  return near;
}
