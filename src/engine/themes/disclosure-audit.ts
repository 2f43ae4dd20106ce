/**
 * The audit of a suppression pattern, as statistical offices run it (τ-ARGUS): for one table, what
 * can a reader of everything published work out about each hidden number? Each hidden cell's
 * smallest and largest possible value is a linear programme over what the reader knows — every
 * published cell, the sums parent = Σ children + remainder, a hidden cell ≥ 1 (zeros are published,
 * and no complement is ever an empty cell), a remainder ≥ 0 — solved by HiGHS (docs/decisions/0015).
 *
 * The sums of an area tree form a network matrix, which is totally unimodular: the programme's
 * vertices are whole numbers, so its bounds are the exact bounds over whole counts, not merely a
 * relaxation. They are rounded inwards anyway, against floating-point error.
 */
import highsLoader, { type Highs } from "highs";
import type { DisclosureTable, Group } from "./disclosure-tables.ts";
import type { Cell } from "./rollup.ts";

let loading: Promise<Highs> | undefined;

/** HiGHS compiled to WebAssembly, loaded once per process (tens of milliseconds) and kept. */
export function loadSolver(): Promise<Highs> {
  loading ??= highsLoader().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** A number the reader cannot see: a suppressed cell, or what a parent holds outside its parts. */
export type Unknown = { kind: "cell"; cell: Cell } | { kind: "remainder"; group: Group };

/** The whole numbers an unknown can take given everything published; `max` is Infinity when nothing bounds it. */
export interface FeasibleInterval {
  min: number;
  max: number;
  /** How many values: max − min + 1. */
  values: number;
  /** False when the audit stopped once the interval held `enough` values: the true one may be wider. */
  exact: boolean;
}

export interface AuditOptions {
  /** Which remainders (what a parent holds outside its parts) to audit, by their true units. */
  protectRemainder: (units: number) => boolean;
  /** Stop solving for a number once it is seen at this many values; Infinity (default) for exact intervals. */
  enough?: number;
}

/** An audit of one table that further suppressions update in place, keeping what it has seen. */
export interface TableAudit {
  /** Every audited number's feasible interval under the suppressions so far. */
  intervals(): { unknown: Unknown; interval: FeasibleInterval }[];
  /** Hides one more published cell: its count becomes an unknown of the programme. */
  hide(cell: Cell): void;
  /** Linear programmes solved so far. */
  readonly solves: number;
  /** Frees the solver's memory (WebAssembly memory is not garbage-collected). */
  dispose(): void;
}

const EPSILON = 1e-6;

/**
 * Audits one table: every hidden cell, and every remainder `protectRemainder` asks for.
 *
 * Each solution the solver returns is a possible table, and so are the true counts; the values seen
 * for an unknown across them are possible, and so is every whole number between (the set is convex
 * and its vertices whole). An unknown seen at `enough` values needs no programme of its own, which
 * spares most of them. Hiding a further cell only adds possible tables, so what was seen stays
 * possible and a later `intervals()` solves for the narrow numbers alone.
 * @param hidden area codes of the table's suppressed cells
 * @throws from `intervals()` when the true counts do not satisfy the sums (a bug: better no answer than an unaudited one)
 */
export function openTableAudit(
  highs: Highs,
  table: DisclosureTable,
  hidden: ReadonlySet<string>,
  { protectRemainder, enough = Infinity }: AuditOptions,
): TableAudit {
  const rowOf = new Map(table.groups.map((group, row) => [group, row]));
  /** Each group's right-hand side: (published parts) − (published parent). */
  const rhs = table.groups.map(
    (group) => group.children.reduce((s, c) => s + (hidden.has(c.areaCode) ? 0 : c.units!), 0) - (hidden.has(group.parent.areaCode) ? 0 : group.parent.units!),
  );
  const columns: { unknown: Unknown; audited: boolean; entries: Map<number, 1 | -1>; seenMin: number; seenMax: number }[] = [];
  const addColumn = (unknown: Unknown, entries: Map<number, 1 | -1>) => {
    const truth = unknown.kind === "cell" ? unknown.cell.units! : unknown.group.remainder;
    columns.push({ unknown, audited: unknown.kind === "cell" || protectRemainder(truth), entries, seenMin: truth, seenMax: truth });
  };
  /** Where a cell stands in the sums: +1 in its own group as the parent, −1 in its parent's as a part. */
  const entriesOf = (cell: Cell) => {
    const entries = new Map<number, 1 | -1>();
    table.groups.forEach((group, row) => {
      if (group.parent === cell) entries.set(row, 1);
      else if (group.children.includes(cell)) entries.set(row, -1);
    });
    return entries;
  };
  for (const cell of table.cells) if (hidden.has(cell.areaCode)) addColumn({ kind: "cell", cell }, entriesOf(cell));
  for (const group of table.groups) if (group.remainderUnknown) addColumn({ kind: "remainder", group }, new Map([[rowOf.get(group)!, -1]]));

  let model: ReturnType<Highs["createModel"]> | undefined;
  let solves = 0;
  const status = highs.constants.modelStatus;

  /** Built at the first audit that has something to solve; hide() before then only changes the data. */
  function built() {
    if (model) return model;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const { entries } of columns) {
      for (const [row, sign] of [...entries].sort(([a], [b]) => a - b)) {
        indices.push(row);
        values.push(sign);
      }
      starts.push(indices.length);
    }
    model = highs.createModel({
      numCols: columns.length,
      numRows: rhs.length,
      colCost: columns.map(() => 0),
      colLower: columns.map((c) => (c.unknown.kind === "cell" ? 1 : 0)),
      colUpper: columns.map(() => highs.infinity),
      rowLower: rhs,
      rowUpper: rhs,
      matrix: { format: "csc", numRows: rhs.length, numCols: columns.length, starts, indices, values },
    });
    // Small programmes, solved many times with one objective changed: simplex from the last basis.
    model.options.set({ output_flag: false, presolve: "off" });
    const feasible = model.run().modelStatus;
    solves++;
    if (feasible !== status.optimal)
      throw new Error(`disclosure audit: the sums of period ${table.period} do not hold for the true counts (HiGHS model status ${feasible})`);
    see(model);
    return model;
  }

  function see(solved: NonNullable<typeof model>) {
    solved.getSolution().colValue.forEach((x, j) => {
      const column = columns[j]!;
      // + 0: a remainder's bound of −0 reads as 0.
      column.seenMin = Math.min(column.seenMin, Math.ceil(x - EPSILON) + 0);
      column.seenMax = Math.max(column.seenMax, Math.floor(x + EPSILON) + 0);
    });
  }

  /** Minimises x, or −x (the same sense throughout keeps the basis warm). */
  function solve(solver: NonNullable<typeof model>, j: number, sign: 1 | -1) {
    solver.changeColCost(j, sign);
    const outcome = solver.run().modelStatus;
    solves++;
    if (outcome === status.optimal) see(solver);
    // Feasibility was shown when the model was built, so "unbounded or infeasible" is unbounded.
    else if (sign === -1 && (outcome === status.unbounded || outcome === status.unboundedOrInfeasible)) columns[j]!.seenMax = Infinity;
    else throw new Error(`disclosure audit: HiGHS model status ${outcome} for a bound in period ${table.period}`);
    // After reading the solution: a change to the model discards it.
    solver.changeColCost(j, 0);
  }

  const seenValues = (j: number) => columns[j]!.seenMax - columns[j]!.seenMin + 1;

  return {
    intervals() {
      if (!columns.some((c) => c.audited)) return [];
      const solver = built();
      return columns.flatMap((column, j) => {
        if (!column.audited) return [];
        let exact = false;
        if (seenValues(j) < enough) solve(solver, j, 1);
        if (seenValues(j) < enough) {
          solve(solver, j, -1);
          exact = true;
        }
        const { seenMin: min, seenMax: max } = column;
        return [{ unknown: column.unknown, interval: { min, max, values: max - min + 1, exact } }];
      });
    },
    hide(cell) {
      const entries = entriesOf(cell);
      // Its count leaves the right-hand sides it stood in as a constant.
      for (const [row, sign] of entries) {
        rhs[row] = rhs[row]! + sign * cell.units!;
        model?.changeRowBounds(row, rhs[row]!, rhs[row]!);
      }
      addColumn({ kind: "cell", cell }, entries);
      const sorted = [...entries].sort(([a], [b]) => a - b);
      model?.addCol(0, 1, highs.infinity, { indices: sorted.map(([row]) => row), values: sorted.map(([, sign]) => sign) });
    },
    get solves() {
      return solves;
    },
    dispose() {
      model?.dispose();
    },
  };
}

/** Exact intervals of one table's hidden numbers, in one go. */
export function auditTable(highs: Highs, table: DisclosureTable, hidden: ReadonlySet<string>, options: AuditOptions) {
  const audit = openTableAudit(highs, table, hidden, options);
  try {
    return { intervals: audit.intervals(), solves: audit.solves };
  } finally {
    audit.dispose();
  }
}
