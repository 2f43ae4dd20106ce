/**
 * From the Klimaatmonitor's rows to our records, without HTTP: which rows are the municipality's, what a
 * ValueString means, and how variables add up to a dataset's categories per year.
 *
 * A year is loaded only when every variable of the dataset has a value for it. The views add a year's
 * categories up, so a year one variable lacks ('?' while a figure is not yet computed) would look like a
 * fall; it appears once the Klimaatmonitor completes it.
 */
import type { Categories, CategoryOf, VariableMapping } from "./klimaatmonitor-variables.ts";

/**
 * The four digits of a gemeente's ExternalCode, however the service writes it: "GM0518", "0518", "518",
 * "gemeente_518" (the form a third party reports) and padded "GM0518  " all give "0518"; a RES region
 * ("res_14"), a wijk code or anything else gives null.
 */
export function municipalityDigits(code: unknown): string | null {
  const text = typeof code === "number" ? String(code) : typeof code === "string" ? code.trim() : "";
  const match = /^(?:GM|gemeente_)?(\d{1,4})$/i.exec(text);
  return match ? match[1]!.padStart(4, "0") : null;
}

/** Every spelling municipalityDigits reads, as one OData filter: which one the service uses is not known. */
export function externalCodeFilter(municipalityCode: string): string {
  const digits = municipalityCode.slice(2);
  const bare = String(Number(digits));
  const spellings = new Set([municipalityCode, digits, bare, `gemeente_${bare}`]);
  return [...spellings].map((code) => `ExternalCode eq '${code}'`).join(" or ");
}

/** Whether a Values row is the municipality's: its ExternalCode names it, at the gemeente level when the row says. */
export function isMunicipalityRow(row: unknown, municipalityCode: string): row is Record<string, unknown> {
  if (typeof row !== "object" || row === null) return false;
  const { ExternalCode, GeoLevel } = row as Record<string, unknown>;
  if (typeof GeoLevel === "string" && GeoLevel.toLowerCase() !== "gemeente") return false;
  return municipalityDigits(ExternalCode) === municipalityCode.slice(2);
}

/** A catalogue item's id: ExternalCode (as third parties read /Variables), else Id, else Name. */
export function variableIdOf(item: unknown): string | null {
  if (typeof item !== "object" || item === null) return null;
  for (const field of ["ExternalCode", "Id", "Name"]) {
    const value = (item as Record<string, unknown>)[field];
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return null;
}

export type Cell = { kind: "value"; value: number } | { kind: "missing" } | { kind: "bad"; raw: string };

const MISSING: Cell = { kind: "missing" };
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/**
 * A ValueString: '?' and '' (and no value at all) are missing; a number with a decimal point is a value;
 * anything else ("12,5", "n.v.t.") is bad, passed on as it came so the run quarantines it with a reason.
 */
export function parseValue(raw: unknown): Cell {
  if (raw === null || raw === undefined) return MISSING;
  if (typeof raw === "number") return Number.isFinite(raw) ? { kind: "value", value: raw } : { kind: "bad", raw: String(raw) };
  if (typeof raw !== "string") return { kind: "bad", raw: JSON.stringify(raw) };
  const text = raw.trim();
  if (text === "" || text === "?") return MISSING;
  return NUMBER.test(text) ? { kind: "value", value: Number(text) } : { kind: "bad", raw };
}

/** A year period, written "2019" or 2019; null for anything else. */
export function yearOf(period: unknown): number | null {
  const text = typeof period === "number" ? String(period) : typeof period === "string" ? period.trim() : "";
  return /^\d{4}$/.test(text) ? Number(text) : null;
}

/** One of the municipality's rows of a variable: its Period and ValueString as they came. */
export interface ValueRow {
  period: unknown;
  value: unknown;
}

export interface DatasetRecords {
  records: Record<string, unknown>[];
  /** The years loaded: those from `fromYear` in which every variable has a value. */
  years: number[];
  /** Per variable, the years from `fromYear` it has a value for. */
  yearsWithValues: Map<string, number[]>;
}

const byNumber = (a: number, b: number) => a - b;
const same = (a: Cell, b: Cell) => JSON.stringify(a) === JSON.stringify(b);
/** Sums of values times factors, rounded so 0.1 + 0.2 is stored as 0.3. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

function cellsByYear(variable: { id: string }, rows: readonly ValueRow[], fromYear: number, strayRecord: (row: ValueRow, cell: Cell) => void) {
  const byYear = new Map<number, Cell>();
  for (const row of rows) {
    const cell = parseValue(row.value);
    const year = yearOf(row.period);
    if (year === null) strayRecord(row, cell);
    else if (year >= fromYear) {
      const seen = byYear.get(year);
      if (seen && !same(seen, cell))
        throw new Error(`Klimaatmonitor variable ${variable.id} has two values for ${year}: ${JSON.stringify(seen)} and ${JSON.stringify(cell)}`);
      byYear.set(year, cell);
    }
  }
  return byYear;
}

/**
 * The dataset's records: per complete year and category, the sum of its variables' values times their
 * factors. A bad value makes its category's record carry the raw text, and a period that is not a year
 * its own record, so the run quarantines them with a reason instead of loading a wrong sum.
 */
export function toRecords<C extends Categories>(
  variables: readonly VariableMapping<C>[],
  rowsOf: ReadonlyMap<string, readonly ValueRow[]>,
  { fromYear, valueColumn }: { fromYear: number; valueColumn: string },
): DatasetRecords {
  const records: Record<string, unknown>[] = [];
  const cells = new Map<string, Map<number, Cell>>();
  for (const variable of variables) {
    const stray = (row: ValueRow, cell: Cell) =>
      records.push({
        year: row.period,
        ...variable.category,
        [valueColumn]: cell.kind === "value" ? cell.value * variable.factor : cell.kind === "bad" ? cell.raw : null,
      });
    cells.set(variable.id, cellsByYear(variable, rowsOf.get(variable.id) ?? [], fromYear, stray));
  }
  const yearsWithValues = new Map(
    variables.map(({ id }) => [
      id,
      [...cells.get(id)!]
        .filter(([, c]) => c.kind !== "missing")
        .map(([y]) => y)
        .sort(byNumber),
    ]),
  );
  const allYears = [...new Set([...yearsWithValues.values()].flat())].sort(byNumber);
  const years = allYears.filter((year) => variables.every(({ id }) => yearsWithValues.get(id)!.includes(year)));
  for (const year of years) {
    const groups = new Map<string, { category: CategoryOf<C>; total: number; bad?: string }>();
    for (const variable of variables) {
      const key = JSON.stringify(variable.category);
      const group = groups.get(key) ?? { category: variable.category, total: 0 };
      groups.set(key, group);
      const cell = cells.get(variable.id)!.get(year)!;
      if (cell.kind === "bad") group.bad ??= cell.raw;
      else if (cell.kind === "value") group.total += cell.value * variable.factor;
    }
    for (const { category, total, bad } of groups.values()) records.push({ year, ...category, [valueColumn]: bad ?? round(total) });
  }
  return { records, years, yearsWithValues };
}

/** "2010–2015, 2017, 2019–2023": years as runs, for a message; "–" for none. */
export function yearRanges(years: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < years.length;) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    runs.push(i === j ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return runs.join(", ") || "–";
}

/** The listed ids most like the missing ones (the longest shared beginning) first, at most `max`, with how many more exist. */
export function nearestIds(listed: Iterable<string>, missing: readonly string[], max = 30): string {
  const shared = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i]!.toLowerCase() === b[i]!.toLowerCase()) i++;
    return i;
  };
  const score = (id: string) => Math.max(0, ...missing.map((m) => shared(id, m)));
  const ranked = [...new Set(listed)].sort((a, b) => score(b) - score(a) || a.localeCompare(b));
  if (!ranked.length) return "–";
  const shown = ranked.slice(0, max).join(", ");
  return ranked.length > max ? `${shown} … (+${ranked.length - max})` : shown;
}
