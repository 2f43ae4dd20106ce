/**
 * Disclosure control for aggregates served to the policy role. A cell counted from 1–4 units
 * (establishments, complaints, persons) is suppressed (primary). Then, in every group of a parent
 * area and its children in one period, a single hidden cell could be recovered by subtracting the
 * others from the parent, so a second cell is hidden too (complementary): the child with the fewest
 * units, or the parent when no child is left. Whatever lies in the parent but in none of its children
 * (a complaint outside every buurt) is derivable from the same sum, so it takes part as a hidden
 * child of its own. Repeated until no group has exactly one hidden cell.
 */
import type { Localized } from "../api/contract.ts";
import type { Cell } from "./rollup.ts";

export const MIN_UNITS = 5;

export const SUPPRESSION_RULE: Localized = {
  nl:
    `Waarden die op minder dan ${MIN_UNITS} inrichtingen, klachten of personen berusten zijn onderdrukt. ` +
    "Waar zo'n waarde terug te rekenen zou zijn uit een totaal (gemeente of wijk) of uit de andere gebieden, is ook een tweede waarde onderdrukt.",
  en:
    `Values based on fewer than ${MIN_UNITS} establishments, complaints or persons are suppressed. ` +
    "Where such a value could be worked out from a total (municipality or wijk) or from the other areas, a second value is suppressed as well.",
};

const isSmall = (units: number | null) => units !== null && units > 0 && units < MIN_UNITS;

/** Returns the cells with `suppressed` set and their values removed; cells without units pass unchanged. */
export function suppressSmallCells(cells: Cell[]): Cell[] {
  const counted = cells.filter((c) => c.units !== null && c.level !== "station");
  if (counted.length === 0) return cells;
  const key = (c: Pick<Cell, "period" | "areaCode">) => `${c.period}|${c.areaCode}`;
  const hidden = new Set(counted.filter((c) => isSmall(c.units)).map(key));
  const groups = parentGroups(counted);

  for (let changed = true; changed; ) {
    changed = false;
    for (const { parent, children, remainder } of groups) {
      const hiddenChildren = children.filter((c) => hidden.has(key(c))).length + (isSmall(remainder) ? 1 : 0);
      const parentHidden = hidden.has(key(parent));
      // One unknown among known others and a known total, or a hidden total over known parts.
      const exposed = (!parentHidden && hiddenChildren === 1) || (parentHidden && hiddenChildren === 0 && remainder === 0);
      if (!exposed) continue;
      const candidates = children.filter((c) => !hidden.has(key(c))).sort((a, b) => rankAsComplement(a) - rankAsComplement(b) || a.areaCode.localeCompare(b.areaCode));
      const next = candidates[0] ?? (parentHidden ? undefined : parent);
      if (next) {
        hidden.add(key(next));
        changed = true;
      }
    }
  }
  return cells.map((c) => (hidden.has(key(c)) ? { ...c, value: null, suppressed: true } : c));
}

/** Prefer the smallest non-empty child: hiding an empty cell protects nothing, its value is known to be 0. */
const rankAsComplement = (c: Cell) => (c.units === 0 ? Number.MAX_SAFE_INTEGER : (c.units ?? 0));

interface Group {
  parent: Cell;
  children: Cell[];
  /** The parent's units that no child accounts for. */
  remainder: number;
}

function parentGroups(cells: Cell[]): Group[] {
  const byKey = new Map(cells.map((c) => [`${c.period}|${c.areaCode}`, c]));
  const children = new Map<string, Cell[]>();
  for (const cell of cells) {
    if (!cell.parent) continue;
    const parentKey = `${cell.period}|${cell.parent}`;
    if (!byKey.has(parentKey)) continue;
    children.set(parentKey, [...(children.get(parentKey) ?? []), cell]);
  }
  return [...children].map(([parentKey, kids]) => {
    const parent = byKey.get(parentKey)!;
    return { parent, children: kids, remainder: (parent.units ?? 0) - kids.reduce((s, c) => s + (c.units ?? 0), 0) };
  });
}
